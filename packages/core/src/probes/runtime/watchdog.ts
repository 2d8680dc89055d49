import { Worker } from 'node:worker_threads';

// A synchronous infinite loop in patched code blocks the thread that runs it for good: neither
// fast-check's timeout nor vitest's testTimeout can interrupt it (api-notes §6). A second thread
// can: it watches a timestamp the probe sets before every call and, when a call overstays, writes
// what was being called and kills the whole process. patchprobe then reports that call and runs
// the remaining functions in a fresh process.
const WORKER_SOURCE = `
const { workerData, parentPort } = process.getBuiltinModule('node:worker_threads');
const fs = process.getBuiltinModule('node:fs');
const { shared, hangFile } = workerData;
const state = new Int32Array(shared, 0, 4);
const times = new Float64Array(shared, 16, 2);
const text = new Uint8Array(shared, 32);
const { maxGrowthBytes } = workerData;
// Measured from here: the project's own setup (jsdom, big fixtures) may legitimately be large.
const baseline = process.memoryUsage.rss();
setInterval(() => {
  if (Atomics.load(state, 0) !== 1) return;
  // Runaway memory kills V8 with no chance to say which call did it; catch it before that.
  const memory = process.memoryUsage.rss() - baseline > maxGrowthBytes;
  if (!memory && Date.now() - times[0] <= times[1]) return;
  const len = Atomics.load(state, 2);
  let info = {};
  try { info = JSON.parse(new TextDecoder().decode(text.slice(0, len))); } catch {}
  const extremes = Array.isArray(info.extremes) && info.extremes.length > 0 ? { extremes: info.extremes } : {};
  fs.writeFileSync(hangFile, JSON.stringify({ type: 'hang', id: info.id, call: info.call, side: Atomics.load(state, 1) === 1 ? 'after' : 'before', reason: memory ? 'memory' : 'time', ...extremes }) + '\\n');
  process.kill(process.pid, 'SIGKILL');
}, 20);
parentPort.postMessage('ready');
`;

const TEXT_BYTES = 8192;

export class Watchdog {
  readonly #state: Int32Array;
  readonly #times: Float64Array;
  readonly #text: Uint8Array;
  readonly #worker: Worker;
  readonly #encoder = new TextEncoder();

  /**
   * Starts the watchdog thread and waits until it watches: a thread that has not started yet
   * cannot stop a loop the main thread enters right away.
   */
  static async start(hangFile: string, maxGrowthBytes = 1024 * 1024 * 1024): Promise<Watchdog> {
    const w = new Watchdog(hangFile, maxGrowthBytes);
    await new Promise<void>((resolve, reject) => {
      w.#worker.once('message', () => resolve());
      w.#worker.once('error', reject);
    });
    // From here on the watchdog must never keep the probe process alive on its own.
    w.#worker.unref();
    return w;
  }

  private constructor(hangFile: string, maxGrowthBytes: number) {
    const shared = new SharedArrayBuffer(32 + TEXT_BYTES);
    this.#state = new Int32Array(shared, 0, 4);
    this.#times = new Float64Array(shared, 16, 2);
    this.#text = new Uint8Array(shared, 32);
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { shared, hangFile, maxGrowthBytes } });
  }

  /** Names the call about to run (shown if it hangs), and why its arguments are extreme, if they are (realistic.ts). */
  describe(id: string, call: string, extremes: readonly string[] = []): void {
    const info = { id, call: call.length > 2000 ? `${call.slice(0, 2000)}…` : call, ...(extremes.length > 0 ? { extremes } : {}) };
    const bytes = this.#encoder.encode(JSON.stringify(info));
    const n = Math.min(bytes.length, TEXT_BYTES);
    this.#text.set(bytes.subarray(0, n));
    Atomics.store(this.#state, 2, n);
  }

  /** A call on one side starts; it may run for `limitMs`. */
  arm(side: 'before' | 'after', limitMs: number): void {
    this.#times[0] = Date.now();
    this.#times[1] = limitMs;
    Atomics.store(this.#state, 1, side === 'after' ? 1 : 0);
    Atomics.store(this.#state, 0, 1);
  }

  disarm(): void {
    Atomics.store(this.#state, 0, 0);
  }

  async stop(): Promise<void> {
    this.disarm();
    await this.#worker.terminate();
  }
}
