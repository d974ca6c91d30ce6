import { CONTENT, Cursor, FramingError, HANDSHAKE, HandshakeReader, hex16, type TlsRecord } from './records';

/**
 * The server's first flight, read record by record: ServerHello, Certificate, ... ServerHelloDone.
 * Ends with the certificate chain (DER, leaf first), or with why there is none: an alert, a TLS
 * 1.3 answer (its certificate travels encrypted), or malformed bytes.
 */
export type FlightEnd =
  | { kind: 'chain'; chain: Uint8Array[]; version: number; cipherSuite: number }
  | { kind: 'tls13'; detail: string }
  | { kind: 'alert'; code: number; detail: string }
  | { kind: 'malformed'; detail: string };

export const TLS13 = 0x0304;
const SUPPORTED_VERSIONS = 0x002b;

/** Alert descriptions worth naming (RFC 5246 §7.2, RFC 8446 §6). */
const ALERTS: Record<number, string> = {
  10: 'unexpected_message',
  40: 'handshake_failure',
  47: 'illegal_parameter',
  50: 'decode_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  112: 'unrecognized_name',
};
export const PROTOCOL_VERSION_ALERT = 70;

export const TLS13_ONLY =
  'the server speaks only TLS 1.3, where the certificate travels encrypted: it cannot be read in clear';

export class ServerFlight {
  private readonly handshake = new HandshakeReader();
  private hello: { version: number; cipherSuite: number } | null = null;
  private chain: Uint8Array[] | null = null;

  /** Null while the flight goes on; the end once it is known. */
  feed(record: TlsRecord): FlightEnd | null {
    try {
      if (record.type === CONTENT.alert) return alertEnd(record.fragment);
      if (record.type !== CONTENT.handshake) {
        return { kind: 'malformed', detail: `unexpected record type ${record.type} before the certificate` };
      }
      for (const message of this.handshake.push(record.fragment)) {
        const end = this.message(message.type, message.body);
        if (end) return end;
      }
      return null;
    } catch (error) {
      if (error instanceof FramingError) return { kind: 'malformed', detail: error.message };
      throw error;
    }
  }

  /** What the flight gave when the connection ended early (a chain without ServerHelloDone counts). */
  finish(reason: string): FlightEnd {
    if (this.hello && this.chain) return { kind: 'chain', chain: this.chain, ...this.hello };
    return { kind: 'malformed', detail: `${reason} before the server sent its certificate` };
  }

  private message(type: number, body: Uint8Array): FlightEnd | null {
    if (this.hello === null) {
      if (type !== HANDSHAKE.serverHello) {
        return { kind: 'malformed', detail: `expected ServerHello, got handshake message ${type}` };
      }
      const { version, cipherSuite } = parseServerHello(body);
      if (version === TLS13) return { kind: 'tls13', detail: TLS13_ONLY };
      this.hello = { version, cipherSuite };
      return null;
    }
    if (type === HANDSHAKE.certificate) this.chain = parseCertificates(body);
    if (type === HANDSHAKE.serverHelloDone) {
      if (!this.chain) return { kind: 'malformed', detail: 'the server sent no Certificate message' };
      return { kind: 'chain', chain: this.chain, ...this.hello };
    }
    return null;
  }
}

export interface ServerHello {
  /** Negotiated: supported_versions wins over the legacy field. */
  version: number;
  cipherSuite: number;
  random: Uint8Array;
  extensions: Map<number, Uint8Array>;
}

export function parseServerHello(body: Uint8Array): ServerHello {
  const cursor = new Cursor(body, 'ServerHello');
  let version = cursor.u16();
  const random = cursor.take(32);
  cursor.vector(1); // session id
  const cipherSuite = cursor.u16();
  cursor.u8(); // compression
  const extensions = new Map<number, Uint8Array>();
  if (cursor.remaining > 0) {
    const list = new Cursor(cursor.vector(2), 'ServerHello extensions');
    while (list.remaining > 0) extensions.set(list.u16(), list.vector(2));
  }
  const supported = extensions.get(SUPPORTED_VERSIONS);
  if (supported?.length === 2) version = ((supported[0] as number) << 8) | (supported[1] as number);
  return { version, cipherSuite, random, extensions };
}

/**
 * Certificate: a vector of DER certificates, leaf first (RFC 5246 §7.4.2). In TLS 1.3 (RFC 8446
 * §4.4.2) it starts with a request context and each certificate is followed by extensions.
 */
export function parseCertificates(body: Uint8Array, tls13 = false): Uint8Array[] {
  const message = new Cursor(body, 'Certificate message');
  if (tls13) message.vector(1); // certificate_request_context
  const list = new Cursor(message.vector(3), 'certificate list');
  const chain: Uint8Array[] = [];
  while (list.remaining > 0) {
    chain.push(list.vector(3).slice());
    if (tls13) list.vector(2); // the entry's extensions
  }
  if (chain.length === 0) throw new FramingError('the Certificate message holds no certificate');
  return chain;
}

/** An alert record as a flight's end; `versionAlert` says what protocol_version means here. */
export function alertEnd(fragment: Uint8Array, versionAlert = true): FlightEnd {
  if (fragment.length < 2) return { kind: 'malformed', detail: 'truncated alert record' };
  const code = fragment[1] as number;
  const name = ALERTS[code] ?? `alert ${code}`;
  if (code === PROTOCOL_VERSION_ALERT && versionAlert)
    return { kind: 'tls13', detail: `${TLS13_ONLY} (it refused TLS 1.2 with ${name})` };
  return { kind: 'alert', code, detail: `the server ended the handshake with ${name}` };
}

export const versionName = (version: number) =>
  ({ 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' })[
    version
  ] ?? `0x${hex16(version)}`;
