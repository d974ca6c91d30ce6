import { describe, expect, it } from 'vitest';
import type { SocketLike } from '../../src/probes/context';
import { buildClientHello, isHostName } from '../../src/probes/tls/client-hello';
import { readServerFlight } from '../../src/probes/tls/handshake';
import { FramingError, HandshakeReader, RecordReader } from '../../src/probes/tls/records';
import { ServerFlight, type FlightEnd } from '../../src/probes/tls/server-flight';
import { Tls13Flight, x25519KeyShare } from '../../src/probes/tls/tls13';

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u24 = (n: number) => [(n >> 16) & 0xff, ...u16(n)];
const record = (type: number, body: number[]) => [type, 0x03, 0x03, ...u16(body.length), ...body];
const message = (type: number, body: number[]) => [type, ...u24(body.length), ...body];
const serverHello = (extensions: number[] = [], random = new Array<number>(32).fill(7)) =>
  message(2, [
    ...[0x03, 0x03],
    ...random,
    0x00, // session id
    ...u16(0xc02f),
    0x00,
    ...(extensions.length ? [...u16(extensions.length), ...extensions] : []),
  ]);
const certificates = (...ders: number[][]) => {
  const list = ders.flatMap((der) => [...u24(der.length), ...der]);
  return message(11, [...u24(list.length), ...list]);
};
const done = message(14, []);
const LEAF = [0x30, 0x03, 0x02, 0x01, 0x01];
const ISSUER = [0x30, 0x03, 0x02, 0x01, 0x02];

/** Feeds bytes to a fresh flight in the given chunk sizes, as a socket would deliver them. */
function flightOf(bytes: number[], chunk = bytes.length): FlightEnd | null {
  const records = new RecordReader();
  const flight = new ServerFlight();
  for (let at = 0; at < bytes.length; at += chunk) {
    records.push(Uint8Array.from(bytes.slice(at, at + chunk)));
    for (let r = records.next(); r; r = records.next()) {
      const end = flight.feed(r);
      if (end) return end;
    }
  }
  return null;
}

describe('TLS record framing', () => {
  it('waits for a whole record, whatever the split', () => {
    const bytes = record(22, serverHello());
    const reader = new RecordReader();
    reader.push(Uint8Array.from(bytes.slice(0, 3)));
    expect(reader.next()).toBeNull();
    reader.push(Uint8Array.from(bytes.slice(3, 20)));
    expect(reader.next()).toBeNull();
    reader.push(Uint8Array.from(bytes.slice(20)));
    expect(reader.next()?.fragment.length).toBe(bytes.length - 5);
    expect(reader.pending).toBe(0);
  });

  it('rejects bytes that are not TLS: a plain HTTP answer, a wrong version, an oversized record', () => {
    const http = new RecordReader();
    http.push(new TextEncoder().encode('HTTP/1.1 400 Bad Request\r\n'));
    expect(() => http.next()).toThrow(FramingError);
    const version = new RecordReader();
    version.push(Uint8Array.from([22, 0x09, 0x09, 0, 1, 0]));
    expect(() => version.next()).toThrow(/version/);
    const huge = new RecordReader();
    huge.push(Uint8Array.from([22, 3, 3, 0xff, 0xff]));
    expect(() => huge.next()).toThrow(/exceeds/);
  });

  it('joins a handshake message split across records, and splits records holding several', () => {
    const reader = new HandshakeReader();
    const cert = certificates(LEAF);
    expect(reader.push(Uint8Array.from(cert.slice(0, 6)))).toEqual([]);
    expect(reader.pending).toBe(6);
    const [whole] = reader.push(Uint8Array.from([...cert.slice(6), ...done]).slice(0, cert.length - 6));
    expect(whole?.type).toBe(11);
    const two = new HandshakeReader().push(Uint8Array.from([...serverHello(), ...done]));
    expect(two.map((m) => m.type)).toEqual([2, 14]);
  });
});

