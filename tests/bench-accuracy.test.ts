// The accuracy benchmark's runner (bench/accuracy), offline: a local bare repository it makes
// itself stands in for the mirror of a real one. The corpus itself is a benchmark, not a fixture:
// CI runs only this.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, REPO_ROOT, createVitestProject, itFull, scaledMs, tempDirs } from '../packages/test-utils/src/index.ts';
// @ts-expect-error: a plain .mjs module of the bench, without types
import { ciVerdict, onlyLayoutAndComments } from '../bench/accuracy/baselines.mjs';
// @ts-expect-error: a plain .mjs module of the bench, without types
import { score } from '../bench/accuracy/score.mjs';

const RUNNER = path.join(REPO_ROOT, 'bench', 'accuracy', 'run.mjs');
const { tempDir, cleanup } = tempDirs();
afterAll(cleanup);

describe('the baselines', () => {
  it('ci+textdiff calls only comments, layout and docs cosmetic', () => {
    const before = 'export function f(a: number) {\n  return a + 1 // add one\n}\n';
    expect(onlyLayoutAndComments([{ path: 'src/f.ts', before, after: '/** adds */\nexport function f( a: number ) { return a + 1 }\n' }])).toBe(true);
    // A template literal and a regular expression are one token each: a space inside them is not layout.
    const t = 'const s = `a ${b} c`;\nconst r = /x y/g;\n';
    expect(onlyLayoutAndComments([{ path: 'src/t.ts', before: t, after: t.replace(' = ', '  =  ') }])).toBe(true);
    expect(onlyLayoutAndComments([{ path: 'src/t.ts', before: t, after: t.replace('c`', ' c`') }])).toBe(false);
    expect(onlyLayoutAndComments([{ path: 'src/t.ts', before: t, after: t.replace('x y', 'x  y') }])).toBe(false);
    expect(onlyLayoutAndComments([{ path: 'src/f.ts', before, after: before.replace('a + 1', 'a + 1;') }])).toBe(false);
    expect(onlyLayoutAndComments([{ path: 'README.md', before: 'a', after: 'b' }])).toBe(true);
    expect(onlyLayoutAndComments([{ path: 'src/f.ts', before, after: before.replace('+ 1', '+ 2') }])).toBe(false);
    expect(onlyLayoutAndComments([{ path: 'src/f.ts', before, after: before.replace('a: number', 'a: string') }])).toBe(false);
    expect(onlyLayoutAndComments([{ path: 'src/g.ts', before: null, after: 'export const g = 1;\n' }])).toBe(false);
    expect(onlyLayoutAndComments([{ path: 'package.json', before: '{"a": 1}', after: '{\n  "a": 1\n}\n' }])).toBe(true);
    expect(onlyLayoutAndComments([{ path: 'package.json', before: '{"a": 1}', after: '{"a": 2}' }])).toBe(false);
  });

  it('ci says regressive only for a test that did not fail before', () => {
    const run = (failed: string[], loadError = false) => ({ failed: new Set(failed), loadError });
    expect(ciVerdict(run(['t > a']), run(['t > a']))).toBe('substantive');
    expect(ciVerdict(run([]), run(['t > a']))).toBe('regressive');
    expect(ciVerdict(run(['t > a']), run([]))).toBe('substantive');
    expect(ciVerdict(run([]), run([], true))).toBe('regressive');
  });

  it('precision and recall of regressive count a verdict-less case as missed', () => {
    const rows = [
      { label: 'regressive', testsDecide: true, predictions: { p: 'regressive' } },
      { label: 'regressive', testsDecide: false, predictions: { p: 'error' } },
      { label: 'substantive', testsDecide: false, predictions: { p: 'regressive' } },
      { label: 'cosmetic', testsDecide: false, predictions: { p: 'cosmetic' } },
    ];
    const s = score(rows, 'p');
    expect(s).toMatchObject({ n: 4, correct: 2, accuracy: 0.5, regressivePrecision: 0.5, regressiveRecall: 0.5, falseRegressive: 1 });
    expect(s.matrix.regressive.error).toBe(1);
  });
});

