import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { updateBody } from './schemas';
import { ApiError } from '../../lib/errors';
import { parseInput } from '../../lib/validate';
import { requireToken } from '../auth';
import { bundledConfig } from '../../config/bundled';
import { incidentNoteStatements } from '../../subscribers/incident-note';

/**
 * Manual status updates, the words people read on the status page. They annotate an incident;
 * opening and resolving stay with the checks, so a monitor that still fails keeps its incident.
 */
export const incidentsApi = new Hono<AppEnv>().post(
  '/incidents/:id/updates',
  requireToken('write'),
  async (c) => {
    const body = parseInput(updateBody, await c.req.json().catch(() => undefined));
    const id = c.req.param('id');
    const now = Date.now();
    // Status page subscribers hear the update too (the outbox sends it with the next tick).
    const note = await incidentNoteStatements(c.var.db, id, body, now, (await bundledConfig()).statusPageUrl);
    const [updated] = await c.env.DB.batch([
      c.env.DB.prepare('UPDATE incidents SET status = ? WHERE id = ?').bind(body.status, id),
      c.env.DB.prepare(
        `INSERT INTO incident_events (incident_id, at, kind, source, message)
       SELECT id, ?, ?, 'manual', ? FROM incidents WHERE id = ?`,
      ).bind(now, body.status, body.message, id),
      ...note,
    ]);
    if (!updated?.meta.changes)
      throw new ApiError(404, 'incident_not_found', `No incident has the id "${id}".`);
    return c.json(
      { incident_id: id, status: body.status, message: body.message, at: new Date(now).toISOString() },
      201,
    );
  },
);
