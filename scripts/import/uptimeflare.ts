import { ImportError, type ImportResult } from './common';

export function importUptimeFlare(_text: string): ImportResult {
  throw new ImportError('not yet');
}
