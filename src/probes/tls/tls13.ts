import { TLS_AES_128_GCM_SHA256, X25519 } from './client-hello';
import { CONTENT, FramingError, HANDSHAKE, HandshakeReader, type TlsRecord } from './records';
import { alertEnd, parseCertificates, parseServerHello, TLS13, type FlightEnd } from './server-flight';

/**
 * Just enough TLS 1.3 (RFC 8446) to read the certificate of a server that refuses TLS 1.2: an
 * X25519 key share, then the handshake key schedule (HKDF with SHA-256) and AES-128-GCM to decrypt
 * the server's EncryptedExtensions and Certificate, with WebCrypto. The handshake stops there: the
 * certificate is what Lookout wants, not a connection, so nothing is verified or sent after it.
 */
const CHANGE_CIPHER_SPEC = 20;
const APPLICATION_DATA = 23;
const KEY_SHARE = 0x0033;
const MAX_RECORDS = 64;
/** ServerHello.random of a HelloRetryRequest (RFC 8446 §4.1.3): SHA-256 of "HelloRetryRequest". */
const RETRY_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

export interface KeyShare {
  publicKey: Uint8Array;
  privateKey: CryptoKey;
}

export async function x25519KeyShare(): Promise<KeyShare> {
  const pair = (await crypto.subtle.generateKey({ name: 'X25519' }, true, ['deriveBits'])) as CryptoKeyPair;
  const raw = (await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer;
  return { publicKey: new Uint8Array(raw), privateKey: pair.privateKey };
}

/** The server's flight after a TLS 1.3 hello: ServerHello in clear, then encrypted records. */
export class Tls13Flight {
  private readonly clear = new HandshakeReader();
  private readonly encrypted = new HandshakeReader();
  private keys: { key: CryptoKey; iv: Uint8Array } | null = null;
  private sequence = 0;

  /** `clientHello`: the hello's handshake message (without its record header), for the transcript. */
  constructor(
    private readonly clientHello: Uint8Array,
    private readonly share: KeyShare,
  ) {}

  async feed(record: TlsRecord): Promise<FlightEnd | null> {
    try {
      if (record.type === CONTENT.alert) return alertEnd(record.fragment, false);
      if (record.type === CHANGE_CIPHER_SPEC) return null; // middlebox compatibility, meaningless
      if (this.keys === null) {
        if (record.type !== CONTENT.handshake) return malformed(`unexpected record type ${record.type}`);
        const [message] = this.clear.push(record.fragment);
        return message ? await this.serverHello(message.type, message.body) : null;
      }
      if (record.type !== APPLICATION_DATA) return malformed(`unexpected record type ${record.type}`);
      if (this.sequence >= MAX_RECORDS) return malformed('too many records before the certificate');
      const { type, content } = await this.decrypt(record);
      if (type === CONTENT.alert) return alertEnd(content, false);
      if (type !== CONTENT.handshake) return malformed(`unexpected inner content type ${type}`);
      for (const message of this.encrypted.push(content)) {
        if (message.type === HANDSHAKE.certificate) {
          return {
            kind: 'chain',
            chain: parseCertificates(message.body, true),
            version: TLS13,
            cipherSuite: TLS_AES_128_GCM_SHA256,
          };
        }
      }
      return null;
    } catch (error) {
      if (error instanceof FramingError) return malformed(error.message);
      // WebCrypto refuses a bad key share or a record that does not authenticate.
      return malformed(
        `the TLS 1.3 handshake could not be decrypted (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }

  finish(reason: string): FlightEnd {
    return malformed(`${reason} before the server sent its certificate`);
  }

  private async serverHello(type: number, body: Uint8Array): Promise<FlightEnd | null> {
    if (type !== HANDSHAKE.serverHello)
      return malformed(`expected ServerHello, got handshake message ${type}`);
    const hello = parseServerHello(body);
    if (hex(hello.random) === RETRY_RANDOM) {
      return {
        kind: 'alert',
        code: 0,
        detail: 'the server asked for a key share other than X25519 (HelloRetryRequest)',
      };
    }
    if (hello.version !== TLS13)
      return malformed('the server answered a TLS 1.3-only hello with another version');
    if (hello.cipherSuite !== TLS_AES_128_GCM_SHA256)
      return malformed('the server chose a suite that was not offered');
    const share = hello.extensions.get(KEY_SHARE);
    if (!share || share.length !== 36 || (((share[0] as number) << 8) | (share[1] as number)) !== X25519) {
      return malformed('the server sent no X25519 key share');
    }
    const serverKey = await crypto.subtle.importKey('raw', share.subarray(4), { name: 'X25519' }, false, []);
    const shared = new Uint8Array(
      await crypto.subtle.deriveBits(
        { name: 'X25519', public: serverKey } as SubtleCryptoDeriveKeyAlgorithm,
        this.share.privateKey,
        256,
      ),
    );
    const transcript = await sha256(
      concat(this.clientHello, Uint8Array.from([HANDSHAKE.serverHello, ...u24(body.length)]), body),
    );
    this.keys = await handshakeKeys(shared, transcript);
    return null;
  }

  /** AES-128-GCM with the record header as additional data; the inner type is the last non-zero byte. */
  private async decrypt(record: TlsRecord): Promise<{ type: number; content: Uint8Array }> {
    const { key, iv } = this.keys as { key: CryptoKey; iv: Uint8Array };
    const nonce = iv.slice();
    let sequence = this.sequence++;
    for (let i = 11; sequence > 0; i--, sequence = Math.floor(sequence / 256))
      nonce[i] = (nonce[i] as number) ^ (sequence & 0xff);
    const header = Uint8Array.from([
      record.type,
      record.version >> 8,
      record.version & 0xff,
      ...u16(record.fragment.length),
    ]);
    const plain = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: nonce, additionalData: header, tagLength: 128 },
        key,
        record.fragment,
      ),
    );
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    if (end < 0) throw new FramingError('an encrypted record holds no content type');
    return { type: plain[end] as number, content: plain.subarray(0, end) };
  }
}

/** The server's handshake traffic key and IV (RFC 8446 §7.1, §7.3), SHA-256 throughout. */
async function handshakeKeys(shared: Uint8Array, transcript: Uint8Array) {
  const zeros = new Uint8Array(32);
  const early = await hmac(zeros, zeros);
  const derived = await expandLabel(early, 'derived', await sha256(new Uint8Array(0)), 32);
  const handshake = await hmac(derived, shared);
  const traffic = await expandLabel(handshake, 's hs traffic', transcript, 32);
  const raw = await expandLabel(traffic, 'key', new Uint8Array(0), 16);
  return {
    key: await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']),
    iv: await expandLabel(traffic, 'iv', new Uint8Array(0), 12),
  };
}

/** HKDF-Expand-Label for one block of output (every length here is at most 32 bytes). */
async function expandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number) {
  const name = new TextEncoder().encode(`tls13 ${label}`);
  const info = Uint8Array.from([...u16(length), name.length, ...name, context.length, ...context, 0x01]);
  return (await hmac(secret, info)).slice(0, length);
}

async function hmac(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const imported = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', imported, data));
}

const sha256 = async (data: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', data));
const malformed = (detail: string): FlightEnd => ({ kind: 'malformed', detail });
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u24 = (n: number) => [(n >> 16) & 0xff, ...u16(n)];
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
