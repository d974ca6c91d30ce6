import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { bundledConfig } from '../../src/config/bundled';
import worker from '../../src/index';
import { countResults, db } from '../helpers';
import { meta, monitors, ticks } from '../../src/db/schema';

describe('the cron entry point', () => {
  it('reconciles the bundled lookout.yaml and runs a tick over it', async () => {
    const config = await bundledConfig();
    expect(config.monitors.length).toBeGreaterThan(0);
    const scheduledTime = Date.UTC(2026, 10, 26, 9, 0, 0);

    await worker.scheduled(createScheduledController({ scheduledTime, cron: '* * * * *' }), env);

    const stored = await db.select({ id: monitors.id }).from(monitors);
    expect(stored.map((m) => m.id).sort()).toEqual(config.monitors.map((m) => m.id).sort());
    const hash = await db.select().from(meta).get();
    expect(hash).toMatchObject({ key: 'config_hash', value: config.hash });
    // Whatever the network here answers, every (monitor, region) gets exactly one result.
    const expectedChecks = config.monitors.reduce((n, m) => n + m.regions.length, 0);
    expect(await countResults()).toBe(expectedChecks);
    const [tick] = await db.select().from(ticks);
    expect(tick).toMatchObject({ scheduledAt: scheduledTime, checks: expectedChecks });
  });
});
