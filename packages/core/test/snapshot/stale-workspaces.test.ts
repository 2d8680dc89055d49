import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OWNER_FILE, sweepStaleWorkspaces, writeOwnerRecord } from '../../src/snapshot/stale-workspaces.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-sweep-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The pid of a process that has exited (and been reaped): nothing runs under it now. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

function workspace(name: string, owner?: Record<string, unknown> | string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, 'after/src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'after/src/a.ts'), 'x'.repeat(1000));
  if (owner !== undefined) fs.writeFileSync(path.join(dir, OWNER_FILE), typeof owner === 'string' ? owner : JSON.stringify(owner));
  return dir;
}

const host = os.hostname();

describe('sweepStaleWorkspaces', () => {
  it('removes the workspaces whose owner is gone, and only those', async () => {
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      const dead = workspace('patchprobe-Dead01', { pid: deadPid(), host, startedAt: '', keep: false });
      const reused = workspace('patchprobe-Reuse1', { pid: live.pid, procStart: '1', host, startedAt: '', keep: false });
      const alive = workspace('patchprobe-Alive1', { pid: live.pid, host, startedAt: '', keep: false });
      const kept = workspace('patchprobe-Kept01', { pid: deadPid(), host, startedAt: '', keep: true });
      const otherHost = workspace('patchprobe-Other1', { pid: deadPid(), host: `${host}-elsewhere`, startedAt: '', keep: false });
      const noRecord = workspace('patchprobe-NoRec1');
      const garbled = workspace('patchprobe-Garbl1', '{"pid":');
      const notOurs = workspace('patchprobe-checkout', { pid: deadPid(), host, startedAt: '', keep: false });

      const result = await sweepStaleWorkspaces(root);

      expect(fs.existsSync(dead)).toBe(false);
      // A live pid whose process started at another time is a new process that reused the pid.
      expect(fs.existsSync(reused)).toBe(process.platform !== 'linux');
      for (const dir of [alive, kept, otherHost, noRecord, garbled, notOurs]) expect(fs.existsSync(dir), dir).toBe(true);
      expect(result.removed).toBe(process.platform === 'linux' ? 2 : 1);
      expect(result.bytes).toBeGreaterThanOrEqual(result.removed * 1000);
    } finally {
      live.kill('SIGKILL');
    }
  });

  it("never removes this process's own workspace", async () => {
    const dir = workspace('patchprobe-Self01');
    writeOwnerRecord(dir, false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host, keep: false });
    await sweepStaleWorkspaces(root);
    expect(fs.existsSync(dir)).toBe(true);
    // The record is renamed into place: no half-written temp file stays beside it.
    expect(fs.readdirSync(dir).sort()).toEqual([OWNER_FILE, 'after']);
  });

  it('a temp folder that cannot be read is no sweep and no error', async () => {
    expect(await sweepStaleWorkspaces(path.join(root, 'missing'))).toEqual({ removed: 0, bytes: 0 });
  });
});
