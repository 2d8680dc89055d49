// The benchmark's `plugin-overhead` subject (issue 6 §4): what the @patchprobe/vitest plugin costs a
// `vitest run` of a project with NO change against HEAD. The plugin must not slow such a run
// measurably: target overhead below 5 %.
//
// The project is the generated one (bench/generate.mjs: ~200 source files, 1,000 tests), committed
// and left unchanged, with two configs committed next to each other:
//   vitest.config.ts         as generated
//   vitest.plugin.config.ts  the same + `plugins: [patchprobe()]`
// and, for finding where an overhead goes (`--plugin-parts`), four configs with parts of the plugin
// (`patchprobe()` is [main, tagger]; main adds the setup file in `configureVitest`, and the reporter):
//   vitest.part-import.config.ts          imports @patchprobe/vitest, adds no plugin (module loading)
//   vitest.part-reporter.config.ts        main with its setup file taken out again (hooks + reporter)
//   vitest.part-reporter-setup.config.ts  main as is, no tagger (hooks + reporter + setup file)
//   vitest.part-tagger.config.ts          the tagger alone (export tagging transform)
//
// Its node_modules is a real folder of symlinks to bench/node_modules' entries plus
// @patchprobe/vitest -> packages/vitest (nothing is added to bench/node_modules; vite's caches land
// in the project's own node_modules). Each config runs the project's own `vitest run --config <file>`
// once as a warm-up, then N times, the configs strictly alternating; wall time per process.
//
// Usage as a module (run.mjs):
//   const p = createPluginOverheadProject({ sourceFiles, testsPerFile });
//   const m = await measurePluginOverhead(p, { runs, parts, timeoutMs, env, log });
//   p.cleanup();
// From the shell (keeps the project and prints where it is):
//   node bench/plugin-overhead.mjs [--source-files N] [--tests-per-file N]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { BENCH_NODE_MODULES, createGeneratedProject, git } from './generate.mjs';
import { lastLine, median, parseVitestSummary, projectVitest, stripAnsi, timeProcess } from './measure.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, '..');
export const PLUGIN_PACKAGE = path.join(REPO_ROOT, 'packages', 'vitest');
const CORE_ENTRY = path.join(REPO_ROOT, 'packages', 'core', 'dist', 'index.js');

/** Overhead the plugin may add to a run with no change: below 5 % (issue 6 §4). */
export const TARGET_OVERHEAD_PCT = 5;
/** What the plugin's reporter prints after a run when the working tree equals HEAD. */
export const NO_CHANGE_LINE = 'patchprobe  no change against HEAD';

const INCLUDE = `test: { include: ['test/**/*.test.ts'] }`;
const HEADER = `import { patchprobe } from '@patchprobe/vitest';\nimport { defineConfig } from 'vitest/config';\n\n`;

/**
 * The configs measured. `reporter`: whether the plugin's reporter is in (so the run must print
 * NO_CHANGE_LINE). `part`: only measured with `--plugin-parts`.
 */
export const CONFIGS = [
  {
    name: 'plain',
    file: 'vitest.config.ts',
    what: 'as generated, no plugin',
    reporter: false,
    part: false,
    // written by the generator
    text: null,
  },
  {
    name: 'plugin',
    file: 'vitest.plugin.config.ts',
    what: 'plugins: [patchprobe()]',
    reporter: true,
    part: false,
    text: `${HEADER}export default defineConfig({ plugins: [patchprobe()], ${INCLUDE} });\n`,
  },
  {
    name: 'import',
    file: 'vitest.part-import.config.ts',
    what: 'imports @patchprobe/vitest (and so @patchprobe/core) but adds no plugin: loading the module',
    reporter: false,
    part: true,
    text:
      HEADER +
      `// Loads the plugin's module (and everything it imports) without adding a plugin.\n` +
      `console.assert(typeof patchprobe === 'function');\n\n` +
      `export default defineConfig({ ${INCLUDE} });\n`,
  },
  {
    name: 'reporter',
    file: 'vitest.part-reporter.config.ts',
    what: 'main plugin only, its setup file taken out again: resolve/load hooks + reporter (git fingerprint)',
    reporter: true,
    part: true,
    text:
      HEADER +
      `// patchprobe()'s main plugin without the tagger, and with the setup file it adds in\n` +
      `// configureVitest taken out again: what is left is its resolve/load hooks and the reporter.\n` +
      `const main = patchprobe().find((p) => p.name === 'patchprobe')!;\n` +
      `const configureVitest = main.configureVitest!.bind(main);\n` +
      `main.configureVitest = (context) => {\n` +
      `  const setupFiles = [...context.project.config.setupFiles];\n` +
      `  configureVitest(context);\n` +
      `  context.project.config.setupFiles.splice(0, context.project.config.setupFiles.length, ...setupFiles);\n` +
      `};\n\n` +
      `export default defineConfig({ plugins: [main], ${INCLUDE} });\n`,
  },
  {
    name: 'reporter+setup',
    file: 'vitest.part-reporter-setup.config.ts',
    what: 'main plugin as is, no tagger: hooks + reporter + setup file (toBehaveLike matcher)',
    reporter: true,
    part: true,
    text:
      HEADER +
      `// patchprobe()'s main plugin (resolve/load hooks, the setup file, the reporter) without the tagger.\n` +
      `export default defineConfig({ plugins: [patchprobe().filter((p) => p.name !== 'patchprobe:tag-exports')], ${INCLUDE} });\n`,
  },
  {
    name: 'tagger',
    file: 'vitest.part-tagger.config.ts',
    what: "the tagger plugin alone ('patchprobe:tag-exports' post-transform)",
    reporter: false,
    part: true,
    text:
      HEADER +
      `// Only patchprobe()'s export-tagging transform.\n` +
      `export default defineConfig({ plugins: [patchprobe().filter((p) => p.name === 'patchprobe:tag-exports')], ${INCLUDE} });\n`,
  },
];

