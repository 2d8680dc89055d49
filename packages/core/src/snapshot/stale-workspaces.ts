import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Workspaces left behind by runs that could not clean up (SIGKILL, the OOM killer, a power cut).
 * Each workspace carries an owner record written the moment it is created; a later run removes
 * the workspaces whose owner is provably gone, and only those: a live run's workspace, a kept one
 * (`--keep-temp`), one made on another host (a shared temp folder) and a folder without a record
 * are never touched.
 */
export const WORKSPACE_PREFIX = 'patchprobe-';
export const OWNER_FILE = '.patchprobe-owner.json';
/** mkdtemp's names: the prefix and six characters. Nothing else in the temp folder is looked at. */
const WORKSPACE_NAME = /^patchprobe-[A-Za-z0-9]{6}$/;

export interface WorkspaceOwner {
  pid: number;
  /** The process's start time as the kernel counts it (Linux /proc), to tell a reused pid apart. */
  procStart?: string;
  host: string;
  startedAt: string;
  keep: boolean;
}

export interface SweepResult {
  removed: number;
  bytes: number;
}

/** The start time of a process as /proc/<pid>/stat counts it (clock ticks since boot); Linux only. */
function procStartOf(pid: number | 'self'): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function writeOwnerRecord(dir: string, keep: boolean): void {
  const owner: WorkspaceOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), keep };
  const procStart = procStartOf('self');
  if (procStart) owner.procStart = procStart;
  // Written whole or not at all: a sweeper reading a half-written record would take a live run's
  // workspace for a dead one's.
  const tmp = path.join(dir, `${OWNER_FILE}.${process.pid}`);
  fs.writeFileSync(tmp, `${JSON.stringify(owner)}\n`);
  fs.renameSync(tmp, path.join(dir, OWNER_FILE));
}

/** Whether `owner` is a process that still runs (on doubt: yes, so that nothing live is removed). */
export function ownerAlive(owner: WorkspaceOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: a live process of another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  // The pid runs; on Linux it may be a new process that reused it.
  if (owner.procStart === undefined) return true;
  const now = procStartOf(owner.pid);
  return now === undefined || now === owner.procStart;
}

/**
 * The folder's owner, or undefined when it has no readable record: a workspace being created this
 * instant (the record follows mkdtemp within microseconds), one from a version of patchprobe before
 * the record, or a folder that only looks like a workspace. None of those is provably dead.
 */
function readOwner(dir: string): WorkspaceOwner | undefined {
  try {
    const o = JSON.parse(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8')) as Partial<WorkspaceOwner>;
    if (typeof o.pid === 'number' && o.pid > 0 && typeof o.host === 'string') return o as WorkspaceOwner;
  } catch {
    // no record, or not one this version wrote whole (records are renamed into place)
  }
  return undefined;
}

function isStale(dir: string): boolean {
  const owner = readOwner(dir);
  if (!owner || owner.keep || owner.host !== os.hostname()) return false;
  if (owner.pid === process.pid && owner.procStart === procStartOf('self')) return false;
  return !ownerAlive(owner);
}

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  const walk = async (p: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(p, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = path.join(p, e.name);
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) total += (await fs.promises.lstat(child).catch(() => ({ size: 0 }))).size;
    }
  };
  await walk(dir);
  return total;
}

/**
 * Removes the workspaces in `tmpRoot` (the OS temp folder) whose owner is gone; never throws (a
 * sweep that fails leaves things as they were, and the run goes on).
 */
export async function sweepStaleWorkspaces(tmpRoot: string = os.tmpdir()): Promise<SweepResult> {
  const result: SweepResult = { removed: 0, bytes: 0 };
  let names: string[];
  try {
    names = (await fs.promises.readdir(tmpRoot)).filter((n) => WORKSPACE_NAME.test(n));
  } catch {
    return result;
  }
  for (const name of names) {
    const dir = path.join(tmpRoot, name);
    try {
      if (!fs.lstatSync(dir).isDirectory() || !isStale(dir)) continue;
      const bytes = await sizeOf(dir);
      await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 3 });
      result.removed++;
      result.bytes += bytes;
    } catch {
      // another run removed it first, or it cannot be removed: not ours to fail on
    }
  }
  return result;
}
