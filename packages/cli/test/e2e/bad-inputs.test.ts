import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, type CliResult } from '@patchprobe/test-utils';
import { runCaptured } from '../run-captured.js';
import { CASES, parseTable, renderTable, shownArgv, tableBounds, withPlaceholders, withTable, type CaseResult, type InputCase } from './bad-inputs/cases.js';
import { Fixtures } from './bad-inputs/fixtures.js';

// Walks the table of bad inputs (bad-inputs/cases.ts) and checks docs/cli.md's copy of it.
// PP_UPDATE_DOCS=1 rewrites the table in docs/cli.md from what the runs printed.
const DOC = path.join(REPO_ROOT, 'docs/cli.md');
const UPDATE = process.env.PP_UPDATE_DOCS === '1';
const REGENERATE = 'PP_UPDATE_DOCS=1 npx vitest run --project cli packages/cli/test/e2e/bad-inputs.test.ts';
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;

const fx = new Fixtures();
const results = new Map<string, CaseResult>();
const documented = parseTable(fs.readFileSync(DOC, 'utf8'));
afterAll(() => fx.cleanup());

/** run() in this process, as CliResult. */
async function runInProcess(argv: string[], env: Record<string, string>): Promise<CliResult> {
  const r = await runCaptured(argv, { NO_COLOR: '1', ...env });
  return { exitCode: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** The line a row shows: a bad input's one stderr line, or a valid run's verdict line (or first line). */
function shownLine(c: InputCase, r: CliResult): string {
  if (c.exit === 2) return r.stderr.trimEnd();
  const verdict = r.stdout.split('\n').find((l) => /^\s*Verdict\s/.test(l));
  return (verdict ?? r.stdout.split('\n')[0] ?? '').trim().replace(/\s+/g, ' ');
}

const normalize = (text: string): string => withPlaceholders(text, fx.placeholders()).replaceAll(`patchprobe ${VERSION}`, 'patchprobe <version>');

async function check(c: InputCase): Promise<void> {
  const argv = await c.argv(fx);
  if (argv === undefined) {
    // Not possible on this machine (c.unavailable says why): the documented row stays as it is.
    if (!c.unavailable) throw new Error(`${c.id} could not be set up`);
    if (!documented.has(c.id)) results.set(c.id, { id: c.id, what: c.what, command: c.unavailable.command, exit: c.exit, line: c.unavailable.line });
    return;
  }
  const r = c.process ? await runCli(argv, { env: c.env ?? {} }) : await runInProcess(argv, c.env ?? {});
  const result: CaseResult = { id: c.id, what: c.what, command: shownArgv(argv, fx.placeholders()), exit: r.exitCode ?? -1, line: normalize(shownLine(c, r)) };
  results.set(c.id, result);
  const context = `patchprobe ${argv.join(' ')}\nexit ${r.exitCode}\nstderr: ${r.stderr}\nstdout: ${r.stdout.slice(0, 3000)}`;
  expect(r.exitCode, context).toBe(c.exit);
  expect(r.stderr, context).not.toMatch(/\n\s+at |internal error/);
  if (c.exit === 2) {
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, context).toHaveLength(1);
    expect(lines[0], context).toMatch(/^patchprobe: \S.*; \S/);
    expect(r.stdout, context).toBe('');
  }
  if (!UPDATE) {
    const row = renderTable([result]).split('\n')[3];
    expect(documented.get(c.id), `docs/cli.md's bad-inputs row for ${c.id} disagrees with what patchprobe does; if the new answer is right, run ${REGENERATE}`).toBe(row);
  }
}

describe('bad inputs: one line, exit 2, no stack trace', () => {
  for (const c of CASES.filter((c) => !c.slow)) it(c.id, () => check(c));
});

describe.concurrent('inputs that get as far as running vitest', () => {
  for (const c of CASES.filter((c) => c.slow)) it(c.id, () => check(c));
});

describe('docs/cli.md', () => {
  it('lists every case, in the order of cases.ts', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    const rows = CASES.map((c) => {
      const r = results.get(c.id);
      if (r) return renderTable([r]).split('\n')[3];
      const kept = documented.get(c.id);
      if (kept === undefined) throw new Error(`${c.id} did not run and has no row in docs/cli.md`);
      return kept;
    });
    const doc = fs.readFileSync(DOC, 'utf8');
    const table = renderTable([]).split('\n');
    const expected = [...table.slice(0, 3), ...rows, table[3]].join('\n');
    if (UPDATE) fs.writeFileSync(DOC, withTable(doc, expected));
    else expect(doc.slice(...tableBounds(doc)), `docs/cli.md's bad-inputs table is out of date: ${REGENERATE}`).toBe(expected);
  });
});
