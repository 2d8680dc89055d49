// Loaded by the PROJECT's own vitest through `--reporter=<this file>`, so it must be plain ESM with
// no imports beyond node built-ins. It writes one JSON file that patchprobe reads, of the same
// shape whatever the version:
// - vitest >= 3: the stable reporter API (TestModule / TestCase, onTestRunEnd);
// - vitest 0.34, 1.x and 2.x: onFinished(files, errors) with the runner's task tree (File → suite →
//   test), which is what those versions give every reporter. patchprobe tells the reporter which
//   one to use (PATCHPROBE_VITEST_MAJOR, read from the installed package.json), so a version that
//   has both hooks (3.x still calls onFinished) reports once.
import { writeFileSync } from 'node:fs';

const MAJOR = Number.parseInt(process.env.PATCHPROBE_VITEST_MAJOR ?? '4', 10);

function titlePath(testCase) {
  const names = [testCase.name];
  for (let p = testCase.parent; p && p.type === 'suite'; p = p.parent) names.unshift(p.name);
  return names;
}

function message(error) {
  if (!error) return undefined;
  const text = String(error.message ?? error);
  return error.name && !text.startsWith(error.name) ? `${error.name}: ${text}` : text;
}

// The diff vitest printed for a failed assertion, expected against received, with asymmetric
// matchers (`expect.any(Function)`) already replaced where they matched: which values changed, for
// telling a changed specification from a hidden break (suites/mirror.ts). Colours and very long
// diffs are cut, so the report stays small.
const ANSI = /\u001b\[[0-9;]*m/g;
function diffOf(error) {
  const diff = error?.diff;
  return typeof diff === 'string' && diff !== '' ? diff.replace(ANSI, '').slice(0, 20000) : undefined;
}

function write(build) {
  const out = process.env.PATCHPROBE_REPORT_FILE;
  if (!out) return;
  try {
    writeFileSync(out, JSON.stringify(build()));
  } catch (error) {
    writeFileSync(out, JSON.stringify({ reporterError: String(error?.stack ?? error) }));
  }
}

// vitest 0.34–2.x: a File task's tests, depth first in collection order, with their suite titles.
function* legacyTests(task, titles) {
  for (const child of task.tasks ?? []) {
    if (child.type === 'suite') yield* legacyTests(child, [...titles, child.name]);
    else if (child.type === 'test' || child.type === 'custom') yield { task: child, path: [...titles, child.name] };
  }
}

function legacyState(task) {
  if (task.mode === 'todo' || task.result?.state === 'todo') return 'todo';
  if (task.result?.state === 'pass') return 'passed';
  if (task.result?.state === 'fail') return 'failed';
  // Meant to run, and no result: its worker stopped first (out of memory, a loop that never ends).
  if (task.mode === 'run' && (task.result === undefined || task.result.state === 'run')) return 'pending';
  return 'skipped';
}

export default class PatchprobeReporter {
  onInit(vitest) {
    this.vitest = vitest;
  }

  // vitest 0.34, 1.x, 2.x. WorkspaceProject has getName() there; `ctx.projects` lists them all
  // (a workspace file's projects, or the one root project).
  onFinished(files, errors) {
    if (MAJOR >= 3) return;
    write(() => {
      const vitest = this.vitest;
      return {
        vitestVersion: vitest.version,
        unhandledErrors: (errors ?? []).map(message),
        projects: (vitest.projects ?? []).map((p) => ({
          name: typeof p.getName === 'function' ? p.getName() : (p.name ?? ''),
          root: p.config.root,
          dir: p.config.dir ?? p.config.root,
          include: p.config.include,
          exclude: p.config.exclude,
        })),
        modules: (files ?? []).map((f) => ({
          file: f.filepath,
          project: f.projectName ?? '',
          state: f.result?.state ?? 'skipped',
          errors: (f.result?.errors ?? []).map(message),
        })),
        tests: (files ?? []).flatMap((f) =>
          [...legacyTests(f, [])].map(({ task, path }) => ({
            file: f.filepath,
            project: f.projectName ?? '',
            path,
            state: legacyState(task),
            durationMs: task.result?.duration,
            error: message(task.result?.errors?.[0]),
            diff: diffOf(task.result?.errors?.[0]),
          })),
        ),
      };
    });
  }

  // vitest >= 3.
  onTestRunEnd(testModules, unhandledErrors, reason) {
    write(() => {
      const vitest = this.vitest;
      const data = {
        vitestVersion: vitest.version,
        reason,
        unhandledErrors: (unhandledErrors ?? []).map(message),
        projects: vitest.projects.map((p) => ({
          name: p.name,
          root: p.config.root,
          dir: p.config.dir ?? p.config.root,
          include: p.config.include,
          exclude: p.config.exclude,
        })),
        modules: testModules.map((m) => ({
          file: m.moduleId,
          project: m.project.name,
          state: m.state(),
          errors: m.errors().map(message),
        })),
        tests: testModules.flatMap((m) =>
          [...m.children.allTests()].map((tc) => {
            const result = tc.result();
            return {
              file: m.moduleId,
              project: m.project.name,
              path: titlePath(tc),
              state: tc.options.mode === 'todo' ? 'todo' : result.state,
              durationMs: tc.diagnostic()?.duration,
              error: message(result.errors?.[0]),
              diff: diffOf(result.errors?.[0]),
            };
          }),
        ),
      };
      return data;
    });
  }
}
