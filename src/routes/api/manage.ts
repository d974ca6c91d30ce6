import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { closeIncidents, type CloseReason } from '../../alerting/close-incidents';
import { policySchema } from '../../config/alerting-schema';
import { bundledConfig } from '../../config/bundled';
import { monitorsOf } from '../../config/monitor';
import { monitorSchema } from '../../config/schema';
import { forbiddenUses } from '../../config/secret-refs';
import { weakHeartbeatTokens } from '../../config/token-strength';
import { secretsFromEnv } from '../../probes/templates';
import { pauseMonitors, upsertMonitors } from '../../db/queries/monitors';
import { runBatch, statement } from '../../db/statements';
import { monitors } from '../../db/schema';
import type { AppEnv } from '../../env';
import { purgeHistory } from '../../db/queries/purge';
import { ApiError } from '../../lib/errors';
import { parseInput } from '../../lib/validate';
import type { Database } from '../../db/client';
import { requireToken } from '../auth';

const DEFAULT_REGIONS = ['weur', 'enam', 'apac'] as const;

/**
 * A monitor body is what lookout.yaml holds for one monitor, as JSON, through the same schema.
 * It may reference only the secrets `api.allowed_secrets` lists: a write token must not be able
 * to send the Worker's other secrets to a host it chooses. A heartbeat's token must be strong.
 */
async function definitionOf(body: unknown, env: Env) {
  const monitor = parseInput(monitorSchema, body);
  const { apiSecrets } = await bundledConfig();
  const forbidden = forbiddenUses(monitor, apiSecrets.reserved, apiSecrets.allowed);
  if (forbidden.length > 0) {
    throw new ApiError(422, 'secret_not_allowed', 'The monitor references secrets it may not use.', {
      errors: forbidden.map((use) => ({ field: use.path.join('.'), message: use.reason })),
    });
  }
  const definitions = monitorsOf({
    regions: [...DEFAULT_REGIONS],
    alerting: policySchema.parse({}),
    monitors: [monitor],
  });
  const [weak] = weakHeartbeatTokens(definitions, secretsFromEnv(env));
  if (weak) {
    throw new ApiError(422, 'validation_failed', 'The request is invalid.', {
      errors: [{ field: 'token', message: weak.message }],
    });
  }
  const [definition] = definitions;
  return definition as NonNullable<typeof definition>;
}

async function editable(db: Database, id: string) {
  const row = await db.select({ source: monitors.source }).from(monitors).where(eq(monitors.id, id)).get();
  if (!row) throw new ApiError(404, 'monitor_not_found', `No monitor has the id "${id}".`);
  if (row.source === 'config') {
    throw new ApiError(
      409,
      'monitor_from_config',
      `"${id}" is defined in lookout.yaml: change it there and deploy.`,
    );
  }
}

/**
 * Monitors managed through the API (write token). Those from the config file are read-only here,
 * so the file stays the truth for what it defines.
 */
export const manageApi = new Hono<AppEnv>()
  .post('/monitors', requireToken('write'), async (c) => {
    const definition = await definitionOf(await c.req.json().catch(() => undefined), c.env);
    const exists = await c.var.db
      .select({ id: monitors.id })
      .from(monitors)
      .where(eq(monitors.id, definition.id))
      .get();
    if (exists) throw new ApiError(409, 'monitor_exists', `A monitor with the id "${definition.id}" exists.`);
    await runBatch(c.var.db, upsertMonitors(c.var.db, [definition], Date.now(), 'api'));
    return c.json({ id: definition.id, source: 'api' }, 201);
  })
  .put('/monitors/:id', requireToken('write'), async (c) => {
    const id = c.req.param('id');
    await editable(c.var.db, id);
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    const definition = await definitionOf({ ...body, id }, c.env);
    await runBatch(c.var.db, upsertMonitors(c.var.db, [definition], Date.now(), 'api'));
    return c.json({ id, source: 'api' });
  })
  .post('/monitors/:id/pause', requireToken('write'), async (c) =>
    setPaused(c.var.db, c.req.param('id'), true).then((r) => c.json(r)),
  )
  .post('/monitors/:id/resume', requireToken('write'), async (c) =>
    setPaused(c.var.db, c.req.param('id'), false).then((r) => c.json(r)),
  )
  .delete('/monitors/:id', requireToken('write'), async (c) => {
    const id = c.req.param('id');
    await editable(c.var.db, id);
    // Its incidents are closed (and channels told) first: the delete cascades them away. It is
    // paused while its history goes a chunk at a time, so no statement deletes millions of rows.
    const now = Date.now();
    await runBatch(c.var.db, [
      ...(await closing(c.var.db, id, 'deleted', now)),
      ...pauseMonitors(c.var.db, [id], now),
    ]);
    await purgeHistory(c.var.db, [id], Infinity);
    await runBatch(c.var.db, [statement(c.var.db, 'DELETE FROM monitors WHERE id = ?', id)]);
    return c.body(null, 204);
  });

async function setPaused(db: Database, id: string, paused: boolean) {
  await editable(db, id);
  const now = Date.now();
  // Pausing closes the open incident: nothing would resolve it while no check runs.
  await runBatch(db, [
    ...(paused ? await closing(db, id, 'paused', now) : []),
    statement(db, 'UPDATE monitors SET paused = ?, updated_at = ? WHERE id = ?', paused ? 1 : 0, now, id),
  ]);
  return { id, paused };
}

/** Statements closing the monitor's open incident, told to the bundled config's channels. */
async function closing(db: Database, id: string, reason: CloseReason, now: number) {
  const { channels, statusPageUrl } = await bundledConfig();
  return closeIncidents(db, [id], reason, { channels, statusPageUrl, now });
}
