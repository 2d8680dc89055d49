import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@patchprobe/test-utils';
import { runToJson } from '../../src/cache/suite-run-json.js';
import type { Report } from '../../src/report/report.js';
import { PARTIAL_FORMAT_VERSION, partialProblem, type PartialResult } from '../../src/shard/partial.js';
import { run } from '../helpers.js';

const report = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'packages/cli/test/fixtures/reports/fix-with-test.json'), 'utf8')) as Report;

/** Shard `index` of 2, shaped as runShard writes it, from a real report's sections. */
function partialOf(index: 1 | 2): PartialResult {
  const beforeRun = run('before', { 'test/a.test.ts > adds': 'pass', 'test/a.test.ts > subtracts': 'fail' });
  return JSON.parse(
    JSON.stringify({
      format: 'patchprobe-partial',
      formatVersion: PARTIAL_FORMAT_VERSION,
      tool: report.tool,
      shard: { index, count: 2 },
      fingerprint: 'c'.repeat(64),
      settings: { reruns: 2, scope: null, typecheck: true, probes: true, probeRuns: 100, probeTimeoutMs: 1000, probeSeed: 7, mutation: false },
      subject: report.subject,
      suites: {
        vitest: { version: '4.1.12', major: 4 },
        runs: [runToJson(beforeRun)],
        testFiles: { edited: ['test/a.test.ts'], added: [], deleted: [] },
        owned: ['test/a.test.ts'],
        completed: [],
        sources: { 'test/a.test.ts': { after: "it('adds')\n" } },
      },
      evidence:
        index === 1
          ? {
              files: report.changes.files,
              changeFindings: report.findings.slice(0, 2),
              environmentFindings: [],
              static: { findings: [], ...report.static },
              probes: { findings: [], ...report.probes, allEquivalent: false, strong: false },
              addedLines: { 'src/coupon.ts': ['  return 1;'] },
            }
          : null,
      cache: { status: 'miss', key: 'd'.repeat(64), dir: '/tmp/cache', reusedRuns: 0 },
      cacheFindings: [],
      timings: { snapshot: 10, diff: 2, suites: 300 },
      durationMs: 320,
    }),
  ) as PartialResult;
}

/** `partial` with the value at a slash-separated path replaced, or removed (DROP). */
const DROP = Symbol('drop');
function edited(partial: PartialResult, at: string, value: unknown): unknown {
  if (at === '') return value;
  const copy = structuredClone(partial) as unknown as Record<string, unknown>;
  const keys = at.split('/');
  const parent = keys.slice(0, -1).reduce((o, k) => o[k] as Record<string, unknown>, copy);
  const last = keys[keys.length - 1] as string;
  if (value === DROP) delete parent[last];
  else parent[last] = value;
  return copy;
}

