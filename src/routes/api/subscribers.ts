import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { parseInput } from '../../lib/validate';
import { subscribersCsv, subscriberView } from '../../subscribers/export';
import { exportQuery, importBody, listSubscribersQuery } from '../../subscribers/input';
import { importActive, listSubscribers, remove } from '../../subscribers/store';
import { requireToken } from '../auth';

/** Export reads the table in pages of this many rows. */
const EXPORT_PAGE = 1000;

/**
 * Status page subscribers, for the team: list, remove, export (to move elsewhere) and import one
 * already confirmed. Addresses are personal data: every route needs a write token, reads included.
 */
export const subscribersApi = new Hono<AppEnv>()
  .use('/subscribers', requireToken('write'))
  .use('/subscribers/*', requireToken('write'))
  .get('/subscribers', async (c) => {
    const query = parseInput(listSubscribersQuery, c.req.query());
    const rows = await listSubscribers(c.var.db, query.cursor ?? null, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return c.json({
      subscribers: page.map(subscriberView),
      next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    });
  })
  .get('/subscribers/export', async (c) => {
    const { format } = parseInput(exportQuery, c.req.query());
    const views = [];
    for (let after: string | null = null; ;) {
      const rows = await listSubscribers(c.var.db, after, EXPORT_PAGE);
      views.push(...rows.map(subscriberView));
      if (rows.length < EXPORT_PAGE) break;
      after = rows.at(-1)?.id ?? null;
    }
    const day = new Date().toISOString().slice(0, 10);
    c.header('cache-control', 'no-store');
    if (format === 'csv') {
      c.header('content-disposition', `attachment; filename="subscribers-${day}.csv"`);
      return c.body(subscribersCsv(views), 200, { 'content-type': 'text/csv; charset=utf-8' });
    }
    c.header('content-disposition', `attachment; filename="subscribers-${day}.json"`);
    return c.json({ subscribers: views });
  })
  .post('/subscribers', async (c) => {
    const body = parseInput(importBody, await c.req.json().catch(() => undefined));
    const row = await importActive(c.var.db, body.kind, body.address, body.groups, Date.now());
    return c.json(subscriberView(row), 201);
  })
  .delete('/subscribers/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await remove(c.var.db, id)))
      throw new ApiError(404, 'subscriber_not_found', `No subscriber has the id "${id}".`);
    return c.body(null, 204);
  });
