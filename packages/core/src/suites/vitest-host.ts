import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AbortedError } from '../errors.js';
import { killGroup, trackGroup } from '../process/processes.js';
import { selectProjects, type ProjectSelection } from './project-filter.js';
import type { ProjectVitest } from './resolve-vitest.js';

const HOST = fileURLToPath(new URL('../../assets/vitest-host.mjs', import.meta.url));
/** Output kept for a crash message: vitest prints the error last. */
const OUTPUT_TAIL = 64 * 1024;

export interface HostRunResult {
  durationMs: number;
  timedOut: boolean;
  /** The host's stdout and stderr since the run started (the tail), for a crash message. */
  output: string;
  /** What the run threw inside vitest (a globalSetup error, a config error met late). */
  error?: string;
}

interface HostMessage {
  type: 'ready' | 'init-failed' | 'done';
  id?: number;
  message?: string;
  error?: string;
  /** With 'ready': every project's name, in vitest's order. */
  projects?: string[];
  /** With 'done' of a 'related' job: the related test files (absolute), or null for all of them. */
  files?: string[] | null;
}

/**
 * One warm vitest for one tree (issue 18): the project's own vitest, loaded once through its Node
 * API in a child process (assets/vitest-host.mjs), that runs file sets on demand, as the CLI would
 * with the same config and reporter. A matrix run costs a run, not a process start, a config load
 * and a vite server: on the examples 0.2–0.3 s instead of 0.8–1.1 s.
 *
 * `start` gives undefined when this vitest has no rerun API the host knows (0.34–4.x all have one) or the
 * host cannot start: the caller then spawns `vitest run` per run, as before — a broken config
 * fails there with vitest's own message.
 */
export class VitestHost {
  private nextId = 0;
  private output = '';
  private pending: { id: number; resolve: (m: HostMessage | undefined) => void } | undefined;
  private dead = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** The projects this host runs, when the caller left some out (`skipProjects`). */
  selection: ProjectSelection | undefined;

  private readonly child: ChildProcess;

  private constructor(child: ChildProcess) {
    this.child = child;
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('message', (m: HostMessage) => {
      if (this.pending && m.type === 'done' && m.id === this.pending.id) this.settle(m);
    });
    child.on('exit', () => {
      this.dead = true;
      this.settle(undefined);
    });
  }

