import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { expectValidReport } from '@patchprobe/test-utils';
import { renderText } from '../../src/render/text.js';
import { loadReport } from '../fixtures/reports/index.js';

const plain = pc.createColors(false);

describe(renderText.name, () => {
  it('says why the new tests failed on the old code when that run was stopped at its hang limit (examples/fix-endless-loop)', () => {
    const report = loadReport('probe-edge-regression');
    const run = { ...report.tests.runs[0]!, setup: 'new-tests-old-code' as const, label: 'before source × after tests', files: ['test/chunk.test.ts'], durationMs: 15_012, stoppedAfterMs: 15_012, counts: { pass: 3, fail: 1, skip: 0, todo: 0 } };
    const stopped = { ...report, tests: { ...report.tests, runs: [...report.tests.runs, run] } };
    expectValidReport(stopped);
    const lines = renderText(stopped, plain).split('\n');
    const at = lines.findIndex((l) => l.includes('before source × after tests'));
    expect(lines[at]).toContain('3 passed, 1 failed  15.0 s');
    expect(lines[at + 1]).toBe('      stopped after 15.0 s: the new tests did not finish on the old code (a loop that never ends?), so the tests only the new files have read as failing');
    expect(renderText(report, plain)).not.toContain('stopped after');
  });
});
