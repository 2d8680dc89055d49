import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInProcessGroup } from '../process/processes.js';
import { baseTreeEnv, crashLine, probeChildEnv } from '../suites/run-vitest.js';
import type { ProjectVitest } from '../suites/resolve-vitest.js';
import type { VitestHost } from '../suites/vitest-host.js';
import { displayName } from '../suites/types.js';
import type { Descriptor } from './arbitrary-descriptor.js';
import type { PatchLiterals } from './patch-literals.js';
import { INTENT_KEY, intentRecordedOf, returnedRecordedOf, type DocExamplePlan, type DocExampleRun, type ProbeEvent, type ProbePlan, type ProbeTargetPlan, type ProbeTargetResult } from './plan.js';
import { died, hung, inconclusive, Retimer } from './retime.js';
import type { RecordTargetSpec } from './record-plugin.js';
import type { ProbeTarget } from './targets.js';

// Resolved next to this file, so the same code works from src (patchprobe's own tests, .ts) and
// from dist (.js): vite transforms either when the probe file imports it.
const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.extname(fileURLToPath(import.meta.url));
const RUNTIME = path.join(here, 'runtime', `run-probes${ext}`);
const PLUGIN = path.join(here, '..', 'base-modules', `vite-plugin${ext}`);
const RECORD_PLUGIN = path.join(here, `record-plugin${ext}`);
const RECORDER = path.join(here, '..', '..', 'assets', 'probe-recorder.mjs');
const CONFIG_NAMES = ['vitest.config', 'vite.config'].flatMap((b) => ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'].map((e) => b + e));
const PROBE_DIR = '__patchprobe__';

export interface ExecuteInput {
  targets: readonly ProbeTarget[];
  /**
   * The suite's recorded arguments, or the recording run still under way: the first probe process
   * then starts at once and waits for them (ProbePlan.recordedFile).
   */
  recorded: ReadonlyMap<string, string[]> | Promise<ReadonlyMap<string, string[]>>;
  beforeRoot: string;
  afterRoot: string;
  /** Project folder relative to the repository root ('' for the root). */
  projectDir: string;
  vitest: ProjectVitest;
  runs: number;
  callTimeoutMs: number;
  functionBudgetMs: number;
  seed: number;
  /** Where plans and results go (inside the temp workspace). */
  workDir: string;
  tmpDir: string;
  userRoot: string;
  /** Documented examples of the targets, run after the probes in the first process. */
  docExamples?: DocExamplePlan[] | undefined;
  signal?: AbortSignal | undefined;
  /** The after tree's warm vitest: probe runs go there while it lives (a run past its time limit kills it; later runs spawn). */
  host?: VitestHost | undefined;
  /** The literals on the lines the patch changed in the code a target covers (patch-literals.ts). */
  literals?: ((target: ProbeTarget) => PatchLiterals) | undefined;
}

export interface ExecuteResult {
  results: ProbeTargetResult[];
  /** The documented examples that ran (absent when the process ended before them). */
  docExamples: DocExampleRun[];
  /** Probe runs: 1, plus one per hang or crash that ended a run. */
  processes: number;
  /** Of those, the runs made in the after tree's warm vitest (`host`) rather than a process of their own. */
  warmRuns: number;
}

/**
 * Runs the probe runtime inside the project's own vitest, in the after copy, with a config that
 * wraps the project's (its plugins, aliases, setup files and environment apply to both versions).
 * A hang or crash ends that process; its function is reported and the rest run in a new one.
 */
export async function executeProbes(input: ExecuteInput): Promise<ExecuteResult> {
  const projectRoot = path.join(input.afterRoot, input.projectDir);
  const probeDir = path.join(projectRoot, PROBE_DIR);
  fs.mkdirSync(probeDir, { recursive: true });
  fs.mkdirSync(input.workDir, { recursive: true });
  const configFile = path.join(probeDir, 'vitest.config.mjs');
  fs.writeFileSync(configFile, wrapperConfig(projectRoot, input, { mode: 'probe' }));
  const still = 'then' in input.recorded ? input.recorded : undefined;
  const plans = input.targets.map((t) => toPlan(t, input, still ? new Map() : (input.recorded as ReadonlyMap<string, string[]>)));
  // Still recording: the first process gets the inputs through a file written when they are in,
  // renamed into place so that it never reads half of it. A later process (after a hang) has them.
  let recordedFile: string | undefined;
  let recording: Promise<void> | undefined;
  let anyIntent = still ? false : [...(input.recorded as ReadonlyMap<string, string[]>).keys()].some((key) => key.endsWith(INTENT_KEY));
  if (still) {
    const file = path.join(input.workDir, 'recorded.json');
    recordedFile = file;
    recording = still
      .catch(() => new Map<string, string[]>())
      .then((map) => {
        for (const p of plans) Object.assign(p, { recorded: map.get(p.id) ?? [] }, withReturned(p.id, map), withIntent(p.id, map));
        anyIntent = [...map.keys()].some((key) => key.endsWith(INTENT_KEY));
        fs.writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(map)));
        fs.renameSync(`${file}.tmp`, file);
      });
  }

  const results: ProbeTargetResult[] = [];
  let pending = plans;
  let processes = 0;
  let warmRuns = 0;
  const retimer = new Retimer(input.callTimeoutMs);
  const docRuns: DocExampleRun[] = [];
  try {
    while (pending.length > 0) {
      processes += 1;
      const n = processes;
      const plan: ProbePlan = {
        targets: pending,
        runs: input.runs,
        callTimeoutMs: input.callTimeoutMs,
        functionBudgetMs: input.functionBudgetMs,
        resultsFile: path.join(input.workDir, `results-${n}.jsonl`),
        hangFile: path.join(input.workDir, `hang-${n}.json`),
        ...(n === 1 && recordedFile !== undefined ? { recordedFile } : {}),
        ...(anyIntent ? { anyIntent } : {}),
        ...(n === 1 && input.docExamples && input.docExamples.length > 0 ? { docExamples: input.docExamples } : {}),
      };
      const planFile = path.join(input.workDir, `plan-${n}.json`);
      fs.writeFileSync(planFile, JSON.stringify(plan));
      const probeFile = path.join(probeDir, `probes-${n}.patchprobe.mjs`);
      fs.writeFileSync(probeFile, probeModule(planFile, pending, input, plan.docExamples ?? []));
      const callLimit = Math.max(...pending.map((t) => t.callTimeoutMs ?? input.callTimeoutMs));
      // Up to three searches per function (all inputs, generated only, realistic only), each with the function budget.
      const budget = pending.length * (3 * input.functionBudgetMs + 4 * callLimit + 5_000) + 60_000;
      const [run] = await Promise.all([
        runVitestOnce(input.host, { vitest: input.vitest, config: configFile, root: projectRoot, files: [probeFile], env: probeEnv(input), timeoutMs: budget, signal: input.signal }),
        n === 1 ? recording : undefined,
      ]);
      if (run.inHost) warmRuns += 1;
      fs.rmSync(probeFile, { force: true });
      const events = readEvents(plan.resultsFile);
      const done = new Set<string>();
      const provisional = new Map<string, ProbeTargetResult>();
      let started: string | undefined;
      for (const e of events) {
        if (e.type === 'start') started = e.id;
        if (e.type === 'provisional') provisional.set(e.result.id, e.result);
        if (e.type === 'result') {
          results.push(retimer.complete(e.result));
          done.add(e.result.id);
          started = undefined;
        }
        if (e.type === 'doc-example') docRuns.push(e.run);
      }
      if (done.size === pending.length) break;
      const hang = readEvents(plan.hangFile).find((e): e is Extract<ProbeEvent, { type: 'hang' }> => e.type === 'hang');
      const culprit = hang?.id ?? started;
      const target = pending.find((t) => t.id === culprit);
      // The process ended after the function's probe had its result, in the search that follows it
      // (unexplained divergences): that result stands, without the search.
      const settled = target && !done.has(target.id) ? provisional.get(target.id) : undefined;
      if (target && settled) {
        results.push(retimer.complete(settled));
        done.add(target.id);
        pending = pending.filter((t) => !done.has(t.id));
        continue;
      }
      if (!target) {
        // The process died before probing anything: nothing will go better next time.
        const why = run.timedOut ? 'the probe run timed out' : `the probe run failed: ${crashLine(run.stderr + '\n' + run.stdout, run.exitCode)}`;
        for (const t of pending.filter((t) => !done.has(t.id))) results.push(inconclusive(t, why));
        break;
      }
      if (hang && hang.id === target.id) {
        // Timed again in a fresh process (its remaining functions follow) before it is a hang.
        const again = retimer.retry(target, hang);
        if (again) {
          pending = [again, ...pending.filter((t) => !done.has(t.id) && t.id !== target.id)];
          continue;
        }
        results.push(retimer.complete(hung(target, hang, retimer.limits(target))));
      } else results.push(died(target, run));
      done.add(target.id);
      pending = pending.filter((t) => !done.has(t.id));
    }
  } finally {
    fs.rmSync(probeDir, { recursive: true, force: true });
  }
  return { results, processes, warmRuns, docExamples: docRuns };
}