/**
 * Replaces the project's node_modules symlink (to bench/node_modules) by a real folder: one
 * symlink per bench/node_modules entry (by real path, as scripts/lib/example-repo.mjs links
 * them) and @patchprobe/vitest -> packages/vitest. bench's own caches (.vite, .vite-temp) are
 * not linked, so vite writes the project's caches into the project.
 */
export function linkNodeModules(dir, { from = BENCH_NODE_MODULES, plugin = PLUGIN_PACKAGE } = {}) {
  const nm = path.join(dir, 'node_modules');
  fs.rmSync(nm, { recursive: true, force: true });
  fs.mkdirSync(nm);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith('.') && entry.name !== '.bin') continue;
    if (entry.name.startsWith('@') && entry.isDirectory()) {
      fs.mkdirSync(path.join(nm, entry.name));
      for (const inner of fs.readdirSync(path.join(from, entry.name))) {
        fs.symlinkSync(fs.realpathSync(path.join(from, entry.name, inner)), path.join(nm, entry.name, inner));
      }
      continue;
    }
    fs.symlinkSync(fs.realpathSync(path.join(from, entry.name)), path.join(nm, entry.name));
  }
  if (!fs.existsSync(path.join(plugin, 'dist', 'index.js'))) {
    throw new Error(`${path.join(plugin, 'dist', 'index.js')} is missing: build the packages first (pnpm build)`);
  }
  fs.mkdirSync(path.join(nm, '@patchprobe'), { recursive: true });
  fs.symlinkSync(fs.realpathSync(plugin), path.join(nm, '@patchprobe', 'vitest'));
}

/**
 * Generates the project (bench/generate.mjs), commits the plugin configs on top of it, links
 * node_modules, and checks that the working tree is clean. `pluginPackage`: the folder linked as
 * @patchprobe/vitest (default packages/vitest; another build of it, to compare two versions).
 * @returns {{ root: string, dir: string, stats: object, commit: string, cleanup: () => void }}
 */
export function createPluginOverheadProject(options = {}) {
  const plugin = options.pluginPackage ?? PLUGIN_PACKAGE;
  const gen = createGeneratedProject(options);
  try {
    for (const c of CONFIGS) if (c.text) fs.writeFileSync(path.join(gen.dir, c.file), c.text);
    git(gen.dir, ['add', '-A']);
    git(gen.dir, ['commit', '-q', '-m', 'vitest configs with the patchprobe plugin']);
    linkNodeModules(gen.dir, { plugin });
    const status = git(gen.dir, ['status', '--porcelain']).trim();
    if (status !== '') throw new Error(`plugin-overhead: the project is not clean after setup:\n${status}`);
    return {
      root: gen.root,
      dir: gen.dir,
      stats: gen.stats,
      commit: git(gen.dir, ['rev-parse', '--short', 'HEAD']).trim(),
      pluginPackage: fs.realpathSync(plugin),
      cleanup: gen.cleanup,
    };
  } catch (err) {
    gen.cleanup();
    throw err;
  }
}

const round = (ms) => (typeof ms === 'number' ? Math.round(ms * 10) / 10 : null);
const pct = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round(((a - b) / b) * 1000) / 10 : null);