describe('the server flight', () => {
  const good = [...record(22, serverHello()), ...record(22, certificates(LEAF, ISSUER)), ...record(22, done)];

  it('gives the chain, leaf first, with version and suite, even when delivered a byte at a time', () => {
    for (const chunk of [good.length, 7, 1]) {
      const end = flightOf(good, chunk);
      expect(end).toMatchObject({ kind: 'chain', version: 0x0303, cipherSuite: 0xc02f });
      expect(end?.kind === 'chain' && end.chain.map((der) => [...der])).toEqual([LEAF, ISSUER]);
    }
  });

  it('reassembles a Certificate message spread over three records', () => {
    const cert = certificates(LEAF, ISSUER);
    const bytes = [
      ...record(22, serverHello()),
      ...record(22, cert.slice(0, 5)),
      ...record(22, cert.slice(5, 12)),
      ...record(22, [...cert.slice(12), ...done]),
    ];
    expect(flightOf(bytes)?.kind).toBe('chain');
  });

  it('names a TLS 1.3-only server: a protocol_version alert, or a 1.3 ServerHello', () => {
    expect(flightOf(record(21, [2, 70]))).toMatchObject({
      kind: 'tls13',
      detail: expect.stringMatching(/only TLS 1.3/),
    });
    const hello13 = serverHello([...u16(0x002b), ...u16(2), 0x03, 0x04]);
    expect(flightOf(record(22, hello13))).toMatchObject({ kind: 'tls13' });
  });

  it('reports other alerts by name', () => {
    expect(flightOf(record(21, [2, 40]))).toMatchObject({
      kind: 'alert',
      code: 40,
      detail: expect.stringMatching(/handshake_failure/),
    });
  });

  it.each([
    ['a truncated alert', record(21, [2])],
    ['application data first', record(23, [1, 2, 3])],
    ['a Certificate before ServerHello', record(22, certificates(LEAF))],
    ['a truncated ServerHello', record(22, message(2, [0x03, 0x03, 1, 2]))],
    [
      'a certificate list longer than its message',
      record(22, [...serverHello(), ...message(11, [...u24(50), ...u24(3), 1, 2, 3])]),
    ],
    ['an empty certificate list', record(22, [...serverHello(), ...message(11, u24(0))])],
    ['ServerHelloDone without a Certificate', record(22, [...serverHello(), ...done])],
  ])('classifies %s as malformed', (_name, bytes) => {
    expect(flightOf(bytes)?.kind).toBe('malformed');
  });

  it('keeps a chain the server sent before closing without ServerHelloDone', () => {
    const flight = new ServerFlight();
    const records = new RecordReader();
    records.push(Uint8Array.from([...record(22, serverHello()), ...record(22, certificates(LEAF))]));
    for (let r = records.next(); r; r = records.next()) expect(flight.feed(r)).toBeNull();
    expect(flight.finish('closed').kind).toBe('chain');
    expect(new ServerFlight().finish('the server closed the connection')).toMatchObject({
      kind: 'malformed',
      detail: 'the server closed the connection before the server sent its certificate',
    });
  });
});

describe('the ClientHello', () => {
  it('is a TLS 1.2 hello with SNI for host names and none for IP addresses', () => {
    const hello = buildClientHello('api.example.com');
    expect([...hello.slice(0, 3)]).toEqual([0x16, 0x03, 0x01]);
    expect(hello[5]).toBe(1); // ClientHello
    expect([...hello.slice(9, 11)]).toEqual([0x03, 0x03]);
    expect(new TextDecoder().decode(hello)).toContain('api.example.com');
    expect(buildClientHello(null).length).toBeLessThan(hello.length);
    expect(isHostName('api.example.com')).toBe(true);
    expect(isHostName('127.0.0.1')).toBe(false);
    expect(isHostName('::1')).toBe(false);
  });
});

