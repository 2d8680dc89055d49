import { SetupError } from '../errors.js';

/**
 * Which vitest projects run (issue 18, "let the user name projects to leave out"). A project of
 * type tests (`typecheck.only`) can be most of a suite's time (remeda: 129 of 178 s) while the
 * type-check stage already covers the same files; `skipProjects` leaves such projects out of every
 * run of both trees, so the before and after results stay comparable.
 *
 * Patterns mean what they mean to vitest's `--project`: `*` matches any run of characters, the
 * whole name must match, case is ignored (vitest's wildcardPatternToRegExp).
 */
export function projectPattern(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

export interface ProjectSelection {
  /** Every project the config defines, in vitest's order. */
  all: string[];
  /** The ones left out. */
  skipped: string[];
  /** The ones that run. */
  kept: string[];
}

/**
 * The projects that run when `patterns` are left out of `all`. A pattern that names no project is
 * an error (a typo would otherwise run everything and say nothing), and so is leaving out all of
 * them.
 */
export function selectProjects(all: readonly string[], patterns: readonly string[]): ProjectSelection {
  const regexps = patterns.map((p) => [p, projectPattern(p)] as const);
  const named = all.filter((n) => n !== '');
  const list = named.length > 0 ? named.map((n) => JSON.stringify(n)).join(', ') : 'none (the vitest config names no projects in test.projects)';
  for (const [pattern, re] of regexps) {
    if (!all.some((name) => re.test(name))) {
      throw new SetupError('PP_USAGE', `--skip-project ${pattern}: no vitest project has that name; the projects are ${list}`, {
        hint: 'give the test.name of a project in the vitest config',
      });
    }
  }
  const skipped = all.filter((name) => regexps.some(([, re]) => re.test(name)));
  const kept = all.filter((name) => !skipped.includes(name));
  if (kept.length === 0) {
    throw new SetupError('PP_USAGE', `--skip-project ${patterns.join(',')} leaves out every vitest project (${list}), so no test would run`, {
      hint: 'leave at least one project in',
    });
  }
  return { all: [...all], skipped, kept };
}

/**
 * `vitest run` arguments that run only `selection.kept`: one `--project` per name, which vitest 1.x
 * and newer read (0.34 has no such flag; the warm host filters its projects itself there).
 */
export function projectArgs(selection: ProjectSelection | undefined, vitestMajor: number): string[] {
  if (!selection || selection.skipped.length === 0) return [];
  if (vitestMajor < 1) {
    throw new SetupError('PP_VITEST_UNSUPPORTED', `vitest ${vitestMajor === 0 ? '0.x' : vitestMajor} has no --project flag, so this run cannot leave out ${selection.skipped.join(', ')}`, {
      hint: 'run without --skip-project, or with vitest 1.0 or newer',
    });
  }
  // A name with a `*` in it would be read as a wildcard: escape-free exact names are all vitest takes.
  return selection.kept.map((name) => `--project=${name}`);
}
