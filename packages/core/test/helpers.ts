import type { SetupName, SuiteRun, TestRecord } from '../src/suites/types.js';
import { testId } from '../src/suites/types.js';

type Cell = TestRecord['state'] | 'load-error';

/** A SuiteRun from a compact table: { 'test/a.test.ts > adds': 'pass', … }. */
export function run(setup: SetupName, cells: Record<string, Cell>, options: { files?: 'all' | string[]; attempt?: number } = {}): SuiteRun {
  const r: SuiteRun = {
    setup,
    files: options.files ?? 'all',
    attempt: options.attempt ?? 0,
    status: 'ok',
    durationMs: 1,
    tests: new Map(),
    moduleErrors: new Map(),
    modules: new Set(),
    projects: [],
    unhandledErrors: [],
  };
  for (const [name, state] of Object.entries(cells)) {
    const [file, ...path] = name.split(' > ');
    r.modules.add(file!);
    if (state === 'load-error') {
      r.moduleErrors.set(file!, "Error: Cannot find module '../src/gone'");
      continue;
    }
    const rec: TestRecord = { id: testId('', file!, path), file: file!, project: '', path, state };
    if (state === 'fail') rec.error = 'AssertionError: expected 1 to be 2';
    r.tests.set(rec.id, rec);
  }
  return r;
}
