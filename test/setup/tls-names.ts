/** The HTTPS servers test/setup/tls-servers.ts starts (no Node imports: the Worker's tests read it too). */
export const TLS_SERVERS = [
  'good',
  'tls12',
  'tls13',
  'tls13p384',
  'expiring',
  'expired',
  'wronghost',
  'selfsigned',
  'weak',
  'mislinked',
] as const;
export type TlsServerName = (typeof TLS_SERVERS)[number];
