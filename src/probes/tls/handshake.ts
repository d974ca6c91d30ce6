import type { SocketLike } from '../context';
import { buildClientHello } from './client-hello';
import { FramingError, RecordReader, type TlsRecord } from './records';
import { ServerFlight, type FlightEnd } from './server-flight';
import { Tls13Flight, x25519KeyShare } from './tls13';

/**
 * Sends a TLS 1.2 ClientHello over a plain TCP socket and reads the server's answer up to
 * ServerHelloDone (or an alert), bounded by a timeout and a byte cap; or, with `tls13`, a TLS 1.3
 * hello, decrypting the server's flight up to its Certificate. Never throws: a failed
 * connect, a timeout and malformed bytes are outcomes like the chain itself.
 */
export type HandshakeEnd = FlightEnd | { kind: 'connect'; error: unknown } | { kind: 'timeout' };

export interface HandshakeTarget {
  host: string;
  port: number;
  /** The name sent as SNI; none for an IP literal. */
  serverName: string | null;
  timeoutMs: number;
  /** Stop reading past this many bytes (default 64 KB: a long chain is about 10 KB). */
  maxBytes?: number;
  /** Offer TLS 1.3 alone and decrypt the certificate (tls13.ts), instead of TLS 1.2 in clear. */
  tls13?: boolean;
}

/** What reads the server's records: the TLS 1.2 flight in clear, or the TLS 1.3 one decrypted. */
interface Flight {
  feed(record: TlsRecord): FlightEnd | null | Promise<FlightEnd | null>;
  finish(reason: string): FlightEnd;
}

export const MAX_HANDSHAKE_BYTES = 64 * 1024;

export async function readServerFlight(
  connect: (address: { hostname: string; port: number }) => SocketLike,
  target: HandshakeTarget,
): Promise<HandshakeEnd> {
  let socket: SocketLike;
  try {
    socket = connect({ hostname: target.host, port: target.port });
  } catch (error) {
    return { kind: 'connect', error };
  }
  let timer: number | null = null;
  const timeout = new Promise<HandshakeEnd>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), target.timeoutMs);
  });
  try {
    return await Promise.race([exchange(socket, target), timeout]);
  } finally {
    clearTimeout(timer);
    // Closing is courtesy; the handshake is left unfinished on purpose.
    socket.close().catch(() => undefined);
  }
}

async function exchange(socket: SocketLike, target: HandshakeTarget): Promise<HandshakeEnd> {
  try {
    await socket.opened;
  } catch (error) {
    return { kind: 'connect', error };
  }
  const maxBytes = target.maxBytes ?? MAX_HANDSHAKE_BYTES;
  const records = new RecordReader();
  let flight: Flight = new ServerFlight();
  try {
    const share = target.tls13 ? await x25519KeyShare() : null;
    const hello = buildClientHello(target.serverName, share ? { keyShare: share.publicKey } : {});
    if (share) flight = new Tls13Flight(hello.subarray(5), share);
    const writer = socket.writable.getWriter();
    await writer.write(hello);
    writer.releaseLock();
    const reader = socket.readable.getReader();
    let total = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return flight.finish('the server closed the connection');
      total += value.byteLength;
      if (total > maxBytes)
        return {
          kind: 'malformed',
          detail: `the server sent over ${maxBytes} bytes without finishing its hello`,
        };
      records.push(value);
      for (let record = records.next(); record; record = records.next()) {
        const end = await flight.feed(record);
        if (end) return end;
      }
    }
  } catch (error) {
    if (error instanceof FramingError) return { kind: 'malformed', detail: error.message };
    return flight.finish(`the connection failed (${error instanceof Error ? error.message : String(error)})`);
  }
}
