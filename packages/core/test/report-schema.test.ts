import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, expectValidReport, type GitRepo } from '@patchprobe/test-utils';
import { FINDING_KINDS, verifyPatch, type ProgressEvent } from '../src/index.js';

const schema = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../report.schema.json'), 'utf8'));
const repos: GitRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

describe('report.schema.json', () => {
  it('lists exactly the finding kinds the code can emit', () => {
    expect(schema.definitions.finding.properties.kind.enum).toEqual([...FINDING_KINDS]);
  });

  it('describes what verifyPatch returns, for a change and for no change', async () => {
    const r = await createVitestProject({
      'src/sum.ts': 'export const sum = (a: number, b: number) => a + b;\n',
      'test/sum.test.ts': "import { expect, it } from 'vitest';\nimport { sum } from '../src/sum';\nit('adds', () => expect(sum(1, 2)).toBe(3));\n",
    });
    repos.push(r);
    const unchanged = await verifyPatch({ cwd: r.dir });
    expectValidReport(unchanged);
    expect(unchanged).toMatchObject({ verdict: 'cosmetic', confidence: 'high', findings: [{ kind: 'no-change' }] });

    r.write('src/sum.ts', 'export const sum = (a: number, b: number) => a - b;\n');
    const events: ProgressEvent['type'][] = [];
    const broken = await verifyPatch({ cwd: r.dir, reruns: 0, onEvent: (e) => events.push(e.type) });
    expectValidReport(broken);
    expect(broken.verdict).toBe('regressive');
    expect(broken.summary.split('\n')[0]).toBe('patchprobe verdict: REGRESSIVE (high confidence)');
    expect(events).toContain('suite-run-end');
    expect(Object.keys(broken.timings)).toEqual(['snapshot', 'diff', 'suites', 'static', 'probes', 'mutation', 'verdict', 'report']);
    expect(broken.cache).toEqual({ status: 'off' });
  });
});