describe('pnpm bench:accuracy on a local mirror', () => {
  let mirror: string;
  let corpusFile: string;
  let work: string;
  let out: string;
  let markdown: string;

  beforeAll(async () => {
    const project = await createVitestProject(
      {
        'src/price.ts': 'export function cents(amount: number): number {\n  return Math.trunc(amount * 100);\n}\n',
        'test/price.test.ts': "import { expect, it } from 'vitest';\nimport { cents } from '../src/price';\nit('whole', () => expect(cents(2)).toBe(200));\n",
      },
      { withVitest: false },
    );
    const commit = async (message: string): Promise<string> => {
      await project.git('add', '-A');
      await project.git('commit', '-q', '-m', message);
      return project.git('rev-parse', 'HEAD');
    };
    const c1 = await project.git('rev-parse', 'HEAD');
    project.write('src/price.ts', '// Whole cents.\nexport function cents( amount: number ): number { return Math.trunc( amount * 100 ); }\n');
    const c2 = await commit('style: format');
    project.write('src/price.ts', 'export function cents(amount: number): number {\n  return Math.round(amount * 100);\n}\n');
    project.write('test/price.test.ts', "import { expect, it } from 'vitest';\nimport { cents } from '../src/price';\nit('whole', () => expect(cents(2)).toBe(200));\nit('rounds', () => expect(cents(19.99)).toBe(1999));\n");
    const c3 = await commit('fix: round to the nearest cent');

    const root = tempDir('pp-accuracy-');
    mirror = path.join(root, 'mirror');
    execFileSync('git', ['clone', '-q', '--bare', project.dir, path.join(mirror, 'acme+price.git')]);
    project.cleanup();
    const sha = (command: string, cwd: string): string => createHash('sha256').update(spawnSync('bash', ['-c', command], { cwd }).stdout).digest('hex');
    const bare = path.join(mirror, 'acme+price.git');
    const kase = (id: string, base: string, patch: string, label: string, testsDecide: boolean, shape: string, suite: [string, string]) => ({
      id,
      repoId: 'price',
      base,
      patch,
      sha256: sha(patch, bare),
      label,
      testsDecide,
      shape,
      source: 'constructed for the smoke test',
      why: shape,
      evidence: { suiteBefore: suite[0], suiteAfter: suite[1], check: '' },
    });
    const modules = fs.realpathSync(path.join(EXAMPLES, 'fix-with-test', 'node_modules'));
    const corpus = {
      repos: [{ repoId: 'price', repo: 'acme/price', url: 'https://example.invalid/acme/price', installAt: c1, install: `ln -s ${modules} node_modules`, vitest: '4.1.12' }],
      cases: [
        // The evidence of this one is wrong on purpose: the run must say so.
        kase('price-format', c1, `git diff ${c1} ${c2}`, 'cosmetic', false, 'formatting', ['1 passed (1)', '7 passed (7)']),
        kase('price-fix', c2, `git diff ${c2} ${c3}`, 'substantive', true, 'fix-with-test', ['1 passed (1)', '2 passed (2)']),
        kase('price-revert', c3, `git diff ${c3} ${c2} -- src`, 'regressive', true, 'revert-fix-tests-kept', ['2 passed (2)', '1 failed | 1 passed (2)']),
        // A pipeline whose last command exits 1 (diff -u printed a difference): its bytes count.
        kase(
          'price-skipped',
          c3,
          `git diff ${c3} ${c2} -- src; diff -u --label a/test/price.test.ts --label b/test/price.test.ts <(git show ${c3}:test/price.test.ts) <(git show ${c3}:test/price.test.ts | sed "s/^it('rounds'/it.skip('rounds'/")`,
          'regressive',
          false,
          'revert-fix-test-skipped',
          ['2 passed (2)', '1 passed | 1 skipped (2)'],
        ),
        { ...kase('price-tampered', c1, `git diff ${c1} ${c2}`, 'cosmetic', false, 'formatting', ['1 passed (1)', '1 passed (1)']), sha256: '0'.repeat(64) },
      ],
    };
    corpusFile = path.join(root, 'corpus.json');
    fs.writeFileSync(corpusFile, JSON.stringify(corpus));
    work = path.join(root, 'work');
    out = path.join(root, 'results.json');
    markdown = path.join(root, 'accuracy.md');
    fs.writeFileSync(markdown, '# Accuracy\n\n<!-- accuracy-results:start -->\nold\n<!-- accuracy-results:end -->\n\nafter\n');
  }, scaledMs(30_000));

  const bench = (...args: string[]) => {
    try {
      return { code: 0, stdout: execFileSync(process.execPath, [RUNNER, '--corpus', corpusFile, '--mirror', mirror, '--work', work, '--out', out, ...args], { encoding: 'utf8', stdio: 'pipe' }), stderr: '' };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { code: e.status, stdout: e.stdout, stderr: e.stderr };
    }
  };

  // Full tier (test-utils/src/tier.ts): the bench's own harness, not a verdict rule.
  itFull(
    'runs every case from the mirror, scores patchprobe beside the baselines, records a bad case and resumes',
    () => {
      // --no-mutation keeps CI short; the published run uses default options.
      const first = bench('--verify-args=--no-mutation', '--markdown', markdown);
      expect(first.code, first.stderr).toBe(0);
      const rows = Object.fromEntries((JSON.parse(fs.readFileSync(out, 'utf8')).rows as { id: string }[]).map((r) => [r.id, r])) as Record<string, any>;
      expect(Object.keys(rows).sort()).toEqual(['price-fix', 'price-format', 'price-revert', 'price-skipped', 'price-tampered']);
      expect(rows['price-skipped'].error).toBeUndefined();
      expect(rows['price-skipped'].predictions).toMatchObject({ ci: 'substantive', 'ci+textdiff': 'substantive' });
      expect(rows['price-skipped'].suite.after).toBe('1 passed | 1 skipped (2)');
      expect(rows['price-tampered'].error).toMatch(/the patch command printed other bytes/);
      expect(rows['price-format'].predictions).toEqual({ patchprobe: 'cosmetic', ci: 'substantive', 'ci+textdiff': 'cosmetic', 'always-substantive': 'substantive' });
      expect(rows['price-fix'].predictions).toEqual({ patchprobe: 'substantive', ci: 'substantive', 'ci+textdiff': 'substantive', 'always-substantive': 'substantive' });
      expect(rows['price-revert'].predictions).toMatchObject({ patchprobe: 'regressive', ci: 'regressive' });
      expect(rows['price-revert'].suite.newFailures).toEqual(['test/price.test.ts > rounds']);
      expect(rows['price-format'].evidenceDrift).toEqual(['after: 1 passed (1), the corpus says 7 passed (7)']);
      expect(first.stdout).toContain('suite differs from the corpus evidence, after: 1 passed (1), the corpus says 7 passed (7)');
      expect(rows['price-fix'].evidenceDrift).toBeUndefined();
      expect(rows['price-revert'].evidenceDrift).toBeUndefined();
      for (const id of ['price-format', 'price-fix', 'price-revert']) {
        expect(rows[id].plainMs).toBeGreaterThan(0);
        expect(rows[id].patchprobe.ms).toBeGreaterThan(0);
      }
      // The old test on the new code fails, and its skip is what hid it.
      expect(rows['price-skipped'].predictions.patchprobe).toBe('regressive');
      expect(first.stdout).toMatch(/patchprobe +accuracy 100 % \(4\/4\)/);
      expect(first.stdout).toMatch(/^ci +accuracy +50 % \(2\/4\)/m);
      const md = fs.readFileSync(markdown, 'utf8');
      expect(md).not.toContain('\nold\n');
      expect(md).toMatch(/\| patchprobe \| 4 \| 100 % \|/);
      expect(md).toContain('### Misses');
      expect(md.endsWith('<!-- accuracy-results:end -->\n\nafter\n')).toBe(true);

      // Resumed: the three scored cases are not run again; the failed one is tried again.
      const again = bench('--verify-args=--no-mutation');
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('price: 4 of 5 cases already in');
      expect(again.stdout).toMatch(/price-tampered +cosmetic +ERROR/);
    },
    scaledMs(240_000),
  );

  it('bad input is one line and exit 2', () => {
    const r = bench('--jobs', '0');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('bench:accuracy: --jobs must be a positive integer, got "0"; run with --help for usage');
    const none = bench('--cases', 'nothing*');
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
  });
});
