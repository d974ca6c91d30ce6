import { expect, inject } from 'vitest';

/** The local alert receivers (test/setup/receivers.ts), as tests drive and read them. */
export const receiversUrl = inject('receiversUrl');

export interface Received {
  kind: string;
  name: string;
  headers: Record<string, string | undefined>;
  body: Record<string, unknown>;
  status: number | null;
  verified: boolean | null;
  /** Read whole, then the connection dropped without an answer (`dropNext`). */
  dropped: boolean;
}

export async function controlReceiver(
  kind: string,
  name: string,
  body: Record<string, unknown> | null,
): Promise<void> {
  const response = await fetch(`${receiversUrl}/__control/${kind}/${name}`, {
    method: body ? 'POST' : 'DELETE',
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status).toBe(200);
  await response.body?.cancel();
}

export async function receivedBy(kind: string, name: string): Promise<Received[]> {
  const response = await fetch(`${receiversUrl}/__received/${kind}/${name}`);
  return (await response.json()) as Received[];
}

/** The webhook ids a receiver accepted (2xx), in arrival order: what a deduplicating receiver keeps. */
export async function acceptedIds(kind: string, name: string): Promise<string[]> {
  return (await receivedBy(kind, name))
    .filter((r) => r.status !== null && r.status < 300)
    .map((r) => r.headers['webhook-id'] ?? '');
}

/** A receiver name no other test uses: the receivers server is shared by every test file. */
let counter = 0;
export const uniqueName = (label: string) => `${label}-${Date.now().toString(36)}-${counter++}`;