function toPlan(t: ProbeTarget, input: ExecuteInput, recorded: ReadonlyMap<string, string[]>): ProbeTargetPlan {
  const rel = (d: unknown): unknown => relativiseModules(d, input.afterRoot);
  return {
    id: t.id,
    module: t.file,
    exportName: t.exportName,
    ...(t.member ? { member: t.member } : {}),
    ...(t.ctorParams ? { ctorParams: rel(t.ctorParams) as ProbeTargetPlan['params'] } : {}),
    ...(t.factory ? { factory: t.factory } : {}),
    params: rel(t.params) as ProbeTargetPlan['params'],
    ...(t.overloads ? { overloads: rel(t.overloads) as ProbeTargetPlan['params'][] } : {}),
    recorded: recorded.get(t.id) ?? [],
    ...withReturned(t.id, recorded),
    ...withIntent(t.id, recorded),
    seed: targetSeed(input.seed, t.id),
    ...withLiterals(input.literals?.(t)),
  };
}

function withIntent(id: string, recorded: ReadonlyMap<string, string[]>): { intentRecorded?: string[] } {
  const intent = intentRecordedOf(id, Object.fromEntries(recorded));
  return intent ? { intentRecorded: intent } : {};
}

function withReturned(id: string, recorded: ReadonlyMap<string, string[]>): { returnedRecorded?: Record<string, string[]> } {
  const returned = returnedRecordedOf(id, Object.fromEntries(recorded));
  return returned ? { returnedRecorded: returned } : {};
}

