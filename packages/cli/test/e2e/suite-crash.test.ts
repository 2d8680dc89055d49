import { afterAll, describe, expect, it } from 'vitest';
import { createVitestProject, expectValidReport, runCli, type GitRepo } from '@patchprobe/test-utils';

const repos: GitRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));

describe('a patch that stops vitest from starting', () => {
  it('is regressive evidence (suite-crashed), not a setup error', async () => {
    const r = await createVitestProject({
      'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({});\n",
      'a.test.ts': "import { it, expect } from 'vitest';\nit('works', () => expect(1).toBe(1));\n",
    });
    repos.push(r);
    r.write('vitest.config.ts', "import { defineConfig } from 'vitest/config';\nthrow new Error('config broken by the patch');\nexport default defineConfig({});\n");
    const result = await runCli(['verify', '--cwd', r.dir, '--json', '-']);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expectValidReport(report);
    expect(report.verdict).toBe('regressive');
    expect(report.findings[0]).toMatchObject({ kind: 'suite-crashed', severity: 'error', message: expect.stringContaining('config broken by the patch') });
    expect(report.tests.totals.after).toBeNull();
  });
});