describe('partialProblem', () => {
  it('accepts what runShard writes, for shard 1 (with evidence) and the others (without)', () => {
    expect(partialProblem(partialOf(1))).toBeUndefined();
    expect(partialProblem(partialOf(2))).toBeUndefined();
    expect(partialProblem({ ...partialOf(2), suites: null })).toBeUndefined();
    expect(partialProblem({ ...partialOf(1), evidence: { ...partialOf(1).evidence, static: null, probes: null } })).toBeUndefined();
  });

  // Each edit breaks a shard-1 (or -2) partial in one way: mergePartials refuses it with this reason.
  const broken: Array<[string, 1 | 2, string, unknown, string]> = [
    ['no object', 1, '', 'a string', 'it is not a patchprobe partial result'],
    ['an array', 1, '', [partialOf(1)], 'it is not a patchprobe partial result'],
    ['another format', 1, 'format', 'report', 'it is not a patchprobe partial result'],
    ['another format version (whatever else it lacks)', 1, '', { format: 'patchprobe-partial', formatVersion: 2 }, `it has partial format 2, this patchprobe reads format ${PARTIAL_FORMAT_VERSION}`],
    ['no format version', 1, 'formatVersion', DROP, `it has partial format undefined, this patchprobe reads format ${PARTIAL_FORMAT_VERSION}`],
    ['no tool version', 1, 'tool/version', DROP, 'it names no patchprobe version'],
    ['a shard past the count', 2, 'shard', { index: 3, count: 2 }, 'its shard is not i/n'],
    ['shard 0', 2, 'shard/index', 0, 'its shard is not i/n'],
    ['a fractional shard', 2, 'shard/index', 1.5, 'its shard is not i/n'],
    ['a fingerprint that is no sha256', 1, 'fingerprint', 'abc', 'it has no subject fingerprint'],
    ['no settings', 1, 'settings', DROP, 'it is incomplete'],
    ['no subject', 1, 'subject', DROP, 'it is incomplete'],
    ['a cache that is no object', 1, 'cache', 'off', 'it is incomplete'],
    ['cache findings that are no list', 1, 'cacheFindings', {}, 'it is incomplete'],
    ['no timings', 1, 'timings', DROP, 'it is incomplete'],
    ['a duration that is no number', 1, 'durationMs', '320', 'it is incomplete'],
    ['no suite section', 2, 'suites', DROP, 'its suite section is incomplete'],
    ['a suite section that is no object', 2, 'suites', [], 'its suite section is incomplete'],
    ['no vitest version', 2, 'suites/vitest/version', DROP, 'its suite section is incomplete'],
    ['a run of an unknown setup', 2, 'suites/runs/0/setup', 'sideways', 'its suite runs are malformed'],
    ['a test whose id disagrees with its fields', 2, 'suites/runs/0/tests/0/id', '["","test/b.test.ts","adds"]', 'its suite runs are malformed'],
    ['runs that are no list', 2, 'suites/runs', {}, 'its suite runs are malformed'],
    ['test-file changes without added files', 2, 'suites/testFiles/added', DROP, 'its test-file changes are malformed'],
    ['no owned files', 2, 'suites/owned', DROP, 'its suite section is incomplete'],
    ['sources that are no object', 2, 'suites/sources', 'x', 'its suite section is incomplete'],
    ['an evidence section that is no object', 1, 'evidence', 'x', 'its evidence section is incomplete'],
    ['evidence without files', 1, 'evidence/files', DROP, 'its evidence section is incomplete'],
    ['evidence without added lines', 1, 'evidence/addedLines', DROP, 'its evidence section is incomplete'],
    ['static evidence without declarations', 1, 'evidence/static/declarations', DROP, 'its static evidence is malformed'],
    ['no static evidence at all', 1, 'evidence/static', DROP, 'its static evidence is malformed'],
    ['probe evidence whose functions are no list', 1, 'evidence/probes/functions', 'x', 'its probe evidence is malformed'],
    ['shard 1 without evidence', 1, 'evidence', null, 'it is shard 1 but carries no evidence section'],
    ['shard 2 with evidence', 2, 'evidence', partialOf(1).evidence, 'it carries an evidence section though it is not shard 1'],
    // The sections the merged report carries as they are are checked as report.schema.json has them.
    ['a cache finding of an unknown kind', 1, 'cacheFindings', [{ kind: 'made-up', severity: 'warning', message: 'x' }], 'it is incomplete'],
    ['a changed file of an unknown status', 1, 'evidence/files/0/status', 'copied', 'its evidence section is incomplete'],
    ['a declaration without its line', 1, 'evidence/static/declarations/0/line', DROP, 'its static evidence is malformed'],
  ];
  it.each(broken)('refuses a partial with %s', (_, index, at, value, problem) => {
    expect(partialProblem(edited(partialOf(index), at, value))).toBe(problem);
  });

  // The checks run in a fixed order: of two problems, the earlier one is named.
  it('names the first of two problems', () => {
    const twice = (at: [string, unknown], then: [string, unknown]): unknown => edited(edited(partialOf(2), ...at) as PartialResult, ...then);
    expect(partialProblem(twice(['shard/index', 3], ['fingerprint', '']))).toBe('its shard is not i/n');
    expect(partialProblem(twice(['suites/runs', {}], ['suites/owned', DROP]))).toBe('its suite runs are malformed');
    expect(partialProblem(twice(['suites/testFiles', DROP], ['cache', DROP]))).toBe('it is incomplete');
  });
});
