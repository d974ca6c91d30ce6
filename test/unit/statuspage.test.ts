import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load';
import { judgeSummary, readSummary, summaryUrl, type Summary } from '../../src/probes/statuspage-summary';
import { VENDOR_HTML, VENDOR_SCENARIOS } from '../setup/statuspage-docs';

const summary = (scenario: string): Summary => {
  const read = readSummary(JSON.stringify(VENDOR_SCENARIOS[scenario]));
  if (!read.ok) throw new Error(read.detail);
  return read.summary;
};

describe('a vendor status page summary', () => {
  it.each([
    ['https://status.acme.test', 'https://status.acme.test/api/v2/summary.json'],
    ['https://status.acme.test/', 'https://status.acme.test/api/v2/summary.json'],
    ['https://acme.statuspage.io/?utm=x', 'https://acme.statuspage.io/api/v2/summary.json'],
    ['https://status.acme.test/payments/', 'https://status.acme.test/payments/api/v2/summary.json'],
    ['https://status.acme.test/api/v2/summary.json', 'https://status.acme.test/api/v2/summary.json'],
  ])('is read for %s at %s', (page, url) => {
    expect(summaryUrl(page)).toBe(url);
  });

  it.each([
    ['operational', undefined, 'up', null, null],
    ['degraded', undefined, 'degraded', 'vendor.degraded', 'Dashboard: degraded performance'],
    ['partial', undefined, 'down', 'vendor.outage', 'Mastercard: partial outage'],
    ['major', undefined, 'down', 'vendor.outage', 'API: major outage'],
    ['maintenance', undefined, 'degraded', 'vendor.maintenance', 'Dashboard: under maintenance'],
    ['incident', undefined, 'degraded', 'vendor.degraded', 'incident "Webhook deliveries delayed" (minor)'],
  ])('%s, following %j, is %s (%s)', (scenario, follow, outcome, cause, detail) => {
    const verdict = judgeSummary(summary(scenario), follow);
    expect(verdict).toMatchObject({ outcome, cause });
    if (detail === null) expect(verdict.detail).toBeNull();
    else expect(verdict.detail).toContain(detail);
  });

  it('follows only the named components, by name in any case or by id', () => {
    // The API is down; the dashboard alone is fine, and the API's incident is not its concern.
    expect(judgeSummary(summary('major'), ['dashboard'])).toEqual({
      outcome: 'up',
      cause: null,
      detail: null,
      findings: [],
    });
    expect(judgeSummary(summary('major'), ['y2j98763l56x'])).toMatchObject({
      outcome: 'down',
      cause: 'vendor.outage',
    });
    expect(judgeSummary(summary('degraded'), ['API'])).toMatchObject({ outcome: 'up', findings: [] });
  });

  it('follows a group through its members', () => {
    expect(judgeSummary(summary('partial'), ['Card networks'])).toMatchObject({
      outcome: 'down',
      cause: 'vendor.outage',
      detail: expect.stringMatching(
        /^Mastercard: partial outage; incident "Mastercard authorizations failing"/,
      ),
    });
    expect(judgeSummary(summary('partial'), ['Visa'])).toMatchObject({ outcome: 'up', findings: [] });
  });

  it('makes each unresolved incident on a followed component a finding with its impact and link', () => {
    expect(judgeSummary(summary('major'), ['API']).findings).toEqual([
      {
        code: 'vendor.incident',
        detail: 'Elevated API errors (identified)',
        data: {
          name: 'Elevated API errors',
          impact: 'critical',
          status: 'identified',
          shortlink: 'https://stspg.io/p31zjtct2jer',
          started_at: '2026-11-26T11:40:00.000Z',
        },
      },
    ]);
  });

  it('names a followed component the page does not have, and what the page has', () => {
    expect(judgeSummary(summary('operational'), ['API', 'Payouts'])).toEqual({
      outcome: 'down',
      cause: 'vendor.unknown_component',
      detail: 'the status page has no component "Payouts"; it has: API, Dashboard, Card networks',
      findings: [],
    });
  });

  it('says what it got when the body is not a summary', () => {
    expect(readSummary(VENDOR_HTML)).toEqual({
      ok: false,
      detail: 'not JSON (it starts "<!DOCTYPE html><html><head><title>Acme P")',
    });
    expect(readSummary('{"status":"ok"}')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^not a Statuspage summary: components: /),
    });
  });
});

describe('a statuspage monitor in lookout.yaml', () => {
  it('is read at most once a minute', () => {
    const text =
      'monitors:\n  - id: v\n    kind: statuspage\n    url: https://status.acme.test\n    interval: 30s\n';
    const loaded = loadConfigText(text);
    expect(loaded.ok ? [] : loaded.problems).toEqual([
      {
        path: 'monitors[0].interval',
        line: 5,
        message: "a vendor's status page is read at most once a minute",
      },
    ]);
    expect(loadConfigText(text.replace('30s', '5m')).ok).toBe(true);
  });
});
