import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on loopback (port 0: any free port) and gives the URL and a close that ends every connection. */
export async function listenLocal(server: Server, port = 0): Promise<LocalServer> {
  server.keepAliveTimeout = 5000;
  // A deep accept queue: at 10,000 monitors x 5 regions thousands of checks connect at once, and
  // Node's default (511) made the kernel refuse them (net.refused), which no real target does.
  await new Promise<void>((resolve) => server.listen({ port, host: '127.0.0.1', backlog: 65_535 }, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
