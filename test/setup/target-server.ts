/**
 * A real HTTP target for tests and benchmarks. Every route can be delayed (`?delay=ms`), and the
 * server records, per `?tag=`, each request and how many requests each prober shard (named in the
 * `x-lookout-shard` header) had in flight at once.
 *
 *   /ok                      200 JSON
 *   /delay/:ms               answer after ms
 *   /status/:code            answer with that status
 *   /hang                    never answer
 *   /reset                   destroy the connection
 *   /regional?down=a,b&status=503   that status for the listed regions, 200 elsewhere
 *   /echo                    200 with the request's method and headers
 *   /__stats?tag=            { requests, maxInFlight: { shard: n }, maxInFlightTotal }
 *   /__requests?tag=         the recorded requests
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface RecordedRequest {
  path: string;
  method: string;
  region: string | null;
  shard: string | null;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

interface TagStats {
  requests: RecordedRequest[];
  inFlight: Map<string, number>;
  maxInFlight: Map<string, number>;
  inFlightTotal: number;
  maxInFlightTotal: number;
}

export interface TargetServer {
  url: string;
  close(): Promise<void>;
}

export async function startTargetServer(port = 0): Promise<TargetServer> {
  const tags = new Map<string, TagStats>();
  const statsFor = (tag: string) => {
    let stats = tags.get(tag);
    if (!stats) {
      stats = {
        requests: [],
        inFlight: new Map(),
        maxInFlight: new Map(),
        inFlightTotal: 0,
        maxInFlightTotal: 0,
      };
      tags.set(tag, stats);
    }
    return stats;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://target');
    const tag = url.searchParams.get('tag') ?? '';
    if (url.pathname === '/__stats') {
      const stats = statsFor(tag);
      return json(res, 200, {
        requests: stats.requests.length,
        maxInFlight: Object.fromEntries(stats.maxInFlight),
        maxInFlightTotal: stats.maxInFlightTotal,
      });
    }
    if (url.pathname === '/__requests') return json(res, 200, statsFor(tag).requests);

    const stats = statsFor(tag);
    const shard = header(req, 'x-lookout-shard');
    const region = header(req, 'x-lookout-region');
    stats.requests.push({
      path: url.pathname,
      method: req.method ?? 'GET',
      region,
      shard,
      headers: req.headers,
      at: Date.now(),
    });
    const shardKey = shard ?? '(none)';
    const now = (stats.inFlight.get(shardKey) ?? 0) + 1;
    stats.inFlight.set(shardKey, now);
    stats.maxInFlight.set(shardKey, Math.max(now, stats.maxInFlight.get(shardKey) ?? 0));
    stats.inFlightTotal++;
    stats.maxInFlightTotal = Math.max(stats.maxInFlightTotal, stats.inFlightTotal);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      stats.inFlight.set(shardKey, (stats.inFlight.get(shardKey) ?? 1) - 1);
      stats.inFlightTotal--;
    };
    res.on('close', finish);

    const delay = Number(url.searchParams.get('delay') ?? 0);
    const respond = () => route(url, req, res, region);
    if (delay > 0) setTimeout(respond, delay);
    else respond();
  });
  server.keepAliveTimeout = 5000;
  server.maxConnections = 10_000;

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
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

function route(url: URL, req: IncomingMessage, res: ServerResponse, region: string | null): void {
  const [, first, second] = url.pathname.split('/');
  switch (first) {
    case 'ok':
      return json(res, 200, { ok: true });
    case 'delay':
      setTimeout(() => json(res, 200, { ok: true }), Number(second));
      return;
    case 'status':
      return json(res, Number(second), { status: Number(second) });
    case 'hang':
      return; // the client's timeout ends it
    case 'reset':
      req.socket.destroy();
      return;
    case 'regional': {
      const down = (url.searchParams.get('down') ?? '').split(',');
      const status = region && down.includes(region) ? Number(url.searchParams.get('status') ?? 503) : 200;
      return json(res, status, { region });
    }
    case 'echo':
      return json(res, 200, { method: req.method, headers: req.headers });
    default:
      return json(res, 404, { error: 'no such route' });
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
