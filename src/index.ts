import { createApp } from './app';
import { scheduled } from './jobs/scheduled';

export { Prober } from './regions/prober';
export { TickCoordinator } from './coordinator/tick-coordinator';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    await scheduled(controller, env);
  },
} satisfies ExportedHandler<Env>;
