import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLES } from '@patchprobe/test-utils';

// The vitest 4 warm mutation worker's two halves that can be checked without StrykerJS: the rewrite
// of vitest's pool (against the vitest 4 the examples install) and the decisions the rewritten pool
// asks for. The whole of it runs for real in mutation-stage.test.ts ("keeps the worker warm … v4").
type Runner = { isTerminated: boolean; stop: () => Promise<void>; stops: number };
type Task = { project: { serializedConfig: Record<string, unknown> }; context: { config?: unknown } };
type WarmPool = { patched: boolean; dropped: boolean; keeping(): boolean; keep(r: Runner, t: Task): boolean; reuse(r: Runner, t: Task): boolean };
const warm = (await import(pathToFileURL(path.resolve(import.meta.dirname, '../../assets/stryker-warm-worker.mjs')).href)) as {
  patchVitestPool: (source: string) => string | undefined;
  projectWarmPool: (dir: string) => string | undefined;
  projectWarmable: (dir: string) => boolean;
  createWarmPool: () => WarmPool;
};

type Resolved = { url: string; shortCircuit?: boolean };
const hooks = (await import(pathToFileURL(path.resolve(import.meta.dirname, '../../assets/stryker-runner-hooks.mjs')).href)) as {
  initialize: (data: { poolUrl?: string; vitestNodeUrl?: string }) => void;
  resolve: (specifier: string, context: { parentURL?: string }, next: (specifier: string, context: { parentURL?: string }) => Promise<Resolved>) => Promise<Resolved>;
};

const runner = (): Runner => {
  const r: Runner = { isTerminated: false, stops: 0, stop: async () => void r.stops++ };
  return r;
};
const task = (config: Record<string, unknown>): Task => ({ project: { serializedConfig: config }, context: {} });

describe('the vitest 4 warm mutation worker', () => {
  afterEach(() => {
    delete process.env.PATCHPROBE_WARM_WORKER;
  });

  it('finds the pool of the vitest 4 a project installs and rewrites its three places; none on vitest 3', () => {
    const chunk = warm.projectWarmPool(path.join(EXAMPLES, 'vitest-versions', 'v4'))!;
    expect(chunk).toMatch(/vitest[/\\]dist[/\\]chunks[/\\][^/\\]+\.js$/);
    const patched = warm.patchVitestPool(fs.readFileSync(chunk, 'utf8'))!;
    expect(patched).toContain('keep(runner, task) === true');
    expect(patched).toContain('reuse(runner, task) !== false');
    expect(patched).toContain('reason === "test-failure" && pool.queue.length === 0');
    expect(warm.projectWarmPool(path.join(EXAMPLES, 'vitest-versions', 'v3'))).toBeUndefined();
    // vitest 3 stays warm through tinypool instead.
    expect(warm.projectWarmable(path.join(EXAMPLES, 'vitest-versions', 'v3'))).toBe(true);
    expect(warm.projectWarmable(path.join(EXAMPLES, 'vitest-versions', 'v1'))).toBe(false);
  });

  it('leaves a pool that reads otherwise alone: a place missing or found twice means no rewrite at all', () => {
    const source = fs.readFileSync(warm.projectWarmPool(path.join(EXAMPLES, 'vitest-versions', 'v4'))!, 'utf8');
    expect(warm.patchVitestPool(source.replace('ctx.onCancel(() => pool.cancel());', 'ctx.onCancel(() => void pool.cancel());'))).toBeUndefined();
    const keepLine = source.split('\n').find((line) => line.includes('this.queue[0]?.task.isolate === false && isEqualRunner(runner, this.queue[0].task)'))!;
    expect(warm.patchVitestPool(`${source}\n${keepLine}\n}`)).toBeUndefined();
  });

  it('keeps a runner only while the warm worker is on, and hands it to a later run with that run\'s test name filter', () => {
    const pool = warm.createWarmPool();
    const r = runner();
    expect(pool.keep(r, task({ root: '/p' }))).toBe(false);
    process.env.PATCHPROBE_WARM_WORKER = '1';
    expect(pool.keep(r, task({ root: '/p', testNamePattern: undefined }))).toBe(true);
    // StrykerJS's per-test filter changes from run to run: the worker gets this run's with the run.
    const next = task({ root: '/p', testNamePattern: /halves/ });
    expect(pool.reuse(r, next)).toBe(true);
    expect(next.context.config).toEqual({ root: '/p', testNamePattern: /halves/ });
    expect(r.stops).toBe(0);
  });

  it('starts a fresh worker when anything else in the config changed, when the runner ended, and once dropped', () => {
    process.env.PATCHPROBE_WARM_WORKER = '1';
    const pool = warm.createWarmPool();
    const a = runner();
    pool.keep(a, task({ root: '/p', env: { A: '1' } }));
    expect(pool.reuse(a, task({ root: '/p', env: { A: '2' } }))).toBe(false);
    expect(a.stops).toBe(1);
    const b = runner();
    pool.keep(b, task({ root: '/p' }));
    b.isTerminated = true;
    expect(pool.reuse(b, task({ root: '/p' }))).toBe(false);
    const c = runner();
    pool.keep(c, task({ root: '/p' }));
    pool.dropped = true;
    expect(pool.reuse(c, task({ root: '/p' }))).toBe(false);
    expect(pool.keep(runner(), task({ root: '/p' }))).toBe(false);
    // A runner vitest itself keeps for the next task of the same run is not ours to judge.
    expect(pool.reuse(runner(), task({ root: '/other' }))).toBe(true);
  });

  it('makes StrykerJS\'s vitest runner import the project\'s vitest/node in place of its own, and resolves everything else as it is', async () => {
    const project = 'file:///p/node_modules/vitest/dist/node.js';
    hooks.initialize({ vitestNodeUrl: project });
    const next = async (specifier: string): Promise<Resolved> => ({ url: `file:///resolved/${specifier}` });
    const wrapper = 'file:///x/node_modules/@stryker-mutator/vitest-runner/dist/src/vitest-wrapper.js';
    expect(await hooks.resolve('vitest/node', { parentURL: wrapper }, next)).toEqual({ url: project, shortCircuit: true });
    // The project's own imports of vitest, and StrykerJS's other modules, are not touched.
    expect(await hooks.resolve('vitest/node', { parentURL: 'file:///p/vitest.config.ts' }, next)).toEqual({ url: 'file:///resolved/vitest/node' });
    expect(await hooks.resolve('vitest', { parentURL: wrapper }, next)).toEqual({ url: 'file:///resolved/vitest' });
  });
});
