/**
 * TLS record and handshake framing (RFC 5246 §6.2, §7.4), for reading a server's first flight in
 * clear. Bytes arrive in any split: `RecordReader` cuts them into records, `HandshakeReader` joins
 * handshake fragments across records into whole messages. Both report malformed input as a
 * `FramingError` (with what was wrong), never a crash on bad bytes.
 */

export const CONTENT = { alert: 21, handshake: 22 } as const;
export const HANDSHAKE = {
  clientHello: 1,
  serverHello: 2,
  certificate: 11,
  serverKeyExchange: 12,
  certificateRequest: 13,
  serverHelloDone: 14,
} as const;

/** A record's fragment may be at most 2^14 bytes, plus 2048 of expansion (RFC 5246 §6.2.3). */
const MAX_FRAGMENT = 16_384 + 2_048;
const KNOWN_TYPES = new Set([20, 21, 22, 23, 24]);

export class FramingError extends Error {
  override name = 'FramingError';
}

export interface TlsRecord {
  type: number;
  /** The record layer's version, e.g. 0x0303. */
  version: number;
  fragment: Uint8Array;
}

export interface HandshakeMessage {
  type: number;
  body: Uint8Array;
}

/** Cuts a byte stream into records; `next()` gives null until a whole record has arrived. */
export class RecordReader {
  private buffer = new Uint8Array(0);

  push(bytes: Uint8Array): void {
    const joined = new Uint8Array(this.buffer.length + bytes.length);
    joined.set(this.buffer);
    joined.set(bytes, this.buffer.length);
    this.buffer = joined;
  }

  /** Bytes received that do not yet make a whole record. */
  get pending(): number {
    return this.buffer.length;
  }

  next(): TlsRecord | null {
    if (this.buffer.length < 5) return null;
    const type = this.buffer[0] as number;
    const version = u16(this.buffer, 1);
    const length = u16(this.buffer, 3);
    if (!KNOWN_TYPES.has(type)) throw new FramingError(`not a TLS record (content type ${type})`);
    if (version >> 8 !== 3) throw new FramingError(`not a TLS record (version 0x${hex16(version)})`);
    if (length > MAX_FRAGMENT) throw new FramingError(`record of ${length} bytes exceeds the TLS limit`);
    if (this.buffer.length < 5 + length) return null;
    const fragment = this.buffer.slice(5, 5 + length);
    this.buffer = this.buffer.slice(5 + length);
    return { type, version, fragment };
  }
}

/** Joins handshake fragments (a message may span records, a record may hold several messages). */
export class HandshakeReader {
  private buffer = new Uint8Array(0);

  push(fragment: Uint8Array): HandshakeMessage[] {
    const joined = new Uint8Array(this.buffer.length + fragment.length);
    joined.set(this.buffer);
    joined.set(fragment, this.buffer.length);
    this.buffer = joined;
    const messages: HandshakeMessage[] = [];
    while (this.buffer.length >= 4) {
      const length = u24(this.buffer, 1);
      if (this.buffer.length < 4 + length) break;
      messages.push({ type: this.buffer[0] as number, body: this.buffer.slice(4, 4 + length) });
      this.buffer = this.buffer.slice(4 + length);
    }
    return messages;
  }

  /** A handshake message started and not finished. */
  get pending(): number {
    return this.buffer.length;
  }
}

/** A cursor over a message body that throws FramingError instead of reading past the end. */
export class Cursor {
  offset = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  take(length: number): Uint8Array {
    if (length > this.remaining) throw new FramingError(`${this.what} is truncated`);
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  u8 = () => this.take(1)[0] as number;
  u16 = () => u16(this.take(2), 0);
  u24 = () => u24(this.take(3), 0);
  /** A vector with a length prefix of `size` bytes. */
  vector = (size: 1 | 2 | 3) => this.take(size === 1 ? this.u8() : size === 2 ? this.u16() : this.u24());
}

export const u16 = (b: Uint8Array, at: number) => ((b[at] as number) << 8) | (b[at + 1] as number);
const u24 = (b: Uint8Array, at: number) => ((b[at] as number) << 16) | u16(b, at + 1);
export const hex16 = (n: number) => n.toString(16).padStart(4, '0');
