import 'vitest';

// What test/setup/global.ts provides to the tests.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The local target server. */
    targetUrl: string;
    /** The same target on another port: another origin. */
    otherOriginUrl: string;
    /** A loopback port nothing listens on. */
    refusedUrl: string;
    /** The stand-in alert receivers (test/setup/receivers.ts). */
    receiversUrl: string;
    /** Ports of the HTTPS servers with test certificates (test/setup/tls-servers.ts), on 127.0.0.1. */
    tlsPorts: Record<import('./setup/tls-names').TlsServerName, number>;
  }
}
