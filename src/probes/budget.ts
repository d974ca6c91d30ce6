import type { ProbeSpec } from '../config/checks';

/** The longest a check can take: every request it may send, each cut at its timeout. */
export function checkBudgetMs(spec: ProbeSpec): number {
  switch (spec.kind) {
    case 'http':
      return spec.timeout * (spec.requires_auth ? 2 : 1);
    case 'flow':
      return spec.steps.reduce((sum, step) => sum + step.timeout * (step.requires_auth ? 2 : 1), 0);
    case 'tcp':
    case 'dns':
    case 'tls':
    case 'statuspage':
      return spec.timeout;
  }
}
