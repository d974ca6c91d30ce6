/**
 * Vendor status pages for `kind: statuspage` tests: `/api/v2/summary.json` documents shaped as
 * Atlassian Statuspage publishes them (the fields and value sets of its public API; incident.io
 * pages serve the same document), one per scenario. Served by target-server.ts under
 * `/vendor/<scenario>/api/v2/summary.json`.
 */
const PAGE = {
  id: 'kctbh9vrtdwd',
  name: 'Acme Payments',
  url: 'https://status.acme-payments.test',
  time_zone: 'Etc/UTC',
  updated_at: '2026-11-26T11:58:03.421Z',
};

type ComponentStatus =
  'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';

function component(
  id: string,
  name: string,
  status: ComponentStatus,
  position: number,
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    name,
    status,
    created_at: '2019-03-14T17:19:05.021Z',
    updated_at: '2026-11-26T11:58:03.400Z',
    position,
    description: null,
    showcase: true,
    start_date: '2019-03-14',
    group_id: null,
    page_id: PAGE.id,
    group: false,
    only_show_if_degraded: false,
    ...extra,
  };
}

/** API and Dashboard on their own, a "Card networks" group with Visa and Mastercard. */
function components(statuses: Partial<Record<'api' | 'dashboard' | 'visa' | 'mastercard', ComponentStatus>>) {
  const s = {
    api: 'operational',
    dashboard: 'operational',
    visa: 'operational',
    mastercard: 'operational',
    ...statuses,
  } as const;
  const groupStatus = [s.visa, s.mastercard].find((x) => x !== 'operational') ?? 'operational';
  return [
    component('y2j98763l56x', 'API', s.api, 1),
    component('dgrqxbk3v7m2', 'Dashboard', s.dashboard, 2),
    component('0l2p9nhqnxpd', 'Card networks', groupStatus, 3, {
      group: true,
      components: ['b13yz5g2cw10', 'fxw8bq3m9t4n'],
    }),
    component('b13yz5g2cw10', 'Visa', s.visa, 4, { group_id: '0l2p9nhqnxpd' }),
    component('fxw8bq3m9t4n', 'Mastercard', s.mastercard, 5, { group_id: '0l2p9nhqnxpd' }),
  ];
}

function incident(
  name: string,
  impact: 'none' | 'minor' | 'major' | 'critical',
  affected: { id: string; name: string; status: ComponentStatus }[],
) {
  return {
    id: 'p31zjtct2jer',
    name,
    status: 'identified',
    created_at: '2026-11-26T11:41:00.000Z',
    updated_at: '2026-11-26T11:58:03.000Z',
    monitoring_at: null,
    resolved_at: null,
    impact,
    shortlink: 'https://stspg.io/p31zjtct2jer',
    started_at: '2026-11-26T11:40:00.000Z',
    page_id: PAGE.id,
    incident_updates: [
      {
        id: 'h4vbl2k7q9xs',
        status: 'identified',
        body: 'We have identified the cause of elevated error rates and are rolling out a fix.',
        incident_id: 'p31zjtct2jer',
        created_at: '2026-11-26T11:58:03.000Z',
        updated_at: '2026-11-26T11:58:03.000Z',
        display_at: '2026-11-26T11:58:03.000Z',
        affected_components: affected.map((c) => ({
          code: c.id,
          name: c.name,
          old_status: 'operational',
          new_status: c.status,
        })),
        deliver_notifications: true,
      },
    ],
    components: affected.map((c) => component(c.id, c.name, c.status, 1)),
  };
}

const STATUS = {
  none: { indicator: 'none', description: 'All Systems Operational' },
  minor: { indicator: 'minor', description: 'Minor Service Outage' },
  major: { indicator: 'major', description: 'Partial System Outage' },
  critical: { indicator: 'critical', description: 'Major System Outage' },
  maintenance: { indicator: 'maintenance', description: 'Service Under Maintenance' },
};

export const VENDOR_SCENARIOS: Record<string, unknown> = {
  operational: {
    page: PAGE,
    components: components({}),
    incidents: [],
    scheduled_maintenances: [],
    status: STATUS.none,
  },
  degraded: {
    page: PAGE,
    components: components({ dashboard: 'degraded_performance' }),
    incidents: [
      incident('Slow dashboard loads', 'minor', [
        { id: 'dgrqxbk3v7m2', name: 'Dashboard', status: 'degraded_performance' },
      ]),
    ],
    scheduled_maintenances: [],
    status: STATUS.minor,
  },
  partial: {
    page: PAGE,
    components: components({ mastercard: 'partial_outage' }),
    incidents: [
      incident('Mastercard authorizations failing', 'major', [
        { id: 'fxw8bq3m9t4n', name: 'Mastercard', status: 'partial_outage' },
      ]),
    ],
    scheduled_maintenances: [],
    status: STATUS.major,
  },
  major: {
    page: PAGE,
    components: components({ api: 'major_outage' }),
    incidents: [
      incident('Elevated API errors', 'critical', [
        { id: 'y2j98763l56x', name: 'API', status: 'major_outage' },
      ]),
    ],
    scheduled_maintenances: [],
    status: STATUS.critical,
  },
  maintenance: {
    page: PAGE,
    components: components({ dashboard: 'under_maintenance' }),
    incidents: [],
    scheduled_maintenances: [
      {
        id: 'w1zdr745wmfy',
        name: 'Dashboard database upgrade',
        status: 'in_progress',
        created_at: '2026-11-20T09:00:00.000Z',
        updated_at: '2026-11-26T11:00:00.000Z',
        monitoring_at: null,
        resolved_at: null,
        impact: 'maintenance',
        shortlink: 'https://stspg.io/w1zdr745wmfy',
        started_at: '2026-11-26T11:00:00.000Z',
        page_id: PAGE.id,
        incident_updates: [],
        components: [component('dgrqxbk3v7m2', 'Dashboard', 'under_maintenance', 2)],
        scheduled_for: '2026-11-26T11:00:00.000Z',
        scheduled_until: '2026-11-26T13:00:00.000Z',
      },
    ],
    status: STATUS.maintenance,
  },
  /** Components all operational, an incident being investigated with a minor impact on the API. */
  incident: {
    page: PAGE,
    components: components({}),
    incidents: [
      {
        ...incident('Webhook deliveries delayed', 'minor', [
          { id: 'y2j98763l56x', name: 'API', status: 'operational' },
        ]),
        status: 'investigating',
      },
    ],
    scheduled_maintenances: [],
    status: STATUS.minor,
  },
};

/** The HTML a status page serves at a path it does not know, with a 200: not a summary. */
export const VENDOR_HTML =
  '<!DOCTYPE html><html><head><title>Acme Payments Status</title></head><body><div class="page-status">All Systems Operational</div></body></html>';