/** Instance descriptors name their class's module by absolute path in the after copy; the probe keys modules by repository path. */
function relativiseModules(d: unknown, afterRoot: string): unknown {
  if (Array.isArray(d)) return d.map((x) => relativiseModules(x, afterRoot));
  if (!d || typeof d !== 'object') return d;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) out[k] = relativiseModules(v, afterRoot);
  const desc = d as Descriptor;
  if (desc.kind === 'instance' && desc.module && path.isAbsolute(desc.module)) out.module = path.relative(afterRoot, desc.module).split(path.sep).join('/');
  return out;
}

/** Every module the probes import: the probed ones, and those of classes whose instances are inputs. */
function modulesOf(plans: readonly ProbeTargetPlan[]): string[] {
  const set = new Set<string>();
  const walk = (d: unknown): void => {
    if (Array.isArray(d)) return d.forEach(walk);
    if (!d || typeof d !== 'object') return;
    const o = d as { kind?: string; module?: string };
    if (o.kind === 'instance' && typeof o.module === 'string') set.add(o.module);
    Object.values(d).forEach(walk);
  };
  for (const p of plans) {
    set.add(p.module);
    walk(p.params);
    walk(p.ctorParams);
  }
  return [...set].sort();
}

function probeModule(planFile: string, plans: readonly ProbeTargetPlan[], input: ExecuteInput, docs: readonly DocExamplePlan[]): string {
  const modules = new Set([...modulesOf(plans), ...docs.flatMap((d) => [d.module, ...(d.entry ? [d.entry] : [])])]);
  const loaders = [...modules].sort().map((m) => {
    const b = JSON.stringify(path.join(input.beforeRoot, m));
    const a = JSON.stringify(path.join(input.afterRoot, m));
    return `  ${JSON.stringify(m)}: { before: () => import(${b}), after: () => import(${a}) },`;
  });
  return [
    '// Generated by patchprobe: differential property probes, before vs after. Removed after the run.',
    "import { test } from 'vitest';",
    `import { runProbes } from ${JSON.stringify(RUNTIME)};`,
    'const loaders = {',
    ...loaders,
    '};',
    `test('patchprobe property probes', async () => { await runProbes(${JSON.stringify(planFile)}, loaders); }, 2147483647);`,
    '',
  ].join('\n');
}

