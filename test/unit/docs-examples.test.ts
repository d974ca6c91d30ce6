/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import readme from '../../README.md?raw';
import { loadConfigText } from '../../src/config/load';

/**
 * Every YAML example in the README and in docs/ is a lookout.yaml (or a part of one with its
 * top-level keys): each is loaded by the real loader, so an example that rots fails here.
 */
const docs = import.meta.glob<string>('../../docs/**/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const pages: [string, string][] = [
  ['README.md', readme],
  ...Object.entries(docs).map(([path, text]): [string, string] => [path.replace(/^(\.\.\/)+/, ''), text]),
];

function yamlBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  const fence = /^```ya?ml\n([\s\S]*?)^```/gm;
  for (const match of markdown.matchAll(fence)) {
    blocks.push({ line: markdown.slice(0, match.index).split('\n').length + 1, text: match[1] ?? '' });
  }
  return blocks;
}

const examples = pages.flatMap(([page, text]) => yamlBlocks(text).map((block) => ({ page, ...block })));

describe('the YAML examples in the docs', () => {
  it('are found (the scan itself works)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(yamlBlocks('text\n```yaml\nregions: [weur]\n```\n')).toEqual([
      { line: 3, text: 'regions: [weur]\n' },
    ]);
  });

  it.each(examples.map((e) => [`${e.page}:${e.line}`, e.text] as const))('%s loads', (_where, text) => {
    const result = loadConfigText(text);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('would catch a broken one', () => {
    const result = loadConfigText('monitors:\n  - id: a\n    url: https://x.example/\n    interval: 45s\n');
    expect(result.ok).toBe(false);
  });
});