/** A socket that answers the hello with `chunks` (then stays open unless `close`). */
function fakeSocket(
  chunks: Uint8Array[],
  options: { close?: boolean; opened?: Promise<unknown> } = {},
): SocketLike {
  const readable = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (options.close) controller.close();
    },
  });
  return {
    opened: options.opened ?? Promise.resolve(),
    readable,
    writable: new WritableStream<Uint8Array>(),
    close: () => Promise.resolve(),
  };
}

describe('reading a server flight over a socket', () => {
  const target = { host: '127.0.0.1', port: 443, serverName: null, timeoutMs: 300 };

  it('stops at the byte cap instead of reading forever', async () => {
    const endless = Array.from({ length: 20 }, () =>
      Uint8Array.from(record(22, new Array<number>(16_000).fill(12))),
    );
    const end = await readServerFlight(() => fakeSocket(endless), { ...target, maxBytes: 64 * 1024 });
    expect(end).toMatchObject({ kind: 'malformed', detail: expect.stringMatching(/over 65536 bytes/) });
  });

  it('times out on a server that never answers', async () => {
    expect(await readServerFlight(() => fakeSocket([]), target)).toEqual({ kind: 'timeout' });
  });

  it('reports a truncated answer and a failed connect as outcomes, not throws', async () => {
    const half = Uint8Array.from(record(22, serverHello()).slice(0, 20));
    expect(await readServerFlight(() => fakeSocket([half], { close: true }), target)).toMatchObject({
      kind: 'malformed',
    });
    const refused = Promise.reject(
      new Error('proxy request failed, cannot connect to the specified address'),
    );
    refused.catch(() => undefined);
    expect(await readServerFlight(() => fakeSocket([], { opened: refused }), target)).toMatchObject({
      kind: 'connect',
    });
    const thrown = await readServerFlight(() => {
      throw new Error('no sockets');
    }, target);
    expect(thrown).toMatchObject({ kind: 'connect' });
  });
});

describe('the TLS 1.3 flight', () => {
  const hex = (text: string) => text.match(/../g)?.map((b) => parseInt(b, 16)) ?? [];
  const supported13 = [...u16(0x002b), ...u16(2), 0x03, 0x04];
  const keyShare = (key: number[]) => [
    ...u16(0x0033),
    ...u16(4 + key.length),
    ...u16(0x001d),
    ...u16(key.length),
    ...key,
  ];
  const hello13 = (extensions: number[], random?: number[]) => {
    const bytes = serverHello(extensions, random);
    bytes.splice(4 + 2 + 32 + 1, 2, ...u16(0x1301)); // the TLS 1.3 suite
    return record(22, bytes);
  };
  const feed = async (bytes: number[]) => {
    const flight = new Tls13Flight(Uint8Array.from([1, 0, 0, 0]), await x25519KeyShare());
    const records = new RecordReader();
    records.push(Uint8Array.from(bytes));
    for (let r = records.next(); r; r = records.next()) {
      const end = await flight.feed(r);
      if (end) return end;
    }
    return flight.finish('closed');
  };

  it('names a HelloRetryRequest (the server wants another group) instead of failing on it', async () => {
    const retry = hex('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c');
    expect(await feed(hello13(supported13, retry))).toMatchObject({
      kind: 'alert',
      detail: expect.stringMatching(/HelloRetryRequest/),
    });
  });

  it('classifies a missing key share, a record that does not decrypt and a truncated flight', async () => {
    expect(await feed(hello13(supported13))).toMatchObject({
      kind: 'malformed',
      detail: 'the server sent no X25519 key share',
    });
    const server = await x25519KeyShare();
    const withKey = hello13([...supported13, ...keyShare([...server.publicKey])]);
    expect(await feed([...withKey, ...record(23, new Array<number>(40).fill(1))])).toMatchObject({
      kind: 'malformed',
      detail: expect.stringMatching(/could not be decrypted/),
    });
    expect(await feed(withKey)).toMatchObject({
      kind: 'malformed',
      detail: 'closed before the server sent its certificate',
    });
  });
});
