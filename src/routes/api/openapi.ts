import { Hono } from 'hono';
import { z } from 'zod';
import { maintenanceSchema } from '../../config/alerting-schema';
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

type Auth = 'read' | 'write' | null;

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
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
    summary: 'Every public monitor with its current status',
    auth: null,
    ok: 200,
  },
  { method: 'get', path: '/api/v1/monitors', summary: 'The public monitors', auth: null, ok: 200 },
  {
    method: 'post',
    path: '/api/v1/monitors',
    summary: 'Create a monitor',
    auth: 'write',
    body: monitorSchema,
    ok: 201,
  },
  { method: 'get', path: '/api/v1/monitors/{id}', summary: 'One monitor', auth: null, ok: 200 },
  {
    method: 'put',
    path: '/api/v1/monitors/{id}',
    summary: 'Replace a monitor made through the API',
    auth: 'write',
    body: monitorSchema,
    ok: 200,
  },
  {
    method: 'delete',
    path: '/api/v1/monitors/{id}',
    summary: 'Delete a monitor made through the API',
    auth: 'write',
    ok: 204,
  },
  {
    method: 'post',
    path: '/api/v1/monitors/{id}/pause',
    summary: 'Pause a monitor made through the API',
    auth: 'write',
    ok: 200,
  },
  {
    method: 'post',
    path: '/api/v1/monitors/{id}/resume',
    summary: 'Resume a paused monitor',
    auth: 'write',
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/monitors/{id}/uptime',
    summary: 'Uptime and latency over a window, overall and per region',
    auth: null,
    query: windowQuery,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/monitors/{id}/sla',
    summary: 'An SLA report for a period',
    auth: null,
    query: slaQuery,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/monitors/{id}/daily',
    summary: 'Daily uptime bars',
    auth: null,
    query: dailyQuery,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/monitors/{id}/results',
    summary: 'Raw results, newest first, cursor-paginated',
    auth: null,
    query: resultsQuery,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/incidents',
    summary: 'Incidents with their events',
    auth: null,
    query: incidentsQuery,
    ok: 200,
  },
  {
    method: 'post',
    path: '/api/v1/incidents/{id}/updates',
    summary: 'A manual status update',
    auth: 'write',
    body: updateBody,
    ok: 201,
  },
  { method: 'get', path: '/api/v1/maintenance', summary: 'Maintenance windows', auth: null, ok: 200 },
  {
    method: 'post',
    path: '/api/v1/maintenance',
    summary: 'Add a maintenance window',
    auth: 'write',
    body: maintenanceSchema,
    ok: 201,
  },
  {
    method: 'delete',
    path: '/api/v1/maintenance/{id}',
    summary: 'Remove a window added through the API',
    auth: 'write',
    ok: 204,
  },
  {
    method: 'get',
    path: '/api/v1/deliveries',
    summary: 'The alert outbox',
    auth: 'read',
    query: listQuery,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v1/health',
    summary: "Lookout's own health: last tick, minutes missed, phase errors, outbox (503 when stalled)",
    auth: 'read',
    ok: 200,
  },
  {
    method: 'post',
    path: '/api/v1/heartbeats/{token}',
    summary: 'A heartbeat ping (GET works too)',
    auth: null,
    query: pingQuery,
    ok: 200,
  },
  {
    method: 'get',
    path: '/api/v2/summary.json',
    summary: 'A Statuspage-compatible summary',
    auth: null,
    ok: 200,
  },
  { method: 'get', path: '/metrics', summary: 'OpenMetrics', auth: 'read', ok: 200 },
];

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

function operation(route: RouteDoc) {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = route.query
    ? (jsonSchema(route.query) as { properties?: Record<string, object>; required?: string[] })
    : null;
  const queryParams = Object.entries(query?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: query?.required?.includes(name) ?? false,
    schema,
  }));
  return {
    summary: route.summary,
    ...(route.auth ? { security: [{ token: [route.auth] }] } : {}),
    parameters: [...pathParams, ...queryParams],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body) } },
          },
        }
      : {}),
    responses: {
      [route.ok]: { description: 'Success' },
      default: {
        description: 'An RFC 9457 problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    },
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  return {
    openapi: '3.1.0',
    info: { title: 'Lookout API', version: '1', description: 'Synthetic API monitoring on Cloudflare.' },
    paths,
    components: {
      securitySchemes: {
        token: { type: 'http', scheme: 'bearer', description: 'An API token (npm run token:create)' },
      },
      schemas: {
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
      },
    },
  };
}

let cached: ReturnType<typeof openApiDocument> | undefined;

export const openApi = new Hono<AppEnv>().get('/openapi.json', (c) => c.json((cached ??= openApiDocument())));