/** The environment of the measured runs: no colours, CI=1, and never marked as patchprobe's own child. */
export function pluginEnv(base = process.env) {
  const env = { ...base, CI: '1', NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  // The plugin prints no verdict inside patchprobe's own runs; these are the user's runs.
  for (const k of ['PATCHPROBE_CHILD', 'PATCHPROBE_TREE_ROOT', 'PATCHPROBE_BASE_DIR']) delete env[k];
  return env;
}

/** One `vitest run --config <file>`, checked: exit 0, every test passed, the reporter's line iff expected. */
async function runOnce(dir, config, expectedTests, { env, timeoutMs }) {
  const bin = projectVitest(dir);
  const r = await timeProcess(bin.command, [...bin.args, 'run', '--config', config.file], { cwd: dir, env, timeoutMs });
  const output = stripAnsi(r.stdout + '\n' + r.stderr);
  const summary = parseVitestSummary(output);
  const result = { config: config.name, ms: round(r.ms), cpuMs: round(r.cpuMs), exitCode: r.code, ...summary, ...durationParts(summary.vitestDuration), noChangeLine: output.includes(NO_CHANGE_LINE) };
  const problem = output.split('\n').find((l) => /patchprobe {2}(could not|failing)/.test(l));
  if (r.timedOut) result.error = `${config.file}: vitest timed out after ${timeoutMs / 1000} s`;
  else if (r.spawnError) result.error = `${config.file}: ${r.spawnError}`;
  else if (!summary.tests) result.error = `${config.file}: vitest printed no summary (exit ${r.code}): ${lastLine(r.stderr) || lastLine(r.stdout)}`;
  else if (r.code !== 0 || summary.tests.failed > 0 || summary.tests.passed !== expectedTests)
    result.error = `${config.file}: exit ${r.code}, ${summary.tests.passed}/${expectedTests} tests passed, ${summary.tests.failed} failed`;
  else if (problem) result.error = `${config.file}: ${problem.trim()}`;
  else if (config.reporter && !result.noChangeLine) result.error = `${config.file}: the plugin did not print "${NO_CHANGE_LINE}"`;
  if (result.error) result.outputTail = output.slice(-3000);
  return result;
}

/**
 * vitest's "Duration  40.1s (transform 9.2s, setup 8.1s, import 20s, tests 1.1s, environment 0ms)":
 * the parts are summed over all test files (and workers), so they are not wall time, but they show
 * where per-file work grew. Returns { transformMs, setupMs, importMs, testsMs } (those found).
 */
export function durationParts(text) {
  const parts = {};
  if (!text) return parts;
  for (const m of text.matchAll(/(transform|setup|import|tests|collect|prepare) ([\d.]+)(ms|s)\b/g)) {
    parts[`${m[1]}Ms`] = round(Number(m[2]) * (m[3] === 's' ? 1000 : 1));
  }
  return parts;
}

/**
 * Times the plugin reporter's own work on its own: `changeFingerprint(dir, 'HEAD')` from
 * @patchprobe/core (git diff + git ls-files --others), `times` times in this process.
 */
async function timeFingerprint(dir, times) {
  try {
    const { changeFingerprint } = await import(pathToFileURL(CORE_ENTRY).href);
    const ms = [];
    for (let i = 0; i < times + 1; i++) {
      const t0 = process.hrtime.bigint();
      const fp = await changeFingerprint(dir, 'HEAD');
      const t = Number(process.hrtime.bigint() - t0) / 1e6;
      if (fp !== null) return { error: `changeFingerprint reports a change in the unchanged project (${fp.slice(0, 12)})` };
      if (i > 0) ms.push(t); // the first call loads modules
    }
    return { medianMs: round(median(ms)), runs: ms.map(round) };
  } catch (err) {
    return { error: `changeFingerprint: ${err.message}` };
  }
}

/**
 * Warm-up (one run per config), then `runs` rounds of every config in order (plain, plugin[, parts]).
 * @param {{ dir: string, stats: { tests: number } }} project
 * @param {{ runs: number, parts?: boolean, timeoutMs: number, env?: object, log?: (s: string) => void }} options
 */
export async function measurePluginOverhead(project, { runs, parts = false, timeoutMs, env = pluginEnv(), log = () => {}, tag = 'plugin-overhead' }) {
  const configs = CONFIGS.filter((c) => parts || !c.part);
  const errors = [];
  const warmups = [];
  const measured = [];
  const sec = (ms) => (typeof ms === 'number' ? (ms / 1000).toFixed(2) : '-');
  const one = async (config, label) => {
    const r = await runOnce(project.dir, config, project.stats.tests, { env, timeoutMs });
    log(`${tag} ${label}: ${config.name} ${sec(r.ms)} s (cpu ${sec(r.cpuMs)} s)${r.tests ? ` (${r.tests.passed} passed)` : ''}${r.noChangeLine ? ', "no change against HEAD"' : ''}${r.error ? ` - ${r.error}` : ''}`);
    if (r.error) errors.push(r.error);
    return r;
  };
  for (const c of configs) warmups.push(await one(c, 'warm-up'));
  for (let i = 0; i < runs; i++) for (const c of configs) measured.push({ round: i + 1, ...(await one(c, `run ${i + 1}/${runs}`)) });

  // The user's repository must be left as it was.
  const status = git(project.dir, ['status', '--porcelain']).trim();
  if (status !== '') errors.push(`the project's working tree changed during the runs: ${status.split('\n').slice(0, 5).join('; ')}`);
  const fingerprint = await timeFingerprint(project.dir, Math.max(5, runs));
  if (fingerprint.error) errors.push(fingerprint.error);

  const perConfig = {};
  for (const c of configs) {
    const ms = measured.filter((r) => r.config === c.name && !r.error).map((r) => r.ms);
    const ok = measured.filter((r) => r.config === c.name && !r.error);
    const sums = Object.fromEntries(['transformMs', 'setupMs', 'importMs', 'testsMs'].map((k) => [k, round(median(ok.map((r) => r[k])))]));
    const cpu = ok.map((r) => r.cpuMs);
    perConfig[c.name] = {
      file: c.file,
      what: c.what,
      medianMs: round(median(ms)),
      minMs: ms.length ? Math.min(...ms) : null,
      maxMs: ms.length ? Math.max(...ms) : null,
      runs: ms.length,
      // CPU time (user + system) of vitest and its workers: the work the config adds, less
      // sensitive than wall time to whatever else the machine is doing.
      cpuMedianMs: round(median(cpu)),
      cpuMinMs: cpu.some((x) => typeof x === 'number') ? Math.min(...cpu.filter((x) => typeof x === 'number')) : null,
      vitestSums: sums,
    };
  }
  const plainMs = perConfig.plain.medianMs;
  const plainCpuMs = perConfig.plain.cpuMedianMs;
  for (const c of configs) {
    if (c.name === 'plain') continue;
    perConfig[c.name].overheadPct = pct(perConfig[c.name].medianMs, plainMs);
    perConfig[c.name].cpuOverheadPct = pct(perConfig[c.name].cpuMedianMs, plainCpuMs);
    perConfig[c.name].cpuOverheadMs = typeof perConfig[c.name].cpuMedianMs === 'number' && typeof plainCpuMs === 'number' ? round(perConfig[c.name].cpuMedianMs - plainCpuMs) : null;
  }
  // Per round, the plugin run against the plain run just before it: a second estimate, less
  // sensitive to drift of the machine over the whole measurement.
  const paired = [];
  for (let i = 1; i <= runs; i++) {
    const p = measured.find((r) => r.round === i && r.config === 'plain' && !r.error);
    const g = measured.find((r) => r.round === i && r.config === 'plugin' && !r.error);
    if (p && g) paired.push(pct(g.ms, p.ms));
  }
  const pluginMs = perConfig.plugin.medianMs;
  const overheadPct = pct(pluginMs, plainMs);
  return {
    configs: perConfig,
    plainMs,
    pluginMs,
    overheadMs: plainMs !== null && pluginMs !== null ? round(pluginMs - plainMs) : null,
    overheadPct,
    pairedOverheadPct: paired,
    pairedMedianPct: round(median(paired)),
    plainCpuMs,
    pluginCpuMs: perConfig.plugin.cpuMedianMs,
    cpuOverheadPct: perConfig.plugin.cpuOverheadPct,
    targetPct: TARGET_OVERHEAD_PCT,
    targetMet: overheadPct === null ? null : overheadPct < TARGET_OVERHEAD_PCT,
    fingerprint,
    workingTreeClean: status === '',
    errors: [...new Set(errors)],
    warmups,
    runs: measured,
  };
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { parseBenchArgs } = await import('./args.mjs');
  const parsed = parseBenchArgs(process.argv.slice(2), (message) => {
    console.error(`plugin-overhead: ${message}`);
    process.exit(2);
  });
  const p = createPluginOverheadProject({ sourceFiles: parsed.sourceFiles, testsPerFile: parsed.testsPerFile });
  console.log(JSON.stringify({ root: p.root, dir: p.dir, stats: p.stats, configs: CONFIGS.map((c) => c.file) }, null, 2));
}
