import { stringify } from 'yaml';
import type { ImportResult } from './common';
import { importGatus } from './gatus';
import { importUptimeFlare } from './uptimeflare';
import { importUptimeKuma } from './uptime-kuma';

export { ImportError, type ImportNote, type ImportResult } from './common';

export const IMPORTERS = {
  uptimeflare: importUptimeFlare,
  gatus: importGatus,
  'uptime-kuma': importUptimeKuma,
} as const satisfies Record<string, (text: string) => ImportResult>;

export type Source = keyof typeof IMPORTERS;

export const SOURCES = Object.keys(IMPORTERS) as Source[];

const TITLES: Record<Source, string> = {
  uptimeflare: "UptimeFlare's uptime.config.ts",
  gatus: 'a Gatus config',
  'uptime-kuma': 'an Uptime Kuma backup',
};

/** The lookout.yaml text: a header saying where it came from and what to do next, then the config. */
export function renderYaml(result: ImportResult, source: Source, file: string): string {
  const header = [
    '# yaml-language-server: $schema=./lookout.schema.json',
    '#',
    `# Imported from ${TITLES[source]} (${file}) by \`npm run import\`.`,
    `# ${result.notes.length} note(s) were printed: what was not carried over as it was, and why.`,
    ...(result.secrets.length > 0
      ? [
          '# Secrets were moved out of this file; set each on the Worker before deploying:',
          ...result.secrets.map(
            (s) => `#   wrangler secret put ${s.name}${s.value ? `   # ${s.value}` : ''}`,
          ),
        ]
      : []),
    '',
  ];
  return `${header.join('\n')}\n${stringify(result.config, { lineWidth: 0 })}`;
}

/** The notes as the CLI prints them, one per line. */
export function formatNotes(result: ImportResult): string {
  if (result.notes.length === 0) return 'Everything was carried over.';
  return [
    'Not carried over as it was:',
    ...result.notes.map((n) => `  ${n.path}: ${n.what} (${n.why})`),
  ].join('\n');
}
