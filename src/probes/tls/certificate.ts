import type { CertificateReading } from '../findings/tls';
import type { SocketLike } from '../context';
import { classifyNetworkError } from '../network-error';
import { isHostName } from './client-hello';
import { newestLoggedCertificate } from './ct-log';
import { readServerFlight, type HandshakeEnd } from './handshake';
import { versionName } from './server-flight';
import { judgeTrust, type Anchors } from './trust';
import { namesHost, readCertificate, type CertificateInfo } from './x509';

/**
 * Reads a host's certificate: over a raw TLS 1.2 handshake when the socket opens, else (a host
 * behind Cloudflare, which Worker sockets cannot reach) from certificate-transparency logs.
 * Never throws; when no certificate can be read, says why and whether that means the service is
 * down (a timeout, a refused connection, bytes that are not TLS) or only unknown (TLS 1.3 only).
 */
export interface CertificateTarget {
  host: string;
  port: number;
  /** The name the certificate must carry and SNI sends (the host when absent). */
  serverName?: string | undefined;
  timeoutMs: number;
}

export interface CertificateRuntime {
  connect: (address: { hostname: string; port: number }) => SocketLike;
  fetch: typeof fetch;
  /** crt.sh's JSON API (or a stand-in); null turns the fallback off. */
  ctLogUrl: string | null;
  anchors: Anchors;
  now: () => number;
}

export type CertificateResult =
  | { ok: true; reading: CertificateReading }
  | { ok: false; outcome: 'down' | 'unknown'; cause: string; detail: string };

/** What workerd says when it refuses a socket to port 80 or 443, as it does for Cloudflare's addresses. */
const REFUSED_WEB_PORT = /consider using fetch instead/i;

export async function readHostCertificate(
  target: CertificateTarget,
  runtime: CertificateRuntime,
): Promise<CertificateResult> {
  const started = runtime.now();
  const name = target.serverName ?? target.host;
  const handshake = { host: target.host, port: target.port, serverName: isHostName(name) ? name : null };
  let end = await readServerFlight(runtime.connect, { ...handshake, timeoutMs: target.timeoutMs });
  if (end.kind === 'tls13') {
    // A server that refuses TLS 1.2: a second connection offers TLS 1.3 and decrypts the certificate.
    const tls13 = await readServerFlight(runtime.connect, {
      ...handshake,
      timeoutMs: Math.max(1, target.timeoutMs - (runtime.now() - started)),
      tls13: true,
    });
    end =
      tls13.kind === 'chain'
        ? tls13
        : { kind: 'tls13', detail: `${end.detail}; reading it over TLS 1.3 failed: ${describe(tls13)}` };
  }
  switch (end.kind) {
    case 'chain':
      return fromChain(end.chain, target, name, runtime.anchors, versionName(end.version));
    case 'tls13':
    case 'alert':
      return { ok: false, outcome: 'unknown', cause: 'tls.unreadable', detail: end.detail };
    case 'malformed':
      return {
        ok: false,
        outcome: 'down',
        cause: 'tls.invalid',
        detail: `not a valid TLS answer: ${end.detail}`,
      };
    case 'timeout':
      return {
        ok: false,
        outcome: 'down',
        cause: 'net.timeout',
        detail: `no TLS answer within ${target.timeoutMs} ms`,
      };
    case 'connect': {
      const message = end.error instanceof Error ? end.error.message : String(end.error);
      if (!REFUSED_WEB_PORT.test(message)) {
        const failure = classifyNetworkError(end.error, target.timeoutMs);
        return { ok: false, outcome: 'down', ...failure };
      }
      return fromCtLog(target, name, runtime, target.timeoutMs - (runtime.now() - started));
    }
  }
}

function fromChain(
  der: Uint8Array[],
  target: CertificateTarget,
  name: string,
  anchors: Anchors,
  protocol: string,
): CertificateResult {
  const chain = der.map(readCertificate);
  const leaf = chain[0];
  if (!leaf || chain.some((cert) => cert === null)) {
    return {
      ok: false,
      outcome: 'down',
      cause: 'tls.invalid',
      detail: 'the server sent a certificate that does not parse',
    };
  }
  const certs = chain as CertificateInfo[];
  return {
    ok: true,
    reading: {
      host: name,
      port: target.port,
      source: 'handshake',
      subject: oneLine(leaf.subject),
      issuer: oneLine(leaf.issuer),
      subjectAltNames: leaf.subjectAltNames,
      serial: leaf.serial,
      notBefore: leaf.notBefore,
      notAfter: leaf.notAfter,
      hostnameMatches: namesHost(leaf, name),
      trust: judgeTrust(certs, anchors),
      weaknesses: weaknesses(certs, protocol),
      protocol,
      note: null,
    },
  };
}

async function fromCtLog(
  target: CertificateTarget,
  name: string,
  runtime: CertificateRuntime,
  timeLeftMs: number,
): Promise<CertificateResult> {
  const why = `Worker sockets cannot reach ${name}:${target.port}, as for any host behind Cloudflare`;
  if (runtime.ctLogUrl === null || !isHostName(name)) {
    return {
      ok: false,
      outcome: 'unknown',
      cause: 'tls.unreadable',
      detail: `${why}; no CT-log fallback for it`,
    };
  }
  const found = await newestLoggedCertificate(runtime.fetch, runtime.ctLogUrl, name, timeLeftMs);
  if (!found.ok)
    return { ok: false, outcome: 'unknown', cause: 'tls.unreadable', detail: `${why}; ${found.detail}` };
  const cert = found.certificate;
  return {
    ok: true,
    reading: {
      host: name,
      port: target.port,
      source: 'ct-log',
      subject: '',
      issuer: cert.issuer,
      subjectAltNames: cert.names.map((n) => `DNS:${n}`),
      serial: cert.serial,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      hostnameMatches: null,
      trust: null,
      weaknesses: [],
      protocol: null,
      note: `${why}: newest certificate in the CT logs, not the one served`,
    },
  };
}

/** RSA under 2048 bits and SHA-1/MD5 signatures below the root (a root's own signature is not checked by clients). */
function weaknesses(chain: CertificateInfo[], protocol: string): string[] {
  const found: string[] = [];
  chain.forEach((cert, index) => {
    const which = index === 0 ? 'the certificate' : `chain certificate ${index + 1}`;
    if (cert.key.type === 'rsa' && cert.key.bits !== null && cert.key.bits < 2048)
      found.push(`${which} has an RSA key of ${cert.key.bits} bits`);
    const selfSigned = cert.subject === cert.issuer && index > 0;
    if (!selfSigned && /md5|sha-?1(?!\d)/i.test(cert.signatureAlgorithm))
      found.push(`${which} is signed with ${cert.signatureAlgorithm}`);
  });
  if (protocol === 'TLS 1.0' || protocol === 'TLS 1.1' || protocol === 'SSL 3.0')
    found.push(`the server negotiated ${protocol}`);
  return found;
}

const describe = (end: HandshakeEnd) =>
  end.kind === 'timeout'
    ? 'no answer in time'
    : end.kind === 'connect'
      ? 'the connection failed'
      : end.kind === 'chain'
        ? 'no error'
        : end.detail;

const oneLine = (name: string) => name.split('\n').join(', ');
