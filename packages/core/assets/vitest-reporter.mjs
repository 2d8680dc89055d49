// Loaded by the PROJECT's own vitest (>= 3) through `--reporter=<this file>`, so it must be plain
// ESM with no imports beyond node built-ins. It uses only the stable reporter API
// (TestModule / TestCase, onTestRunEnd) and writes one JSON file that patchprobe reads.
import { writeFileSync } from 'node:fs';

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

export default class PatchprobeReporter {
  onInit(vitest) {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules, unhandledErrors, reason) {
    const out = process.env.PATCHPROBE_REPORT_FILE;
    if (!out) return;
    try {
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
            };
          }),
        ),
      };
      writeFileSync(out, JSON.stringify(data));
    } catch (error) {
      writeFileSync(out, JSON.stringify({ reporterError: String(error?.stack ?? error) }));
    }
  }
}
