import type { Region } from '../regions/regions';
import type { SecretLookup } from './templates';
import type { Anchors } from './tls/trust';

/** A TCP connection as the prober needs it (cloudflare:sockets' Socket fits). */
export interface SocketLike {
  opened: Promise<unknown>;
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
  close(): Promise<void>;
}

/** What a check may use: I/O is passed in, so every kind of check is testable on its own. */
export interface ProbeContext {
  fetch: typeof fetch;
  connect: (address: { hostname: string; port: number }) => SocketLike;
  region: Region;
  /** `<region>:<index>`: named in a request header so a target can tell probers apart. */
  shard: string;
  colo: string;
  secrets: SecretLookup;
  /** Wall clock (epoch ms) for start times and date-based findings. */
  now: () => number;
  /** For certificate checks: the CT-log fallback's URL (null: none) and the roots to trust. */
  certificates?: { ctLogUrl: string | null; anchors: Anchors };
  /** Told as each flow step starts, so a check cut at a deadline can name where it was. */
  onStep?: (name: string) => void;
}

export const USER_AGENT = 'Lookout/0.1 (synthetic API monitoring)';
