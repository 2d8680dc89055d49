import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createVitestProject, scaledMs, tempDirs } from '@patchprobe/test-utils';
import { executeProbes, recordInputs } from '../../src/probes/execute.js';
import type { ProbeTarget } from '../../src/probes/targets.js';
import { resolveProjectVitest } from '../../src/suites/resolve-vitest.js';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));

/** Resolves once a process whose command line names `needle` is running; rejects after `ms`. */
function processSeen(needle: string, ms: number): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const look = (): void => {
      for (const pid of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
        try {
          if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) return resolve();
        } catch {
          // gone
        }
      }
      if (Date.now() - started > ms) return reject(new Error(`no process named ${needle} within ${ms} ms`));
      setTimeout(look, 20);
    };
    look();
  });
}

// The probe process starts while the recording run is still under way, and waits for its inputs
// (ProbePlan.recordedFile): the two vitest start-ups overlap. Here the recording run starts only
// once the probe process is seen running; probes that waited for the recording to finish before
// starting would never see their recorded inputs.
it('starts the probe process before the recording run ends, and probes with the recorded inputs', async () => {
  const test = "import { expect, test } from 'vitest';\nimport { half } from '../src/half';\ntest('half', () => { expect(half(8)).toBe(4); expect(half(3)).toBe(1.5); });\n";
  const before = await createVitestProject({ 'src/half.ts': 'export function half(x: number): number {\n  return x / 2;\n}\n', 'test/half.test.ts': test });
  const after = await createVitestProject({ 'src/half.ts': 'export function half(x: number): number {\n  return x * 0.5;\n}\n', 'test/half.test.ts': test });
  cleanups.push(before.cleanup, after.cleanup);
  const dirs = tempDirs();
  cleanups.push(dirs.cleanup);
  const [workDir, tmpDir] = [dirs.tempDir('pp-overlap-work-'), dirs.tempDir('pp-overlap-tmp-')];
  const target: ProbeTarget = {
    id: 'src/half.ts#half',
    file: 'src/half.ts',
    exportName: 'half',
    local: 'half',
    params: [{ name: 'x', optional: false, rest: false, descriptor: { kind: 'number' } }],
    covers: ['src/half.ts#half'],
  };
  const common = { beforeRoot: before.dir, afterRoot: after.dir, projectDir: '', vitest: resolveProjectVitest(after.dir, '.'), tmpDir, userRoot: after.dir };
  const recorded = processSeen(path.join(after.dir, '__patchprobe__', 'probes-1.patchprobe.mjs'), scaledMs(30_000)).then(async () => {
    const r = await recordInputs({ ...common, targets: [target], testFiles: ['test/half.test.ts'], workDir: path.join(workDir, 'record'), timeoutMs: scaledMs(60_000) });
    return r.recorded;
  });
  const { results, processes } = await executeProbes({ ...common, targets: [target], recorded, runs: 50, callTimeoutMs: 1000, functionBudgetMs: 10_000, seed: 1, workDir: path.join(workDir, 'probe') });
  expect(processes).toBe(1);
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ id: 'src/half.ts#half', outcome: 'equivalent', inputs: { recorded: 2 } });
}, scaledMs(120_000));
