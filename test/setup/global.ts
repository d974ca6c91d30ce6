import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startTargetServer, targetHandler } from './target-server';
import { startReceivers } from './receivers';
import { startTlsServers } from './tls-servers';
import { startRdapServer } from './rdap-server';

/** Starts the real local HTTP target every test probes, and finds a port nothing listens on. */
export default async function setup(project: TestProject) {
  const handler = targetHandler();
  const target = await startTargetServer(0, handler);
  project.provide('targetUrl', target.url);
  // The same target on another port: another origin, for redirects that leave the first.
  const other = await startTargetServer(0, handler);
  project.provide('otherOriginUrl', other.url);
  project.provide('refusedUrl', `http://127.0.0.1:${await freePort()}`);
  // The stand-in alert receivers: Slack, Discord, PagerDuty, Standard Webhooks (receivers.ts).
  const receivers = await startReceivers();
  project.provide('receiversUrl', receivers.url);
  // HTTPS servers with generated certificates, and a stand-in CT log. vitest.config.ts reads the two
  // variables for the Worker's bindings: its binding callback runs after this setup.
  const tls = await startTlsServers();
  project.provide('tlsPorts', tls.ports);
  process.env.LOOKOUT_TEST_TLS_ANCHOR = tls.caPem;
  process.env.LOOKOUT_TEST_CT_LOG_URL = tls.ctLogUrl;
  // The stand-in RDAP server and its bootstrap registry (rdap-server.ts), for the Worker's bindings.
  const rdap = await startRdapServer();
  process.env.LOOKOUT_TEST_RDAP_BOOTSTRAP_URL = rdap.bootstrapUrl;
  return async () => {
    await Promise.all([target.close(), other.close(), receivers.close(), tls.close(), rdap.close()]);
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}