type WrapperMode = { mode: 'probe' } | { mode: 'record'; targets: RecordTargetSpec[]; sharedWorker?: boolean | undefined };

/**
 * The project's own config, wrapped: same plugins, aliases, environment and setup files. To probe:
 * plus the before-tree plugin, and only the probe file runs, in one fork. To record: plus the
 * recording plugin and setup file, over the project's own test files.
 */
function wrapperConfig(projectRoot: string, input: Pick<ExecuteInput, 'beforeRoot' | 'afterRoot' | 'vitest'>, wrap: WrapperMode): string {
  const userConfig = CONFIG_NAMES.find((n) => fs.existsSync(path.join(projectRoot, n)));
  const vite = userConfig ? viteEntryOf(input.vitest) : undefined;
  const common = "watch: false, pool: 'forks', passWithNoTests: true, coverage: { enabled: false }, retry: 0, bail: 0";
  const lines = [
    '// Generated by patchprobe: the project config, wrapped for property probes. Removed after the run.',
    "import { mergeConfig } from 'vitest/config';",
    `import { beforeTreePlugin } from ${JSON.stringify(PLUGIN)};`,
    `import { recordPlugin } from ${JSON.stringify(RECORD_PLUGIN)};`,
    ...loadUserConfig(projectRoot, userConfig, vite),
    wrap.mode === 'probe'
      ? `const plugin = beforeTreePlugin({ beforeRoot: ${JSON.stringify(input.beforeRoot)}, afterRoot: ${JSON.stringify(input.afterRoot)} });`
      : `const plugin = recordPlugin(${JSON.stringify(wrap.targets)});`,
    'const config = mergeConfig(user, { plugins: [plugin] });',
    `config.root = ${JSON.stringify(projectRoot)};`,
    // A project whose tests run in jsdom or happy-dom has its files transformed in web mode, where
    // vite refuses files outside the workspace root: patchprobe's setup file and runtime are, so the
    // recording run recorded nothing there (valibot). The copy is private to this run.
    'config.server = { ...(config.server ?? {}), fs: { ...(config.server?.fs ?? {}), strict: false } };',
    'const test = { ...(config.test ?? {}) };',
    'delete test.projects; delete test.workspace; delete test.browser; delete test.typecheck; delete test.benchmark;',
    // `test.dir` narrows where vitest looks for test files (pmndrs/zustand has `dir: 'tests'`): the
    // probe file lives in the project root's __patchprobe__, so the probe run drops it.
    wrap.mode === 'probe'
      ? `delete test.dir; Object.assign(test, { ${common}, include: [${JSON.stringify(`${PROBE_DIR}/*.patchprobe.mjs`)}], exclude: [], includeSource: [], fileParallelism: false, testTimeout: 2147483647, hookTimeout: 600000, sequence: { ...(test.sequence ?? {}), shuffle: false } });`
      : `Object.assign(test, { ${common}, ${wrap.sharedWorker ? 'isolate: false, ' : ''}setupFiles: [...[test.setupFiles ?? []].flat(), ${JSON.stringify(RECORDER)}] });`,
    'config.test = test;',
    'export default config;',
    '',
  ];
  return lines.join('\n');
}

const CONFIG_ENV = "{ command: 'serve', mode: 'test', isSsrBuild: false, isPreview: false }";

/**
 * The lines of the wrapper that bring in the project's config. vite bundles a config into one file
 * beside the config it loads and leaves `import.meta.resolve` as written, so a project config
 * imported by the wrapper (in PROBE_DIR) resolved such paths from PROBE_DIR: radashi's alias of its
 * own name made every before module fail to load. The project's own vite loads it where it is
 * instead. The wrapper itself cannot move beside it: vitest 1.x then finds the project's
 * vitest.workspace.ts next to it and runs the workspace, not the probe file.
 */
function loadUserConfig(projectRoot: string, userConfig: string | undefined, viteUrl: string | undefined): string[] {
  if (!userConfig) return ['const user = {};'];
  if (viteUrl) {
    return [
      // Through a variable: a bundler leaves a dynamic import it cannot read alone, and vite must
      // not be bundled into the wrapper.
      `const viteUrl = ${JSON.stringify(viteUrl)};`,
      'const { loadConfigFromFile } = await import(viteUrl);',
      `const loaded = await loadConfigFromFile(${CONFIG_ENV}, ${JSON.stringify(path.join(projectRoot, userConfig))}, ${JSON.stringify(projectRoot)});`,
      'const user = loaded?.config ?? {};',
    ];
  }
  return [
    `import * as userModule from ${JSON.stringify(`../${userConfig}`)};`,
    'const exported = userModule.default;',
    `const user = (typeof exported === 'function' ? await exported(${CONFIG_ENV}) : await exported) ?? {};`,
  ];
}

/** The file URL of the ESM entry of the vite that the project's vitest depends on, or undefined. */
function viteEntryOf(vitest: Pick<ProjectVitest, 'bin'>): string | undefined {
  try {
    const pkgFile = createRequire(path.join(path.dirname(vitest.bin), 'package.json')).resolve('vite/package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { exports?: Record<string, unknown> };
    const dot = pkg.exports?.['.'] as string | { import?: string | { default?: string } } | undefined;
    const entry = typeof dot === 'string' ? dot : typeof dot?.import === 'string' ? dot.import : dot?.import?.default;
    return entry ? pathToFileURL(path.join(path.dirname(pkgFile), entry)).href : undefined;
  } catch {
    return undefined;
  }
}

/** What the recording run kept: per function id, the distinct argument lists, and the tests that made each call. */
export interface RecordedInputs {
  recorded: Map<string, string[]>;
  /** id → encoded arguments → display names of the tests ("test/a.test.ts > suite > title") that passed them. */
  callers: Map<string, Map<string, Set<string>>>;
  durationMs: number;
  /** The recording run was made in the after tree's warm vitest. */
  inHost?: boolean;
}

export interface RecordInput {
  targets: readonly ProbeTarget[];
  /** Repository-relative test files that reach the targets. */
  testFiles: readonly string[];
  afterRoot: string;
  beforeRoot: string;
  projectDir: string;
  vitest: ProjectVitest;
  workDir: string;
  tmpDir: string;
  userRoot: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** The after tree's warm vitest, to record in instead of a vitest process of its own. */
  host?: VitestHost | undefined;
  /**
   * The test files share one worker (`isolate: false`): one fork instead of one per file. Only for
   * the live verdict, where the run's seconds are the user's wait: the recorded arguments are the
   * only thing read from this run, and files that need a worker of their own may record less.
   */
  sharedWorker?: boolean | undefined;
}

/**
 * Runs the test files that reach the probed functions once more, in the after copy, with those
 * functions wrapped to record their arguments (issue 4 §2): the probes start from the inputs the
 * suite itself uses. Best effort: a failing or crashing run just records less.
 */
function withLiterals(literals: PatchLiterals | undefined): { literals?: PatchLiterals } {
  return literals && literals.numbers.length + literals.strings.length > 0 ? { literals } : {};
}

export async function recordInputs(input: RecordInput): Promise<RecordedInputs> {
  const recorded = new Map<string, string[]>();
  const callers = new Map<string, Map<string, Set<string>>>();
  const specs: RecordTargetSpec[] = input.targets.flatMap((t) =>
    t.local ? [{ id: t.id, file: path.join(input.afterRoot, t.file), local: t.local, ...(t.member ? { member: t.member } : {}) }] : [],
  );
  if (specs.length === 0 || input.testFiles.length === 0) return { recorded, callers, durationMs: 0 };
  const projectRoot = path.join(input.afterRoot, input.projectDir);
  const probeDir = path.join(projectRoot, PROBE_DIR);
  fs.mkdirSync(probeDir, { recursive: true });
  fs.mkdirSync(input.workDir, { recursive: true });
  const configFile = path.join(probeDir, 'vitest.record.config.mjs');
  const recordFile = path.join(input.workDir, 'recorded.jsonl');
  fs.writeFileSync(configFile, wrapperConfig(projectRoot, input, { mode: 'record', targets: specs, sharedWorker: input.sharedWorker }));
  try {
    const env = { ...probeChildEnv(input.tmpDir, input.userRoot), ...baseTreeEnv(input.afterRoot, input.beforeRoot), PATCHPROBE_RECORD_FILE: recordFile };
    const files = input.testFiles.map((f) => path.join(input.afterRoot, f));
    const run = await runVitestOnce(input.host, { vitest: input.vitest, config: configFile, root: projectRoot, files, env, timeoutMs: input.timeoutMs, signal: input.signal });
    for (const line of readLines(recordFile)) {
      try {
        const { id, args, test } = JSON.parse(line) as { id: string; args: string; test?: string[] };
        // One line per test that made the call: the arguments once, their callers all.
        let byArgs = callers.get(id);
        if (!byArgs) callers.set(id, (byArgs = new Map()));
        let tests = byArgs.get(args);
        if (!tests) {
          byArgs.set(args, (tests = new Set()));
          recorded.set(id, [...(recorded.get(id) ?? []), args]);
        }
        const [file, ...titles] = test ?? [];
        if (file !== undefined) tests.add(displayName({ file: path.relative(input.afterRoot, file), path: titles }));
      } catch {
        // a line cut short by a kill
      }
    }
    return { recorded, callers, durationMs: run.durationMs, ...(run.inHost ? { inHost: true } : {}) };
  } finally {
    fs.rmSync(configFile, { force: true });
  }
}

interface VitestOnce {
  vitest: ProjectVitest;
  config: string;
  root: string;
  files: string[];
  /** The run's whole environment. */
  env: Record<string, string | undefined>;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * `vitest run --config … --root … --reporter=dot --passWithNoTests <files>`: in the warm `host` when
 * it is still alive (its environment is a superset of a probe run's: only the differences go
 * with the job), else in a process of its own. The same result shape either way.
 */
async function runVitestOnce(host: VitestHost | undefined, run: VitestOnce): Promise<{ exitCode: number | undefined; stdout: string; stderr: string; timedOut: boolean; durationMs: number; inHost: boolean }> {
  if (host?.alive) {
    const env: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(run.env)) if (value !== undefined) env[key] = value;
    const r = await host.runConfig({ config: run.config, root: run.root, files: run.files, env, timeoutMs: run.timeoutMs, signal: run.signal });
    return { exitCode: r.error === undefined ? 0 : 1, stdout: r.output, stderr: r.error ?? '', timedOut: r.timedOut, durationMs: r.durationMs, inHost: true };
  }
  const spawned = await runInProcessGroup(process.execPath, [run.vitest.bin, 'run', '--config', run.config, '--root', run.root, '--reporter=dot', '--passWithNoTests', ...run.files], {
    cwd: run.root,
    env: run.env,
    timeoutMs: run.timeoutMs,
    signal: run.signal,
  });
  return { ...spawned, inHost: false };
}

function readLines(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

function probeEnv(input: ExecuteInput): Record<string, string | undefined> {
  const env = { ...probeChildEnv(input.tmpDir, input.userRoot), ...baseTreeEnv(input.afterRoot, input.beforeRoot) };
  // The watchdog stops a call whose process grows by 1 GB; this heap limit is the backstop for
  // growth faster than its 20 ms ticks (the process then dies and its function is inconclusive).
  env.NODE_OPTIONS = [env.NODE_OPTIONS, '--max-old-space-size=4096'].filter(Boolean).join(' ');
  return env;
}

function readEvents(file: string): ProbeEvent[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as ProbeEvent];
      } catch {
        return []; // a line cut short by a kill
      }
    });
}

/** A per-target seed: the run's seed mixed with the id (FNV-1a), so adding a target does not change another's inputs. */
export function targetSeed(seed: number, id: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
