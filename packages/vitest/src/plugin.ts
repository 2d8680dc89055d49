import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InspectSession, Report, Verdict } from '@patchprobe/core';
import { baseQueryPlugin } from '@patchprobe/core/base-modules';
import { changeFingerprint, FAIL_ON_DEFAULTS, isPatchprobeError, OPTION_DEFAULTS } from '@patchprobe/core/live';
import type { VitestPluginContext } from 'vitest/node';
import { RECORDING_ENV } from './env.js';
import { renderLiveVerdict } from './render.js';
import { tagExports } from './tag-exports.js';
import type { PatchprobePluginOptions } from './types.js';

const SETUP_FILE = fileURLToPath(new URL(`./setup${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));
const BASE_QUERY_SUFFIX = '?patchprobe=base';
const REPORTER_MARK = Symbol.for('patchprobe.reporter');
const VERSION_WARNED = Symbol.for('patchprobe.version-warned');
const PREDERIVE_MARK = Symbol.for('patchprobe.prederive');
/**
 * patchprobe's pipeline, for the live verdict: loaded when a run ends with a change to judge, not
 * when the config is read (TypeScript, ts-morph, fast-check: about a second that every start of
 * vitest paid, and every run patchprobe itself makes of the project, where no verdict is computed).
 * Not while the tests run either: vitest's main thread transforms the files the workers import,
 * and a second of module loading there held the tests up by as much.
 */
let core: Promise<typeof import('@patchprobe/core')> | undefined;
const loadCore = (): Promise<typeof import('@patchprobe/core')> =>
  (core ??= import('@patchprobe/core').catch((error: unknown) => {
    core = undefined;
    throw error;
  }));

/** Same as DERIVE_CACHE_ENV in @patchprobe/core/probes (not imported here: that module loads fast-check). */
const DERIVE_CACHE_ENV = 'PATCHPROBE_DERIVE_CACHE_DIR';

/**
 * The run's folder of derived `toBehaveLike` inputs, shared by vitest's main process and its
 * workers through the environment (set before the workers start; removed when the process exits).
 * patchprobe's own runs of the project set it already, to a folder of their own.
 */
function ensureDeriveCache(): void {
  if (process.env[DERIVE_CACHE_ENV]) return;
  // Named now, made by the first write (derive-disk-cache.ts): a run without toBehaveLike leaves nothing.
  const dir = path.join(os.tmpdir(), `patchprobe-derive-${process.pid}-${randomBytes(4).toString('hex')}`);
  process.env[DERIVE_CACHE_ENV] = dir;
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}

/**
 * Before the workers run `files`: the inputs of each `expect(f).toBehaveLike(…)` derived here, once
 * (one TypeScript program per run), instead of a program per test file in each worker (seconds
 * each, issue 18). Only test files that mention the matcher load anything.
 */
async function prederive(files: readonly string[]): Promise<void> {
  // PATCHPROBE_PREDERIVE=0: each worker derives for itself, as before (bench/matcher.mjs compares both).
  if (process.env.PATCHPROBE_PREDERIVE === '0') return;
  // patchprobe's recording run: the matcher compares nothing there (matcher.ts), so nothing to derive.
  if (process.env[RECORDING_ENV]) return;
  const using = files.filter((f) => {
    try {
      return fs.readFileSync(f, 'utf8').includes('toBehaveLike');
    } catch {
      return false;
    }
  });
  if (using.length === 0) return;
  try {
    const { prederiveTestFiles } = await import('@patchprobe/core/probes');
    prederiveTestFiles(using);
  } catch {
    // best effort: each worker derives for itself, as without it
  }
}

/** A reporter that pre-derives when a run starts: onTestRunStart on vitest >= 3.1, onPathsCollected before. */
const prederiveReporter = {
  async onTestRunStart(specifications: ReadonlyArray<{ moduleId: string }>) {
    await prederive(specifications.map((s) => s.moduleId));
  },
  async onPathsCollected(paths?: string[]) {
    await prederive(paths ?? []);
  },
};
/**
 * The oldest vitest the plugin runs on, as for `patchprobe verify`. From 3.1 it hooks in through
 * configureVitest and onTestRunEnd; before, through the config hook (setup file, a reporter) and
 * onFinished.
 */
export const MIN_PLUGIN_VITEST = '0.34.0';

/** vitest 0.34–3.0: no configureVitest, so the plugin wires itself in through `config()`. */
function isLegacy(version: string | undefined): boolean {
  if (version === undefined) return false;
  const [major = 0, minor = 0] = version.split('.').map((n) => Number.parseInt(n, 10));
  return major <= 2 || (major === 3 && minor < 1);
}

/** The version of the vitest installed for `root` (the one running this config), or undefined. */
function installedVitest(root: string): string | undefined {
  for (let dir = root; ; dir = path.dirname(dir)) {
    try {
      return (JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'vitest', 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      if (path.dirname(dir) === dir) return undefined;
    }
  }
}

/**
 * One line when the project's vitest is older than the plugin supports: its hooks would not run,
 * so the plugin would otherwise do nothing at all, silently.
 */
export function pluginVersionProblem(version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  const [major = 0, minor = 0] = version.split('.').map((n) => Number.parseInt(n, 10));
  if (major >= 1 || minor >= 34) return undefined;
  return `@patchprobe/vitest needs vitest ${MIN_PLUGIN_VITEST} or newer and this project has vitest ${version}: no live verdict, base imports or toBehaveLike in this run. \`npx patchprobe verify\` judges a change on vitest 0.34 and later.`;
}

/**
 * The part of a vite plugin this package uses; structural, so the vite of any vitest it runs with
 * (vite 6–8) accepts it. Method syntax keeps the parameters bivariant against vite's own types.
 */
export interface PatchprobeVitePlugin {
  name: string;
  enforce?: 'pre' | 'post';
  config?(user?: { root?: string; test?: { reporters?: unknown } }): { resolve: { dedupe: string[] }; test?: { setupFiles: string[]; reporters: unknown[] } };
  configResolved?(config: { root: string }): void;
  resolveId?(source: string, importer: string | undefined, options?: Record<string, unknown>): Promise<string | { id: string; external?: boolean | 'absolute' | 'relative' } | null>;
  load?(id: string): { code: string; map: null } | null;
  transform?(code: string, id: string): Promise<{ code: string; map: null } | null>;
  configureVitest?(context: VitestPluginContext): void;
}

/** The part of the Vitest instance (`Vitest` from configureVitest, or a reporter's `ctx`) the live verdict reads. */
interface VitestLike {
  config: { root: string; watch?: boolean };
  /** vitest >= 3.1: called when vitest closes (the end of a watch session). */
  onClose?(fn: () => void | Promise<void>): void;
  projects: Array<{ config: { root: string; dir?: string; include: string[]; exclude: string[] } }>;
  logger: { log(text: string): void };
}

/**
 * patchprobe inside vitest: `?patchprobe=base` imports, the `toBehaveLike` matcher, and after
 * every run a compact verdict of the working tree against `base` (static evidence and property
 * probes; `patchprobe verify` gives the full before/after test matrix).
 */
export function patchprobe(options: PatchprobePluginOptions = {}): PatchprobeVitePlugin[] {
  const base = options.base ?? OPTION_DEFAULTS.base;
  const failOn: readonly Verdict[] = options.failOn ?? FAIL_ON_DEFAULTS.plugin;
  const mode = options.report ?? 'summary';
  let root = process.cwd();
  let baseModules: ReturnType<typeof baseQueryPlugin> | undefined;
  const baseModulesOf = (): ReturnType<typeof baseQueryPlugin> => (baseModules ??= baseQueryPlugin({ root, base }));
  let last: { fingerprint: string; report: Report } | undefined;
  // In watch mode, the vitest processes of the live verdict's recording and probe runs are kept
  // from one verdict to the next (core's InspectSession), and stopped when vitest closes.
  let session: InspectSession | undefined;
  let sessionClosing = false;
  // patchprobe's own runs of this project (verify, probes) need no verdict inside the verdict.
  const verdictWanted = (): boolean => !(mode === 'off' && failOn.length === 0) && process.env.PATCHPROBE_CHILD !== '1';

  /** The verdict after a run: vitest >= 3.1 calls it from onTestRunEnd, older ones from onFinished. */
  const liveVerdict = async (vitest: VitestLike): Promise<void> => {
    const log = (text: string): void => vitest.logger.log(text);
      const t0 = performance.now();
      try {
        const fingerprint = await changeFingerprint(vitest.config.root, base);
        if (fingerprint === null) {
          if (mode !== 'off') log(`\n patchprobe  no change against ${base}\n`);
          return;
        }
        // Watch mode reruns after every save; the same change needs the same verdict only once.
        if (last?.fingerprint !== fingerprint) {
          const { inspectChange, openInspectSession } = await loadCore();
          // Kept only where vitest says when it closes; otherwise closed after this verdict, as its
          // processes would keep `vitest run` from exiting.
          const keep = vitest.config.watch === true && typeof vitest.onClose === 'function';
          if (!session) {
            session = openInspectSession();
            if (keep && !sessionClosing) {
              sessionClosing = true;
              vitest.onClose?.(async () => {
                const closing = session;
                session = undefined;
                await closing?.close();
              });
            }
          }
          const report = await inspectChange({
            cwd: vitest.config.root,
            base,
            session,
            testPatterns: vitest.projects.map((p) => ({ dir: p.config.dir ?? p.config.root, include: p.config.include, exclude: p.config.exclude })),
            ...(options.probes?.runs !== undefined ? { probeRuns: options.probes.runs } : {}),
            ...(options.probes?.timeoutMs !== undefined ? { probeTimeoutMs: options.probes.timeoutMs } : {}),
            ...(options.probes?.enabled === false ? { probes: false } : {}),
          }).finally(async () => {
            if (keep) return;
            await session?.close();
            session = undefined;
          });
          last = { fingerprint, report };
        }
        const report = last.report;
        if (mode !== 'off') log(renderLiveVerdict(report, { base, full: mode === 'full', durationMs: performance.now() - t0 }));
        if (failOn.includes(report.verdict)) {
          log(` patchprobe  failing the run: the verdict is ${report.verdict}, which is in failOn (${failOn.join(', ')})\n`);
          process.exitCode = 1;
        }
      } catch (error) {
        const line = isPatchprobeError(error) ? error.oneLine : error instanceof Error ? error.message : String(error);
        log(`\n patchprobe  could not compute the verdict: ${line}\n`);
        // A gate that cannot decide must not pass silently.
        if (failOn.length > 0) process.exitCode = 1;
      }
  };

  const main: PatchprobeVitePlugin = {
    name: 'patchprobe',
    enforce: 'pre',
    // The setup file imports `vitest`: it must be the project's own (a monorepo can hold several).
    config(user) {
      const dedupe = { resolve: { dedupe: ['vitest'] } };
      if (!isLegacy(installedVitest(user?.root ? path.resolve(user.root) : process.cwd()))) return dedupe;
      // vitest 0.34–3.0: the setup file and the verdict's reporter go in through the config. A
      // reporters list from the user is kept (vite appends ours); none means vitest's default one.
      const reporter = {
        ctx: undefined as VitestLike | undefined,
        onInit(ctx: VitestLike) {
          this.ctx = ctx;
        },
        async onFinished() {
          if (!this.ctx || !verdictWanted()) return;
          await liveVerdict(this.ctx);
        },
      };
      ensureDeriveCache();
      return { ...dedupe, test: { setupFiles: [SETUP_FILE], reporters: [...(user?.test?.reporters === undefined ? ['default'] : []), reporter, { onPathsCollected: prederiveReporter.onPathsCollected }] } };
    },
    configResolved(config) {
      root = config.root;
      const problem = pluginVersionProblem(installedVitest(root));
      if (!problem) return;
      // A gate must not pass because the plugin could not run: with failOn, the run stops here.
      if (failOn.length > 0) throw new Error(`patchprobe: ${problem}`);
      const flags = globalThis as unknown as Record<symbol, boolean>;
      if (flags[VERSION_WARNED]) return;
      flags[VERSION_WARNED] = true;
      console.warn(`\n patchprobe  ${problem}\n`);
    },
    resolveId(this: unknown, source, importer, resolveOptions) {
      return baseModulesOf().resolveId.call(this as never, source, importer, resolveOptions);
    },
    load(id) {
      return baseModulesOf().load(id);
    },
    configureVitest(context) {
      const { vitest, project } = context;
      // fsModuleCache keys on the file on disk; the base plugin adds the base blob to the key.
      baseModulesOf().configureVitest?.(context as never);
      // Every project gets the matcher; the verdict is printed once per run, by the root.
      if (!project.config.setupFiles.includes(SETUP_FILE)) project.config.setupFiles.push(SETUP_FILE);
      // Projects that extend the root config may load it again, each with its own plugin instance:
      // mark the vitest instance itself so the verdict is printed once per run.
      const marked = vitest as unknown as Record<symbol, boolean>;
      if (!marked[PREDERIVE_MARK]) {
        marked[PREDERIVE_MARK] = true;
        ensureDeriveCache();
        (vitest.config.reporters as unknown[]).push({ onTestRunStart: prederiveReporter.onTestRunStart });
      }
      if (marked[REPORTER_MARK]) return;
      marked[REPORTER_MARK] = true;
      if (!verdictWanted()) return;
      (vitest.config.reporters as unknown[]).push({ onTestRunEnd: () => liveVerdict(vitest as unknown as VitestLike) });
    },
  };

  const tagger: PatchprobeVitePlugin = {
    name: 'patchprobe:tag-exports',
    enforce: 'post',
    async transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`) || !/\.[cm]?[jt]sx?$/.test(file)) return null;
      // Base modules keep their query in the tag: the matcher strips it to find the current types.
      const out = await tagExports(code, id.endsWith(BASE_QUERY_SUFFIX) ? id : file);
      return out === null ? null : { code: out, map: null };
    },
  };

  return [main, tagger];
}
