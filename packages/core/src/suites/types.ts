export type TestState = 'pass' | 'fail' | 'skip' | 'todo' | 'missing';

/** Which source meets which tests. */
export type SetupName = 'before' | 'after' | 'old-tests-new-code' | 'new-tests-old-code';

export const SETUP_LABELS: Record<SetupName, string> = {
  before: 'before source × before tests',
  after: 'after source × after tests',
  'old-tests-new-code': 'after source × before tests',
  'new-tests-old-code': 'before source × after tests',
};

export interface TestRecord {
  /** Stable key: JSON of [project, file, ...suites, title]. */
  id: string;
  /** Repository-relative POSIX path of the test file. */
  file: string;
  project: string;
  path: string[];
  state: Exclude<TestState, 'missing'>;
  durationMs?: number;
  error?: string;
  /** vitest's diff of a failed assertion, expected (`-`) against received (`+`); see mirror.ts. */
  diff?: string;
}

export interface ProjectInfo {
  name: string;
  /** Repository-relative folders. */
  root: string;
  dir: string;
  include: string[];
  exclude: string[];
}

export interface SuiteRun {
  setup: SetupName;
  /** 'all', or the repository-relative test files this run was limited to. */
  files: 'all' | string[];
  /** 0 for the first run of a setup, then 1.. for reruns. */
  attempt: number;
  /** Reused from the baseline cache (cache/): not run in this verify. */
  cached?: boolean;
  /**
   * Test files of a before run whose outcomes are the after run's (suites/matrix.ts): they import
   * nothing the patch changed, and pass after it, so they were not run on the before tree.
   */
  inferred?: string[];
  status: 'ok' | 'crashed';
  crashMessage?: string;
  /**
   * New tests on the old code only: the run passed its hang limit and was stopped (suites/hang.ts);
   * its files' tests read as failing.
   */
  stopped?: { afterMs: number };
  vitestVersion?: string;
  durationMs: number;
  tests: Map<string, TestRecord>;
  /** Test files that failed to load, with the error. */
  moduleErrors: Map<string, string>;
  /** Every test file the run collected. */
  modules: Set<string>;
  projects: ProjectInfo[];
  unhandledErrors: string[];
}

export function testId(project: string, file: string, titles: readonly string[]): string {
  return JSON.stringify([project, file, ...titles]);
}

export function displayName(t: Pick<TestRecord, 'file' | 'path'>): string {
  return [t.file, ...t.path].join(' > ');
}
