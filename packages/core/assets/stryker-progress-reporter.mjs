// A StrykerJS Reporter plugin (patchprobe-progress): one JSON line per tested mutant, appended to
// the file named by PATCHPROBE_MUTANT_LOG as soon as StrykerJS has its result. When the mutation
// run reaches its time budget and is killed, the mutants tested so far are still evidence
// (src/mutation/run-stryker.ts reads them back). Declared as a plain object, like the arid ignorer
// (@stryker-mutator/api is not resolvable from patchprobe's own package under pnpm).
import fs from 'node:fs';

/** StrykerJS's MutantResult, trimmed to what patchprobe reads (RawMutant in run-stryker.ts). */
export function trimMutant(m) {
  return {
    id: m.id,
    fileName: m.fileName,
    mutatorName: m.mutatorName,
    replacement: m.replacement,
    location: m.location,
    status: m.status,
    killedBy: m.killedBy,
    statusReason: m.statusReason,
    testsCompleted: m.testsCompleted,
  };
}

export const strykerPlugins = [
  {
    kind: 'Reporter',
    name: 'patchprobe-progress',
    value: {
      onMutantTested(result) {
        const file = process.env.PATCHPROBE_MUTANT_LOG;
        // Synchronous: a kill at the budget leaves every finished line whole.
        if (file) fs.appendFileSync(file, `${JSON.stringify({ mutant: trimMutant(result) })}\n`);
      },
    },
  },
];