  /**
   * Starts the host; with `skipProjects`, every run leaves those projects out. A pattern that names
   * no project throws (a SetupError: the user's input is wrong), after the host is stopped.
   */
  static async start(input: {
    vitest: ProjectVitest;
    projectRoot: string;
    env: Record<string, string | undefined>;
    reporter: string;
    signal?: AbortSignal | undefined;
    timeoutMs: number;
    skipProjects?: readonly string[] | undefined;
    /**
     * No instance of the project's own: the host only runs other configs (`runConfig`), each
     * rooted where it says. The live verdict's hosts, kept from one verdict to the next.
     */
    configsOnly?: boolean;
  }): Promise<VitestHost | undefined> {
    const entry = nodeEntry(input.vitest);
    if (!entry || input.signal?.aborted) return undefined;
    const child = spawn(process.execPath, [HOST, entry, input.reporter, ...(input.configsOnly ? ['--configs-only'] : [])], {
      cwd: input.projectRoot,
      env: input.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    if (child.pid === undefined) return undefined;
    trackGroup(child.pid);
    const host = new VitestHost(child);
    const first = await new Promise<HostMessage | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), input.timeoutMs);
      const done = (m: HostMessage | undefined): void => {
        clearTimeout(timer);
        input.signal?.removeEventListener('abort', onAbort);
        resolve(m);
      };
      const onAbort = (): void => done(undefined);
      input.signal?.addEventListener('abort', onAbort, { once: true });
      child.once('message', (m: HostMessage) => done(m));
      child.once('exit', () => done(undefined));
    });
    if (first?.type !== 'ready') {
      host.kill();
      if (input.signal?.aborted) throw new AbortedError();
      return undefined;
    }
    if (input.skipProjects && input.skipProjects.length > 0) {
      try {
        host.selection = selectProjects(first.projects ?? [], input.skipProjects);
      } catch (error) {
        host.kill();
        throw error;
      }
      // Sent before any run: IPC keeps the order, so the first run already globs the kept projects.
      host.child.send({ type: 'keep-projects', names: host.selection.kept });
    }
    return host;
  }

  get alive(): boolean {
    return !this.dead;
  }

  /**
   * Runs `files` (absolute paths, or 'all') once; the reporter writes `outFile`. `invalidate`: files
   * changed on disk since the host last ran (overlays). Runs of one host never overlap (queued).
   * On a timeout or an abort the host is killed with its workers, like a spawned run.
   */
  run(job: { files: 'all' | string[]; outFile: string; invalidate: string[]; timeoutMs: number; signal?: AbortSignal | undefined }): Promise<HostRunResult> {
    return this.enqueue({ type: 'run', files: job.files, outFile: job.outFile, invalidate: job.invalidate }, job);
  }

  /**
   * Once the suites are over: `vitest run --config <config> --root <root> --reporter=dot
   * --passWithNoTests <files>` inside this host, with `env` over the host's own environment for the
   * run (null removes a variable). The project's own instance is closed by the first such run, so
   * `run` and `related` are over for this host. Saves the process start and the import of vitest
   * that a spawned run pays (the probes' recording run and probe module, issue 18).
   */
  runConfig(job: { config: string; root: string; files: string[]; env: Record<string, string | null>; timeoutMs: number; signal?: AbortSignal | undefined }): Promise<HostRunResult> {
    return this.enqueue({ type: 'run-config', config: job.config, root: job.root, files: job.files, env: job.env }, job);
  }

  /**
   * Closes the project's own vitest instance (its globalTeardown runs, as at the end of a CLI run)
   * and keeps the process for `runConfig`: the suites are over, and a server a globalSetup started
   * must not outlive them into StrykerJS's runs, which start their own.
   */
  async closeProject(timeoutMs: number): Promise<void> {
    await this.enqueue({ type: 'close-project' }, { timeoutMs });
  }

  private enqueue(message: Record<string, unknown>, limits: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<HostRunResult> {
    const next = this.queue.then(() => this.runNow(message, limits));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(request: Record<string, unknown>, job: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<HostRunResult> {
    if (job.signal?.aborted) throw new AbortedError();
    const started = performance.now();
    this.output = '';
    const id = ++this.nextId;
    let timedOut = false;
    const reply = new Promise<HostMessage | undefined>((resolve) => {
      this.pending = { id, resolve };
    });
    const timer = setTimeout(() => {
      timedOut = true;
      this.kill();
    }, job.timeoutMs);
    const onAbort = (): void => this.kill();
    job.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (this.dead) this.settle(undefined);
      else this.child.send({ ...request, id });
      const message = await reply;
      if (job.signal?.aborted) throw new AbortedError();
      return {
        durationMs: performance.now() - started,
        timedOut,
        output: this.output,
        ...(message === undefined ? { error: 'the vitest process exited during the run' } : message.error ? { error: message.error } : {}),
      };
    } finally {
      clearTimeout(timer);
      job.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * The test files that import any of `sources` (absolute paths), as `vitest related` finds them:
   * vite's module graph of each test file, static and dynamic imports. Undefined when every file is
   * related (a source is one of vitest's forceRerunTriggers, or this vitest cannot tell), or on an
   * error: the caller then runs them all.
   */
  related(sources: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<string[] | undefined> {
    const next = this.queue.then(async () => {
      if (this.dead || signal?.aborted) return undefined;
      const id = ++this.nextId;
      const reply = new Promise<HostMessage | undefined>((resolve) => {
        this.pending = { id, resolve };
      });
      const timer = setTimeout(() => this.settle(undefined), timeoutMs);
      try {
        this.child.send({ type: 'related', id, sources });
        const message = await reply;
        return message?.error === undefined && Array.isArray(message?.files) ? message.files : undefined;
      } finally {
        clearTimeout(timer);
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Lets vitest close (globalTeardown, coverage) for a moment, then kills what is left. */
  async close(graceMs = 5_000): Promise<void> {
    if (this.dead || this.child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      this.child.send({ type: 'close' });
    } catch {
      // the channel is already closed
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    this.kill();
  }

  kill(): void {
    this.dead = true;
    if (this.child.pid !== undefined) killGroup(this.child.pid);
    this.settle(undefined);
  }

  private settle(message: HostMessage | undefined): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(message);
  }
}

/** The project's `vitest/node` entry for `import`, from its package.json exports. */
function nodeEntry(vitest: ProjectVitest): string | undefined {
  let dir = path.dirname(vitest.bin);
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> };
    let target: unknown = pkg.exports?.['./node'];
    while (target && typeof target === 'object') {
      const t = target as Record<string, unknown>;
      target = t.import ?? t.default;
    }
    return typeof target === 'string' ? path.join(dir, target) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The warm vitest of each tree, started on first use, and the files changed on disk in each tree
 * since its host last ran (what the next run must invalidate).
 */
export class TreeHosts {
  private readonly started = new Map<'before' | 'after', Promise<VitestHost | undefined>>();
  private readonly dirty = { before: new Set<string>(), after: new Set<string>() };

  private readonly start: (tree: 'before' | 'after') => Promise<VitestHost | undefined>;

  constructor(start: (tree: 'before' | 'after') => Promise<VitestHost | undefined>) {
    this.start = start;
  }

  get(tree: 'before' | 'after'): Promise<VitestHost | undefined> {
    let host = this.started.get(tree);
    if (!host) this.started.set(tree, (host = this.start(tree)));
    return host;
  }

  /** Records files just written or removed in `tree`. */
  touched(tree: 'before' | 'after', files: readonly string[]): void {
    for (const f of files) this.dirty[tree].add(f);
  }

  /** Every file changed in `tree` since the last call (what its next run invalidates). */
  takeChanged(tree: 'before' | 'after'): string[] {
    const all = [...this.dirty[tree]];
    this.dirty[tree].clear();
    return all;
  }

  /** The tree's host, if one started, taken out of this set: `closeAll` leaves it to the caller. */
  release(tree: 'before' | 'after'): Promise<VitestHost | undefined> | undefined {
    const host = this.started.get(tree);
    this.started.delete(tree);
    return host;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.started.values()].map(async (p) => (await p.catch(() => undefined))?.close()));
  }
}
