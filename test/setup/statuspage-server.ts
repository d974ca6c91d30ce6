import type { IncomingMessage, ServerResponse } from 'node:http';
import { VENDOR_HTML, VENDOR_SCENARIOS } from './statuspage-docs';

/** Scenario last set per switch name (POST /vendor/switch:<name>?scenario=...), for state changes between ticks. */
const switched = new Map<string, string>();

/**
 *   /vendor/<scenario>/api/v2/summary.json   that scenario's summary (VENDOR_SCENARIOS)
 *   /vendor/html/...                         a 200 HTML page
 *   /vendor/not-summary/...                  200 JSON that is not a summary
 *   /vendor/cut/...                          200 JSON cut off midway
 *   /vendor/switch:<name>/...                the scenario last POSTed there (operational until set)
 */
export function vendorRoute(scenario: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
  if (scenario.startsWith('switch:')) {
    const name = scenario.slice('switch:'.length);
    if (req.method === 'POST') {
      switched.set(name, url.searchParams.get('scenario') ?? 'operational');
      return send(res, 200, 'application/json', '{}');
    }
    scenario = switched.get(name) ?? 'operational';
  }
  if (!url.pathname.endsWith('/api/v2/summary.json'))
    return send(res, 404, 'text/html', '<h1>Not found</h1>');
  if (scenario === 'html') return send(res, 200, 'text/html', VENDOR_HTML);
  if (scenario === 'not-summary')
    return send(res, 200, 'application/json', '{"status":"ok","uptime":0.9998}');
  if (scenario === 'cut')
    return send(res, 200, 'application/json', JSON.stringify(VENDOR_SCENARIOS.major).slice(0, 300));
  const doc = VENDOR_SCENARIOS[scenario];
  if (!doc) return send(res, 404, 'application/json', '{"error":"no such page"}');
  return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(doc));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}
