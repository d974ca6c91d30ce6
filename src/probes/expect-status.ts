import type { ExpectedStatus } from '../config/checks';

export function statusAccepted(expected: ExpectedStatus, status: number): boolean {
  const accepted = Array.isArray(expected) ? expected : [expected];
  return accepted.some((rule) =>
    typeof rule === 'number' ? rule === status : Math.floor(status / 100) === Number(rule[0]),
  );
}

export function describeExpected(expected: ExpectedStatus): string {
  return (Array.isArray(expected) ? expected : [expected]).join(', ');
}
