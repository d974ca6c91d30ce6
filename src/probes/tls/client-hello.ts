/**
 * A TLS 1.2 ClientHello (RFC 5246 §7.4.1.2) that common servers answer with their certificate
 * chain in clear: ECDHE and RSA suites with AES-GCM, ChaCha20 and AES-CBC, the groups, point
 * formats and signature algorithms they expect, and SNI when the name is a host name. It offers no
 * TLS 1.3 (no supported_versions), so a 1.3-only server answers with a protocol_version alert;
 * a second hello then offers TLS 1.3 alone.
 */

const CIPHER_SUITES = [
  ...[0xc02b, 0xc02f, 0xc02c, 0xc030], // ECDHE-(ECDSA|RSA)-AES(128|256)-GCM
  ...[0xcca9, 0xcca8], // ECDHE-(ECDSA|RSA)-CHACHA20-POLY1305
  ...[0xc009, 0xc013, 0xc00a, 0xc014, 0xc023, 0xc027, 0xc024, 0xc028], // ECDHE with AES-CBC
  ...[0x009c, 0x009d, 0x003c, 0x003d, 0x002f, 0x0035, 0x000a], // RSA key exchange
];
/** TLS 1.3's mandatory suite, the one a TLS 1.3 hello offers (tls13.ts decrypts it). */
export const TLS_AES_128_GCM_SHA256 = 0x1301;
export const X25519 = 0x001d;
/** x25519, secp256r1, secp384r1, secp521r1. */
const GROUPS = [X25519, 0x0017, 0x0018, 0x0019];
/** RSA-PSS, ECDSA and RSA PKCS#1 with SHA-256/384/512, then SHA-1 for old servers. */
const SIGNATURE_ALGORITHMS = [
  0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201,
];

const TLS12 = 0x0303;

/**
 * With `keyShare` (an X25519 public key) the hello offers TLS 1.3 only, with that key and its one
 * suite (for a server that refuses TLS 1.2: see tls13.ts).
 */
export function buildClientHello(
  serverName: string | null,
  options: { keyShare?: Uint8Array; random?: Uint8Array } = {},
): Uint8Array {
  const { keyShare, random = randomBytes(32) } = options;
  const tls13 = keyShare
    ? [
        extension(0x002b, vector(1, [0x03, 0x04])), // supported_versions: TLS 1.3
        extension(0x0033, vector(2, [...u16(X25519), ...u16(keyShare.length), ...keyShare])), // key_share
      ].flat()
    : [];
  const extensions = [
    serverName && isHostName(serverName)
      ? extension(0x0000, vector(2, [0x00, ...vector(2, [...new TextEncoder().encode(serverName)])]))
      : [],
    extension(0x000a, vector(2, (keyShare ? [X25519] : GROUPS).flatMap(u16))), // supported_groups
    extension(0x000b, vector(1, [0x00])), // ec_point_formats: uncompressed
    extension(0x000d, vector(2, SIGNATURE_ALGORITHMS.flatMap(u16))), // signature_algorithms
    extension(0x0017, []), // extended_master_secret
    extension(0xff01, [0x00]), // renegotiation_info (empty): some servers refuse a hello without it
    tls13,
  ].flat();
  const body = [
    ...u16(TLS12),
    ...random,
    0x00, // no session id
    ...vector(2, (keyShare ? [TLS_AES_128_GCM_SHA256] : CIPHER_SUITES).flatMap(u16)),
    ...vector(1, [0x00]), // compression: null
    ...vector(2, extensions),
  ];
  const handshake = [0x01, ...u24(body.length), ...body];
  // The record layer says TLS 1.0, as browsers do, for servers that check it.
  return Uint8Array.from([0x16, 0x03, 0x01, ...u16(handshake.length), ...handshake]);
}

/** SNI carries DNS names only (RFC 6066 §3): not IP literals, not a trailing dot. */
export function isHostName(name: string): boolean {
  return /^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9])?\.)*[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(
    name,
  );
}

function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u24 = (n: number) => [(n >> 16) & 0xff, ...u16(n)];
const vector = (size: 1 | 2, bytes: number[]) => [
  ...(size === 1 ? [bytes.length] : u16(bytes.length)),
  ...bytes,
];
const extension = (type: number, data: number[]) => [...u16(type), ...u16(data.length), ...data];
