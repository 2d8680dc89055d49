// Process timing helpers shared by run.mjs and selfcheck.mjs.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The command that runs a project's own vitest: `<dir>/node_modules/.bin/vitest`.
 *
 * The bench's projects link node_modules (createExampleRepo and the generator both symlink it),
 * and pnpm's .bin shims locate vitest relative to their own path (`$basedir/../../../node_modules
 * /.pnpm/...`), which points nowhere when the shim is reached through the link. Running the shim
 * by its real path keeps those relative paths right. Falls back to `node <vitest>/vitest.mjs`.
 * @returns {{ command: string, args: string[] }}
 */
export function projectVitest(dir) {
  const shim = path.join(dir, 'node_modules', '.bin', 'vitest');
  if (fs.existsSync(shim)) return { command: fs.realpathSync(shim), args: [] };
  const entry = path.join(dir, 'node_modules', 'vitest', 'vitest.mjs');
  if (fs.existsSync(entry)) return { command: process.execPath, args: [fs.realpathSync(entry)] };
  throw new Error(`no vitest installed in ${dir} (looked for node_modules/.bin/vitest)`);
}

const running = new Set();

let clockTicks;
/**
 * CPU time (user + system, ms) of this process's waited-for children and their waited-for
 * descendants so far: `cutime + cstime` of /proc/self/stat. When a spawned process has exited and
 * been reaped, its CPU time and that of its own reaped children (vitest's workers, git) is added
 * here, so the difference around one timeProcess call is the CPU time of that process tree. Much
 * less sensitive than wall time to other load on the machine. Linux only; null elsewhere.
 */
export function childrenCpuMs() {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which is in parentheses and may hold spaces): state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[13]) + Number(fields[14])) / clockTicks) * 1000; // cutime, cstime (fields 16, 17)
  } catch {
    return null;
  }
}

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {}
  }
}

/** Ends every process timeProcess started that is still running (for SIGINT handlers). */
export function killRunning() {
  for (const child of running) killGroup(child);
}

/**
 * Spawns a process, captures its output and measures its wall time with process.hrtime, from just
 * before spawn to the 'close' event (all output read), and on Linux the CPU time of the process
 * and its reaped descendants (`cpuMs`, see childrenCpuMs; meaningful when one process runs at a time).
 * @returns {Promise<{ ms: number, cpuMs: number | null, code: number | null, signal: string | null, stdout: string, stderr: string, timedOut: boolean, spawnError?: string }>}
 */
export function timeProcess(command, args, { cwd, env, timeoutMs = 0 } = {}) {
  return new Promise((resolve) => {
    const out = [];
    const err = [];
    let timedOut = false;
    let timer;
    const cpu0 = childrenCpuMs();
    const t0 = process.hrtime.bigint();
    // Own process group, so a timeout (or Ctrl-C of the bench) ends the process and its workers.
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    if (timeoutMs > 0) {
      timer = setTimeout(() => {
        timedOut = true;
        killGroup(child);
      }, timeoutMs);
    }
    let spawnError;
    child.on('error', (e) => {
      spawnError = e.message;
    });
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu1 = childrenCpuMs();
      running.delete(child);
      clearTimeout(timer);
      resolve({
        ms,
        cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        ...(spawnError ? { spawnError } : {}),
      });
    });
  });
}

export const stripAnsi = (s) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/**
 * Reads vitest's end-of-run summary ("Test Files  200 passed (200)", "Tests  1000 passed (1000)").
 * @returns {{ files?: { passed: number, failed: number, total: number }, tests?: { passed: number, failed: number, skipped: number, total: number } }}
 */
export function parseVitestSummary(output) {
  const text = stripAnsi(output);
  const read = (label) => {
    const m = new RegExp(`^\\s*${label}\\s+(.*)\\((\\d+)\\)\\s*$`, 'm').exec(text);
    if (!m) return undefined;
    const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(m[1])?.[1] ?? 0);
    return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), total: Number(m[2]) };
  };
  const result = {};
  const files = read('Test Files');
  const tests = read('Tests');
  if (files) result.files = files;
  if (tests) result.tests = tests;
  const duration = /^\s*Duration\s+(.*)$/m.exec(text);
  if (duration) result.vitestDuration = duration[1].trim();
  return result;
}

/** Last non-empty line of a text (for recording an error). */
export function lastLine(text) {
  const lines = stripAnsi(text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? '';
}

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
