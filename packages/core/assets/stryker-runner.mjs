// patchprobe's StrykerJS child (issue 5). Started by src/mutation/run-stryker.ts with cwd = the project
// folder of a PRIVATE copy (Stryker takes process.cwd() as the project root and mutates in place there).
// argv[2] is a JSON job file; the result goes to job.outFile as JSON. Never prints on success.
//
// Two steps in one process, so the budget costs no second vitest start:
//  1. enumerate the mutants of the touched ranges with Stryker's own instrumenter (the same code, the
//     same ignorers as the real run, so the numbers match) and, past --max-mutants, sample whole
//     lines evenly over the declarations;
//  2. run Stryker (vitest runner, perTest coverage) on the sampled ranges with the job's test files.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const write = (result) => fs.writeFileSync(job.outFile, JSON.stringify(result));

// The same ignorer object the real run loads as a plugin, so enumeration and run agree.
const { strykerPlugins } = await import(pathToFileURL(job.aridPlugin).href);
const arid = strykerPlugins[0].value;

async function main() {
  const { Instrumenter } = await import(pathToFileURL(job.instrumenterEntry).href);
  const quiet = { isTraceEnabled: () => false, isDebugEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => false, isErrorEnabled: () => false, isFatalEnabled: () => false, trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {} };
  const instrumenter = new Instrumenter(quiet);
  const mutatorOptions = { plugins: null, excludedMutations: [], ignorers: [arid], noHeader: true };
  const enumerate = async (ranges) => {
    const byFile = new Map();
    for (const r of ranges) {
      const list = byFile.get(r.file) ?? [];
      list.push({ start: { line: r.start - 1, column: 0 }, end: { line: r.end - 1, column: Number.MAX_SAFE_INTEGER } });
      byFile.set(r.file, list);
    }
    const files = [...byFile].map(([name, mutate]) => ({ name: path.resolve(name), mutate, content: fs.readFileSync(name, 'utf8') }));
    const { mutants } = await instrumenter.instrument(files, mutatorOptions);
    return mutants.filter((m) => m.status !== 'Ignored');
  };

  const all = await enumerate(job.ranges);
  let ranges = job.ranges;
  let sampled = false;
  if (all.length > job.maxMutants) {
    ranges = sampleLines(all, job.ranges, job.maxMutants);
    sampled = true;
  }
  const planned = sampled ? await enumerate(ranges) : all;
  if (planned.length === 0) {
    write({ status: 'ran', generated: all.length, planned: 0, sampled, mutants: [] });
    return;
  }

  const { Stryker } = await import(pathToFileURL(job.strykerEntry).href);
  const options = {
    testRunner: 'vitest',
    // Under pnpm Stryker's own plugin discovery globs next to its install and finds nothing (api-notes §4).
    plugins: [job.vitestRunnerEntry, job.aridPlugin],
    ignorers: ['patchprobe-arid'],
    // 1-based lines, whole lines: the same ranges the enumeration used.
    mutate: ranges.map((r) => `${r.file}:${r.start}-${r.end}`),
    testFiles: job.testFiles,
    coverageAnalysis: 'perTest',
    reporters: job.htmlReportFile ? ['html'] : [],
    htmlReporter: job.htmlReportFile ? { fileName: job.htmlReportFile } : undefined,
    tempDirName: job.tempDir,
    cleanTempDir: 'always',
    // In place, because cwd is patchprobe's private copy: the sandbox would copy the project again and
    // its symlinked node_modules would point workspace packages back at the user's tree (api-notes §4).
    inPlace: true,
    logLevel: 'off',
    fileLogLevel: 'off',
    allowConsoleColors: false,
    concurrency: job.concurrency,
    timeoutMS: job.timeoutMs,
    timeoutFactor: 1.5,
    dryRunTimeoutMinutes: job.dryRunTimeoutMinutes,
    incremental: false,
    disableTypeChecks: true,
    vitest: { related: false, ...(job.configFile ? { configFile: job.configFile } : {}) },
  };
  if (!options.htmlReporter) delete options.htmlReporter;
  const results = await new Stryker(options).runMutationTest();
  write({
    status: 'ran',
    generated: all.length,
    planned: planned.length,
    sampled,
    mutants: results.map((m) => ({
      id: m.id,
      fileName: m.fileName,
      mutatorName: m.mutatorName,
      replacement: m.replacement,
      location: m.location,
      status: m.status,
      killedBy: m.killedBy,
      statusReason: m.statusReason,
    })),
  });
}

/**
 * Whole lines, chosen evenly across declarations (round robin, each declaration's lines spread out),
 * until the budget is spent. A line keeps every mutant that lies on it; mutants spanning several
 * lines (an emptied block) drop out, which costs little: tests almost always kill them.
 */
function sampleLines(mutants, ranges, max) {
  const perRange = ranges.map((r) => {
    const counts = new Map();
    for (const m of mutants) {
      if (path.resolve(r.file) !== m.fileName || m.location.start.line !== m.location.end.line) continue;
      const line = m.location.start.line;
      if (line >= r.start && line <= r.end) counts.set(line, (counts.get(line) ?? 0) + 1);
    }
    return { r, lines: spread([...counts].sort((a, b) => a[0] - b[0])) };
  });
  const chosen = [];
  let total = 0;
  for (let round = 0; perRange.some((x) => x.lines.length > round); round++) {
    for (const { r, lines } of perRange) {
      const entry = lines[round];
      if (!entry || total + entry[1] > max) continue;
      chosen.push({ file: r.file, start: entry[0], end: entry[0] });
      total += entry[1];
    }
  }
  return chosen.sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
}

/** Reorders items so that any prefix is spread over the whole list (0, n/2, n/4, 3n/4, …). */
function spread(items) {
  const out = [];
  const seen = new Set();
  for (let step = items.length; out.length < items.length; step = Math.max(1, Math.floor(step / 2))) {
    for (let i = 0; i < items.length; i += step) {
      if (!seen.has(i)) {
        seen.add(i);
        out.push(items[i]);
      }
    }
    if (step === 1) break;
  }
  return out;
}

main().catch((error) => {
  write({ status: 'failed', error: String(error?.message ?? error).split('\n')[0], stack: String(error?.stack ?? '') });
  process.exitCode = 1;
});
