import { Hono } from 'hono';
import { createDb } from './db/client';
import type { AppEnv } from './env';
import { ApiError, problem } from './lib/errors';
import { channelsApi } from './routes/api/channels';
import { deliveriesApi } from './routes/api/deliveries';
import { healthApi } from './routes/api/health';
import { heartbeatsApi } from './routes/api/heartbeats';
import { incidentsApi } from './routes/api/incidents';
import { maintenanceApi } from './routes/api/maintenance';
import { manageApi } from './routes/api/manage';
import { openApi } from './routes/api/openapi';
import { metricsApi } from './routes/api/metrics';
import { monitorsApi } from './routes/api/monitors';
import { statusApi } from './routes/api/status';
import { summaryApi } from './routes/api/summary';
import { privatePage, publicReads } from './routes/auth';
import { bodyCap, callerKey, rateLimit } from './routes/limits';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { badgesRoute } from './routes/status/badges';
import { feedRoute } from './routes/status/feed';
import { incidentsPage } from './routes/status/incidents';
import { badgeCache, bumpPageEpoch, edgeCache } from './routes/status/edge-cache';
import { runBatch } from './db/statements';
import { monitorPage } from './routes/status/monitor-page';
import { statusPage } from './routes/status/page';
import { subscribersApi } from './routes/api/subscribers';
import { subscribeRoutes, subscribePages } from './routes/status/subscribe';
import type { LoadedConfig } from './config/monitor';

const writeLimit = rateLimit('WRITE_LIMITER', callerKey);
const isRead = (method: string) => method === 'GET' || method === 'HEAD';

/** `config` replaces the bundled config for the subscription pages (tests). */
export function createApp(config?: () => Promise<LoadedConfig>) {
  const app = new Hono<AppEnv>();
  app
    .use(bodyCap)
    // A known path asked with a method it does not take: 405 naming the methods it does.
    .use(
      methodNotAllowed({
        app,
        onMethodNotAllowed: (c, methods) =>
          problem(
            c,
            new ApiError(
              405,
              'method_not_allowed',
              `${c.req.method} is not allowed here.`,
              {},
              {
                allow: methods.join(', '),
              },
            ),
          ),
      }),
    )
    .use(async (c, next) => {
      c.set('db', createDb(c.env.DB));
      await next();
    })
    // Heartbeat pings carry their own secret: they stay open whatever the read setting.
    .use('/api/v1/*', async (c, next) =>
      c.req.path.startsWith('/api/v1/heartbeats/') ? next() : publicReads(c, next),
    )
    .use('/api/v2/*', publicReads)
    // Writes are limited per caller before the token is even looked up; pings have their own limit.
    .use('/api/v1/*', async (c, next) =>
      isRead(c.req.method) || c.req.path.startsWith('/api/v1/heartbeats/') ? next() : writeLimit(c, next),
    )
    // A write through the API changes what the public pages show.
    .use('/api/v1/*', async (c, next) => {
      await next();
      if (!isRead(c.req.method) && c.res.status < 400 && !c.req.path.startsWith('/api/v1/heartbeats/'))
        await runBatch(c.var.db, [bumpPageEpoch(c.var.db, Date.now())]);
    })
    // A private status page (PUBLIC_READS = "false"): pages, feed and badges need a read token,
    // checked before the edge cache can answer.
    .use('/', publicReads)
    .use('/monitors/*', publicReads)
    .use('/incidents', publicReads)
    .use('/feed.atom', publicReads)
    .use('/badge/*', publicReads)
    // Its sign-up form too; the confirm and unsubscribe links carry their own capability.
    .use('/subscribe', privatePage)
    .use('/', edgeCache)
    .use('/monitors/*', edgeCache)
    .use('/incidents', edgeCache)
    .use('/feed.atom', edgeCache)
    .use('/badge/*', badgeCache)
    .route('/api/v1', openApi)
    .route('/api/v1', statusApi)
    .route('/api/v1', monitorsApi)
    .route('/api/v1', manageApi)
    .route('/api/v1', maintenanceApi)
    .route('/api/v1', heartbeatsApi)
    .route('/api/v1', incidentsApi)
    .route('/api/v1', deliveriesApi)
    .route('/api/v1', channelsApi)
    .route('/api/v1', subscribersApi)
    .route('/api/v1', healthApi)
    .route('/api/v2', summaryApi)
    .route('/', metricsApi)
    .route('/', monitorPage)
    .route('/', incidentsPage)
    .route('/', feedRoute)
    .route('/', badgesRoute)
    .route('/', config ? subscribeRoutes(config) : subscribePages)
    .route('/', statusPage);

  app.notFound((c) =>
    problem(c, new ApiError(404, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`)),
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) return problem(c, error);
    // Log the cause for the operator; the client gets a stable code and no stack trace.
    console.error('[lookout] unhandled error', error);
    return problem(c, new ApiError(500, 'internal', 'Something went wrong on our side.'));
  });
  return app;
}
