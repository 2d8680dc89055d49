import fs from 'node:fs';
import path from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, expectValidReport, REPO_ROOT, type GitRepo } from '@patchprobe/test-utils';
import { reportJsonSchemaText } from '../src/report/json-schema.js';
import { ReportSchema } from '../src/report/schema.js';
import { FINDING_KINDS, verifyPatch, type ProgressEvent, type Report } from '../src/index.js';

const schemaFile = path.resolve(import.meta.dirname, '../report.schema.json');
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const repos: GitRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

// The two checks of a report: the published JSON Schema (ajv) and the TypeBox schema it is generated from.
const published = new Ajv({ allErrors: true, strict: true }).compile(schema);
const compiled = TypeCompiler.Compile(ReportSchema);
const fixtureDir = path.join(REPO_ROOT, 'packages/cli/test/fixtures/reports');
const fixtures = fs.readdirSync(fixtureDir).filter((f) => f.endsWith('.json'));
const load = (name: string): Report => JSON.parse(fs.readFileSync(path.join(fixtureDir, name), 'utf8')) as Report;

describe('report.schema.json', () => {
  it('is generated from the report schema (src/report/schema.ts)', () => {
    expect(fs.readFileSync(schemaFile, 'utf8'), 'report.schema.json is out of date: pnpm build && node scripts/gen-report-schema.mjs').toBe(reportJsonSchemaText());
  });

  it('lists exactly the finding kinds the code can emit', () => {
    expect(schema.definitions.finding.properties.kind.enum).toEqual([...FINDING_KINDS]);
  });

  it.each(fixtures)('accepts the real report %s, as the compiled schema does', (name) => {
    const report = load(name);
    expectValidReport(report);
    expect(compiled.Check(report)).toBe(true);
  });

  // Each edit breaks a report in one place: both checks refuse it.
  const broken: Array<[string, (r: Report & Record<string, unknown>) => void]> = [
    ['a missing field', (r) => delete (r as Partial<Report>).summary],
    ['an unknown field', (r) => (r.extra = 1)],
    ['another schemaVersion', (r) => ((r as { schemaVersion: number }).schemaVersion = 2)],
    ['an unknown finding kind', (r) => ((r.findings[0] as { kind: string }).kind = 'made-up')],
    ['an empty finding message', (r) => ((r.findings[0] as { message: string }).message = '')],
    ['no reasons', (r) => (r.reasons = [])],
    ['a base commit that is no hash', (r) => (r.subject.base.commit = 'main')],
    ['an after subject of no known kind', (r) => ((r.subject as { after: unknown }).after = { kind: 'stash' })],
    ['a run marked cached: false', (r) => ((r.tests.runs[0] as { cached?: boolean }).cached = false)],
    ['a negative count', (r) => ((r.tests.runs[0] as Report['tests']['runs'][number]).counts.pass = -1)],
    ['a fractional duration', (r) => (r.durationMs = 1.5)],
    ['a cache key that is no sha256', (r) => (r.cache = { status: 'hit', key: 'abc' })],
    ['an unknown stage timing', (r) => ((r.timings as Record<string, number>).unknown = 1)],
    ['a counterexample behaviour without its value', (r) => ((r.probes?.functions[0]?.counterexample as { afterBehaviour: unknown }).afterBehaviour = { kind: 'returned' })],
    ['an unknown divergence', (r) => ((r.probes?.functions[0]?.counterexample as { divergence: string }).divergence = 'different')],
    ['a mutation score above 100', (r) => ((r.mutation as { score: number }).score = 101)],
  ];
  it.each(broken)('refuses a report with %s', (_, edit) => {
    const report = load('fix-with-test.json') as Report & Record<string, unknown>;
    expect({ published: published(report), compiled: compiled.Check(report) }).toEqual({ published: true, compiled: true });
    edit(report);
    expect({ published: published(report), compiled: compiled.Check(report) }).toEqual({ published: false, compiled: false });
  });

  it('describes what verifyPatch returns, for a change and for no change', async () => {
    const r = await createVitestProject({
      'src/sum.ts': 'export const sum = (a: number, b: number) => a + b;\n',
      'test/sum.test.ts': "import { expect, it } from 'vitest';\nimport { sum } from '../src/sum';\nit('adds', () => expect(sum(1, 2)).toBe(3));\n",
    });
    repos.push(r);
    const unchanged = await verifyPatch({ cwd: r.dir });
    expectValidReport(unchanged);
    expect(compiled.Check(unchanged)).toBe(true);
    expect(unchanged).toMatchObject({ verdict: 'cosmetic', confidence: 'high', findings: [{ kind: 'no-change' }] });

    r.write('src/sum.ts', 'export const sum = (a: number, b: number) => a - b;\n');
    const events: ProgressEvent['type'][] = [];
    const broken = await verifyPatch({ cwd: r.dir, reruns: 0, onEvent: (e) => events.push(e.type) });
    expectValidReport(broken);
    expect(compiled.Check(broken)).toBe(true);
    expect(broken.verdict).toBe('regressive');
    expect(broken.summary.split('\n')[0]).toBe('patchprobe verdict: REGRESSIVE (high confidence)');
    expect(events).toContain('suite-run-end');
    expect(Object.keys(broken.timings)).toEqual(['snapshot', 'diff', 'typecheck', 'suites', 'static', 'probes', 'mutation', 'verdict', 'report']);
    expect(broken.cache).toEqual({ status: 'off' });
  });
});
