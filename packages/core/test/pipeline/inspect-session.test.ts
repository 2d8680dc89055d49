import { afterAll, describe, expect, it } from 'vitest';
import { childProcessesWith, createVitestProject, scaledMs, type GitRepo } from '@patchprobe/test-utils';
import { inspectChange, openInspectSession } from '../../src/index.js';

// The live verdict of a watch session (issue 18): the recording and probe runs go to vitest
// processes the session keeps, and each verdict is still about the working tree as it is then.
const repos: GitRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

/** The session's hosts: this process's children that run vitest configs only. */
const sessionHosts = (): number[] => childProcessesWith(process.pid, '--configs-only');

describe('inspectChange with a session', { timeout: scaledMs(120_000) }, () => {
  it('runs the recording and the probes in the processes it keeps, sees each edit, and stops them when closed', async () => {
    const price = (rounding: string, vat: string) =>
      `export function formatPrice(cents: number): string {\n  return (${rounding}(cents) / 100).toFixed(2);\n}\nexport function withVat(cents: number): number {\n  return ${vat}(cents * 1.2);\n}\n`;
    const r = await createVitestProject({
      'src/price.ts': price('Math.round', 'Math.round'),
      'test/price.test.ts': "import { expect, it } from 'vitest';\nimport { formatPrice, withVat } from '../src/price';\nit('formats', () => expect(formatPrice(199)).toBe('1.99'));\nit('adds VAT', () => expect(withVat(100)).toBe(120));\n",
    });
    repos.push(r);
    const session = openInspectSession();
    try {
      r.write('src/price.ts', price('Math.trunc', 'Math.round'));
      const first = await inspectChange({ cwd: r.dir, session });
      const diverged = (report: typeof first) => (report.probes?.functions ?? []).filter((f) => f.outcome === 'diverged').map((f) => f.exportName);
      expect(first.verdict).toBe('substantive');
      expect(diverged(first)).toEqual(['formatPrice']);
      // Both runs in the session's processes, which outlive the verdict.
      expect(first.probes?.warmRuns).toBe(2);
      const hosts = sessionHosts();
      expect(hosts).toHaveLength(2);

      // The next verdict, after an edit, is about that edit: nothing of the last one is reused.
      r.write('src/price.ts', price('Math.round', 'Math.floor'));
      const second = await inspectChange({ cwd: r.dir, session });
      expect(diverged(second)).toEqual(['withVat']);
      expect(second.probes?.warmRuns).toBe(2);
      expect(sessionHosts()).toEqual(hosts);
    } finally {
      await session.close();
    }
    expect(sessionHosts()).toEqual([]);
    // Closed: a later verdict spawns its runs, as without a session.
    const third = await inspectChange({ cwd: r.dir, session });
    expect(third.probes?.warmRuns).toBeUndefined();
  });
});
