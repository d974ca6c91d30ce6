import { Hono } from 'hono';
import { testChannel } from '../../alerting/channel-test';
import { bundledConfig } from '../../config/bundled';
import type { LoadedConfig } from '../../config/monitor';
import { emailBindingsFrom } from '../../email/providers';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { secretsFromEnv } from '../../probes/templates';
import { requireToken } from '../auth';

/**
 * `POST /channels/{id}/test`: the deployed Worker sends a test alert through one configured
 * channel, with its own secrets and bindings, and answers with what the receiver said
 * (`npm run alert:test -- --channel ID --remote`). A write token: it sends a message.
 */
export function channelsRoutes(
  config: () => Promise<Pick<LoadedConfig, 'channels' | 'statusPageUrl'>> = bundledConfig,
) {
  return new Hono<AppEnv>().post('/channels/:id/test', requireToken('write'), async (c) => {
    const id = c.req.param('id');
    const { channels, statusPageUrl } = await config();
    const channel = channels.find((ch) => ch.id === id);
    if (!channel)
      throw new ApiError(404, 'channel_not_found', `No channel has the id "${id}" in lookout.yaml.`);
    const outcome = await testChannel(channel, {
      secrets: secretsFromEnv(c.env),
      fetch: (input, init) => fetch(input, init),
      emailBinding: emailBindingsFrom(c.env),
      now: Date.now(),
      statusPageUrl,
    });
    return c.json(outcome);
  });
}

export const channelsApi = channelsRoutes();
