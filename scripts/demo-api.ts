/**
 * A small sample API for `npm run demo`: one endpoint per outcome Lookout can show. lookout.demo.yaml
 * points a monitor at each. Runs inside `npm run demo`, or alone: `npx tsx scripts/demo-api.ts`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export const DEMO_API_HOST = '127.0.0.1';
export const DEMO_API_PORT = 8788;
export const DEMO_TOKEN = 'demo-token';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
};

const endpoints: Record<string, { about: string; handle: Handler }> = {
  '/healthy': { about: '200 right away', handle: (_, res) => json(res, 200, { status: 'ok' }) },
  '/slow': {
    about: '200 after about 1.5 s',
    handle: (_, res) => {
      setTimeout(() => json(res, 200, { status: 'ok', slow: true }), 1500);
    },
  },
  '/failing': {
    about: '500 with a JSON error',
    handle: (_, res) => json(res, 500, { error: 'internal', message: 'The demo database is on fire.' }),
  },
  // Never answers: the monitor's timeout has to end the check.
  '/hanging': { about: 'never answers', handle: () => {} },
  '/flaky': {
    about: '503 for checks from apac (x-lookout-region), 200 from elsewhere',
    handle: (req, res) =>
      req.headers['x-lookout-region'] === 'apac'
        ? json(res, 503, { error: 'unavailable', message: 'The apac replica is down.' })
        : json(res, 200, { status: 'ok', region: req.headers['x-lookout-region'] ?? null }),
  },
  '/alerts': {
    about: 'a webhook receiver: prints the alerts Lookout sends it',
    handle: (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        try {
          const { type, data } = JSON.parse(body) as { type: string; data: { summary: string } };
          console.log(`[demo-api] alert ${type}: ${data.summary}`);
        } catch {
          console.log('[demo-api] alert with an unreadable body');
        }
        res.writeHead(204).end();
      });
    },
  },
  '/auth': {
    about: `200 with "Authorization: Bearer ${DEMO_TOKEN}", else 401`,
    handle: (req, res) =>
      req.headers.authorization === `Bearer ${DEMO_TOKEN}`
        ? json(res, 200, { status: 'ok', authenticated: true })
        : json(res, 401, { error: 'unauthorized', message: 'Missing or wrong bearer token.' }),
  },
};

function route(req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? '/', 'http://demo').pathname;
  if (path === '/') {
    return json(res, 200, {
      endpoints: Object.fromEntries(Object.entries(endpoints).map(([p, e]) => [p, e.about])),
    });
  }
  const endpoint = endpoints[path];
  if (!endpoint) return json(res, 404, { error: 'not_found', message: `No demo endpoint ${path}` });
  endpoint.handle(req, res);
}

/** Starts the API; rejects with a clear message when the port is taken. */
export function startDemoApi(port = DEMO_API_PORT): Promise<Server> {
  const server = createServer(route);
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} is already in use (another demo API running?); free it and try again`)
          : error,
      );
    });
    server.listen(port, DEMO_API_HOST, () => resolve(server));
  });
}

/** Stops the API, dropping open connections (the /hanging ones would keep it alive). */
export function stopDemoApi(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startDemoApi().then(
    () => console.log(`demo API on http://${DEMO_API_HOST}:${DEMO_API_PORT}/`),
    (error: Error) => {
      console.error(`demo API: ${error.message}`);
      process.exit(1);
    },
  );
}
