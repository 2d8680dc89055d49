import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createGitRepo, EXAMPLES, type GitRepo } from '@patchprobe/test-utils';
import { verifyPatch } from '../../src/index.js';

// Tests that run in jsdom or happy-dom have their files transformed in vite's web mode, where vite
// refuses files outside the workspace root; patchprobe's recorder and probe runtime are outside
// it. On valibot (environment: 'jsdom') the recording run recorded nothing before the wrapped
// config turned fs.strict off. A custom environment in web mode (vitest 3.2) stands in for jsdom.
let repo: GitRepo | undefined;
afterAll(() => repo?.cleanup());

it('records the arguments the tests pass, and probes with them, when the tests run in web mode', async () => {
  repo = await createGitRepo(
    {
      'package.json': '{"name":"web-mode","private":true,"type":"module"}',
      'web-env.ts': "export default { name: 'web-like', transformMode: 'web', setup() { return { teardown() {} }; } };\n",
      'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { environment: './web-env.ts', include: ['test/**/*.test.ts'] } });\n",
      'src/min.ts': 'export function minValue(req: number) { return { kind: "min", run(v: number): boolean { return v >= req; } }; }\n',
      'test/min.test.ts': "import { expect, test } from 'vitest';\nimport { minValue } from '../src/min';\ntest('min', () => { expect(minValue(10).run(5)).toBe(false); expect(minValue(3).run(10)).toBe(true); });\n",
    },
    { nodeModulesFrom: path.join(EXAMPLES, 'vitest-versions', 'v3') },
  );
  repo.write('src/min.ts', 'export function minValue(req: number) { return { kind: "min", run(v: number): boolean { return v > req; } }; }\n');
  const report = await verifyPatch({ cwd: repo.dir, reruns: 0, typecheck: false, mutation: false });
  expect(report.tests.totals.after).toMatchObject({ pass: 1, fail: 0 });
  const f = report.probes?.functions.find((x) => x.id === 'src/min.ts#minValue');
  expect(f?.inputs.recorded).toBe(2);
  expect(f?.counterexample).toMatchObject({ call: 'minValue(10).run(10)', via: 'result.run' });
  expect(fs.existsSync(path.join(repo.dir, '__patchprobe__'))).toBe(false);
});
