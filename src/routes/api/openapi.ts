import { Hono } from 'hono';
import { z } from 'zod';
import { maintenanceSchema } from '../../config/alerting-schema';
import { jsonValue } from '../../config/json-value';
import { monitorSchema } from '../../config/schema';
import type { AppEnv } from '../../env';
import {
  dailyQuery,
  incidentsQuery,
  listQuery,
  pingQuery,
  resultsQuery,
  slaQuery,
  updateBody,
  windowQuery,
} from './schemas';
import { exportQuery, importBody, listSubscribersQuery } from '../../subscribers/input';

type Auth = 'read' | 'write' | null;

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  /** The name generated clients give the call. */
  operationId: string;
  summary: string;
  auth: Auth;
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: number;
}

/** Every API route, with the Zod schemas its handler validates with. */
const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/v1/status',
    operationId: 'getStatus',
    summary: 'Every public monitor with its current status',
    auth: null,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/monitors',
    operationId: 'listMonitors',
    summary: 'The public monitors',
    auth: null,
    ok: 200,
  },
  {
    method: 'post',
    path: '/api/v1/monitors',
    operationId: 'createMonitor',
    summary: 'Create a monitor',
    auth: 'write',
    body: monitorSchema,
    ok: 201,
  },
  {
    method: 'get',
    path: '/api/v1/monitors/{id}',
    operationId: 'getMonitor',
    summary: 'One monitor',
    auth: null,
    ok: 200,
  },
  {
    method: 'put',
    path: '/api/v1/monitors/{id}',
    operationId: 'replaceMonitor',
    summary: 'Replace a monitor made through the API',
    auth: 'write',
    body: monitorSchema,
    ok: 200,
  },
  {
    method: 'delete',
    path: '/api/v1/monitors/{id}',
    operationId: 'deleteMonitor',
    summary: 'Delete a monitor made through the API',
    auth: 'write',
    ok: 204,
  },
  {
    method: 'post',
    path: '/api/v1/monitors/{id}/pause',
    operationId: 'pauseMonitor',
    summary: 'Pause a monitor made through the API',
    auth: 'write',
    ok: 200,
  },
  {
    method: 'post',
    path: '/api/v1/monitors/{id}/resume',
    operationId: 'resumeMonitor',
    summary: 'Resume a paused monitor',
    auth: 'write',
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/monitors/{id}/uptime',
    operationId: 'getMonitorUptime',
    summary: 'Uptime and latency over a window, overall and per region',
    auth: null,
    query: windowQuery,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/monitors/{id}/sla',
    operationId: 'getMonitorSla',
    summary: 'An SLA report for a period',
    auth: null,
    query: slaQuery,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/monitors/{id}/daily',
    operationId: 'getMonitorDaily',
    summary: 'Daily uptime bars',
    auth: null,
    query: dailyQuery,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/monitors/{id}/results',
    operationId: 'listMonitorResults',
    summary: 'Raw results, newest first, cursor-paginated',
    auth: null,
    query: resultsQuery,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/incidents',
    operationId: 'listIncidents',
    summary: 'Incidents with their events',
    auth: null,
    query: incidentsQuery,
    ok: 200,
  },
  {
    method: 'post',
    path: '/api/v1/incidents/{id}/updates',
    operationId: 'addIncidentUpdate',
    summary: 'A manual status update',
    auth: 'write',
    body: updateBody,
    ok: 201,
  },
  {
    method: 'get',
    path: '/api/v1/maintenance',
    operationId: 'listMaintenance',
    summary: 'Maintenance windows',
    auth: null,
    ok: 200,
  },
  {
    method: 'post',
    path: '/api/v1/maintenance',
    operationId: 'addMaintenance',
    summary: 'Add a maintenance window',
    auth: 'write',
    body: maintenanceSchema,
    ok: 201,
  },
  {
    method: 'delete',
    path: '/api/v1/maintenance/{id}',
    operationId: 'deleteMaintenance',
    summary: 'Remove a window added through the API',
    auth: 'write',
    ok: 204,
  },
  {
    method: 'get',
    path: '/api/v1/deliveries',
    operationId: 'listDeliveries',
    summary: 'The alert outbox',
    auth: 'read',
    query: listQuery,
    ok: 200,
  },
  {
    method: 'post',
    path: '/api/v1/channels/{id}/test',
    operationId: 'testChannel',
    summary: "Send a test alert through one channel and return the receiver's answer",
    auth: 'write',
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/subscribers',
    operationId: 'listSubscribers',
    summary: 'Status page subscribers, a page at a time (addresses: write token only)',
    auth: 'write',
    query: listSubscribersQuery,
    ok: 200,
  },
  {
    method: 'post',
    path: '/api/v1/subscribers',
    operationId: 'importSubscriber',
    summary: 'Add a subscriber already confirmed elsewhere (active at once)',
    auth: 'write',
    body: importBody,
    ok: 201,
  },
  {
    method: 'get',
    path: '/api/v1/subscribers/export',
    operationId: 'exportSubscribers',
    summary: 'Every subscriber, as JSON or CSV, to move elsewhere',
    auth: 'write',
    query: exportQuery,
    ok: 200,
  },
  {
    method: 'delete',
    path: '/api/v1/subscribers/{id}',
    operationId: 'deleteSubscriber',
    summary: 'Remove a subscriber',
    auth: 'write',
    ok: 204,
  },
  {
    method: 'get',
    path: '/api/v1/health',
    operationId: 'getHealth',
    summary: "Lookout's own health: last tick, minutes missed, phase errors, outbox (503 when stalled)",
    auth: 'read',
    ok: 200,
  },
  {
    method: 'post',
    path: '/api/v1/heartbeats/{token}',
    operationId: 'pingHeartbeat',
    summary: 'A heartbeat ping (GET works too)',
    auth: null,
    query: pingQuery,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v2/summary.json',
    operationId: 'getStatuspageSummary',
    summary: 'A Statuspage-compatible summary',
    auth: null,
    ok: 200,
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary: 'OpenMetrics',
    auth: 'read',
    ok: 200,
  },
];

