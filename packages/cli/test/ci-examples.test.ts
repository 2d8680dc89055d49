import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, REPO_ROOT } from '@patchprobe/test-utils';
import { listExamples } from '../../../scripts/lib/example-repo.mjs';
import { parseArgv } from '../src/parse-argv.js';

const CI_DIR = path.join(EXAMPLES, 'ci');
const FILES = [
  ...fs.readdirSync(CI_DIR).filter((f) => f.endsWith('.yml')).map((f) => path.join(CI_DIR, f)),
  path.join(REPO_ROOT, 'docs/ci.md'),
  path.join(REPO_ROOT, 'README.md'),
];

/** CI expressions a runner would expand, with a value each. */
const EXPANSIONS: Array<[RegExp, string]> = [
  [/\$\{\{\s*matrix\.shard\s*\}\}/g, '2'],
  [/\$\{\{\s*github\.event\.before\s*\}\}/g, '0123abc'],
  [/\$CI_NODE_INDEX/g, '2'],
  [/\$CI_NODE_TOTAL/g, '4'],
];

/** Every `npx patchprobe …` / `pnpm exec patchprobe …` command line in a file, expanded. */
function commands(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:npx|pnpm exec) patchprobe ((?:gate|merge|verify)\b[^\n`#]*)/g)].map((m) => m[1]!.trim());
  return found.map((c) => EXPANSIONS.reduce((s, [re, v]) => s.replace(re, v), c));
}

describe('the CI examples and docs/ci.md', () => {
  it('are not taken for example projects', () => {
    expect(listExamples(EXAMPLES)).not.toContain('ci');
    expect(fs.existsSync(path.join(CI_DIR, 'expected.json'))).toBe(false);
  });

  it('have the three ready files', () => {
    expect(FILES.map((f) => path.relative(REPO_ROOT, f))).toEqual(
      expect.arrayContaining(['examples/ci/github-actions.yml', 'examples/ci/github-actions-sharded.yml', 'examples/ci/gitlab-ci.yml']),
    );
  });

  it.each(FILES.map((f) => [path.relative(REPO_ROOT, f), f]))('%s: every patchprobe command parses', (_, file) => {
    const lines = commands(file);
    if (file.endsWith('.yml')) expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      // No quoting in these commands: a plain split is what the shell does with them.
      expect(() => parseArgv(line.split(/\s+/)), line).not.toThrow();
    }
  });

  it.each(FILES.filter((f) => f.endsWith('.yml')).map((f) => [path.basename(f), f]))('%s: indented with spaces only (YAML forbids tabs)', (_, file) => {
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/\t/);
  });

  it('the sharded files upload exactly the partial files their shards write', () => {
    const gh = fs.readFileSync(path.join(CI_DIR, 'github-actions-sharded.yml'), 'utf8');
    const shard = parseArgv(commands(path.join(CI_DIR, 'github-actions-sharded.yml')).find((c) => c.startsWith('gate'))!.split(/\s+/));
    expect(shard).toMatchObject({ shard: { index: 2, count: 4 }, partial: 'patchprobe-shard-2-of-4.json' });
    expect(gh).toContain('path: patchprobe-shard-${{ matrix.shard }}-of-4.json');
    expect(gh).toMatch(/shard: \[1, 2, 3, 4\]/);
    const gl = fs.readFileSync(path.join(CI_DIR, 'gitlab-ci.yml'), 'utf8');
    expect(gl).toMatch(/parallel: 4\n/);
    expect(gl).toContain('- patchprobe-shard-*.json');
  });
});
