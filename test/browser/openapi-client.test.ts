/**
 * The API as tools see it: the OpenAPI document the running Worker serves (global-setup.ts) passes
 * Redocly's recommended rules and a second validator (the official 3.1 schema, every $ref
 * resolved), and a client generated from it with openapi-typescript type-checks and calls the API.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Validator } from '@seriousme/openapi-schema-validator';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LookoutFixture } from './global-setup';

const lookout = inject('lookout');
const ROOT = resolve(import.meta.dirname, '../..');
// Inside the project, so the generated client resolves openapi-fetch from node_modules.
const DIR = join(ROOT, 'test-results/openapi-client');

/** A client as a user writes one: typed by the generated `paths`, every call checked by tsc. */
const CLIENT = `import createClient from 'openapi-fetch';
import type { paths } from './schema';

export async function run(baseUrl: string, monitorId: string) {
  const api = createClient<paths>({ baseUrl });
  const status = await api.GET('/api/v1/status');
  const uptime = await api.GET('/api/v1/monitors/{id}/uptime', {
    params: { path: { id: monitorId }, query: { window: '24h' } },
  });
  const incidents = await api.GET('/api/v1/incidents', { params: { query: { status: 'resolved' } } });
  const missing = await api.GET('/api/v1/monitors/{id}', { params: { path: { id: 'no-such-monitor' } } });
  return {
    status: status.response.status,
    uptime: [uptime.response.status, uptime.data] as const,
    incidents: incidents.response.status,
    missing: [missing.response.status, missing.error?.code] as const,
  };
}
`;

/** The same client with a window the API does not accept: the generated types must refuse it. */
const WRONG = CLIENT.replace("window: '24h'", "window: '2w'");

function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe.skipIf(lookout === null)('the OpenAPI document, as tools use it', () => {
  const { baseUrl, monitors } = lookout ?? ({} as LookoutFixture);
  let doc: Record<string, unknown>;

  beforeAll(async () => {
    doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as Record<string, unknown>;
    await mkdir(DIR, { recursive: true });
  });
  afterAll(async () => {
    await rm(DIR, { recursive: true, force: true });
  });

  it("passes Redocly's recommended rules with no error, and names the server it came from", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
    expect(errors).toEqual([]);
    expect(doc.servers).toEqual([{ url: baseUrl }]);
  });

  it('is valid against the OpenAPI 3.1 schema with every reference resolved, and names every operation', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = Object.values(
      doc.paths as Record<string, Record<string, { operationId?: string }>>,
    ).flatMap((ops) => Object.values(ops));
    const ids = operations.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(JSON.stringify(doc)).not.toContain('#/$defs/');
  });

  it('generates a typed client that type-checks, refuses a wrong query, and calls the running API', async () => {
    await writeFile(join(DIR, 'schema.ts'), astToString(await openapiTS(doc as never)));
    await writeFile(join(DIR, 'client.ts'), CLIENT);
    await writeFile(join(DIR, 'wrong.ts'), WRONG);
    expect(typeErrors(join(DIR, 'client.ts'))).toEqual([]);
    expect(typeErrors(join(DIR, 'wrong.ts')).join('\n')).toContain('"2w"');

    const client = (await import(join(DIR, 'client.ts'))) as {
      run(baseUrl: string, monitorId: string): Promise<Record<string, unknown>>;
    };
    const answers = await client.run(baseUrl, monitors.up);
    expect(answers).toMatchObject({
      status: 200,
      uptime: [200, expect.objectContaining({ monitor_id: monitors.up, window: '24h' })],
      incidents: 200,
      missing: [404, 'monitor_not_found'],
    });
  });
});