type Json = Record<string, unknown>;

/**
 * A Zod schema as an OpenAPI 3.1 schema. Zod puts shared and recursive parts in the schema's own
 * `$defs` and refers to them as `#/$defs/...`, which an OpenAPI document resolves from its root,
 * where there is none: they move to `components.schemas` under `<prefix>_<name>`, refs rewritten.
 */
function schemaFor(schema: z.ZodType, prefix: string, components: Record<string, unknown>): Json {
  const {
    $defs = {},
    $schema: _,
    ...root
  } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: (ctx) => {
      if (ctx.zodSchema !== jsonValue) return;
      for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
      ctx.jsonSchema.description = 'Any JSON value';
    },
  }) as Json & { $defs?: Record<string, unknown> };
  const name = (def: string) => `${prefix}_${def.replace(/^_+/, '')}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) =>
        key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')
          ? [key, `#/components/schemas/${name(inner.slice('#/$defs/'.length))}`]
          : [key, rewrite(inner)],
      ),
    );
  };
  for (const [def, body] of Object.entries($defs)) components[name(def)] = rewrite(body);
  return rewrite(root) as Json;
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** What a successful call answers: JSON, OpenMetrics text, or nothing (204). */
function success(route: RouteDoc) {
  if (route.ok === 204) return { description: 'Done, nothing to return' };
  const type = route.path === '/metrics' ? 'application/openmetrics-text' : 'application/json';
  const schema = type === 'application/json' ? { type: 'object' } : { type: 'string' };
  return { description: 'Success', content: { [type]: { schema } } };
}

function operation(route: RouteDoc, components: Record<string, unknown>) {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = route.query ? schemaFor(route.query, `${route.operationId}Query`, components) : null;
  const properties = (query?.properties ?? {}) as Record<string, object>;
  const required = (query?.required ?? []) as string[];
  const queryParams = Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema,
  }));
  return {
    operationId: route.operationId,
    summary: route.summary,
    // Public calls say so: no token needed.
    security: route.auth ? [{ token: [route.auth] }] : [],
    parameters: [...pathParams, ...queryParams],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: schemaFor(route.body, `${route.operationId}Body`, components) },
            },
          },
        }
      : {}),
    responses: {
      [route.ok]: success(route),
      '4XX': problem('The request was refused: an RFC 9457 problem with a stable `code`'),
      default: problem('An RFC 9457 problem'),
    },
  };
}

/** The document, without `servers` (the origin it is served from is added per request). */
export function openApiDocument() {
  const components: Record<string, unknown> = {
    Problem: {
      type: 'object',
      required: ['type', 'title', 'status', 'code', 'detail'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        code: { type: 'string', description: 'Stable machine code' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route, components) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lookout API',
      version: '1',
      description: 'Synthetic API monitoring on Cloudflare.',
    },
    paths,
    components: {
      securitySchemes: {
        token: { type: 'http', scheme: 'bearer', description: 'An API token (npm run token:create)' },
      },
      schemas: components,
    },
  };
}

let cached: ReturnType<typeof openApiDocument> | undefined;

export const openApi = new Hono<AppEnv>().get('/openapi.json', (c) =>
  c.json({ ...(cached ??= openApiDocument()), servers: [{ url: new URL(c.req.url).origin }] }),
);
