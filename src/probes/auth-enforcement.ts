import type { HttpRequestSpec } from '../config/checks';
import type { ProbeContext } from './context';
import { sendRequest } from './http-request';
import type { TemplateScope } from './templates';
import type { Verdict } from './verdict';

/**
 * For an endpoint that must reject anonymous calls: call it again without credentials. A 2xx
 * means anyone can read it. An anonymous call that fails to connect proves nothing either way.
 */
export async function checkAuthEnforced(
  spec: HttpRequestSpec,
  ctx: ProbeContext,
  scope: TemplateScope,
): Promise<Verdict | null> {
  const anonymous = await sendRequest(spec, ctx, scope, { anonymous: true });
  if (!anonymous.ok) return null;
  const { status } = anonymous.exchange;
  if (status < 200 || status >= 300) return null;
  return {
    outcome: 'down',
    cause: 'security.auth_not_enforced',
    detail: `answered ${status} without credentials; expected 401 or 403`,
  };
}
