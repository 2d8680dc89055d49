import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killAllGroups } from '../process/processes.js';
import { WORKSPACE_PREFIX, writeOwnerRecord } from './stale-workspaces.js';

/**
 * The one place patchprobe writes: a folder under the OS temp dir, outside the user's repository
 * (vitest 4 would otherwise collect test files copied inside it, api-notes §2). It is removed when
 * the run ends, fails or is interrupted; a process 'exit' handler removes whatever a crash left,
 * and what a SIGKILL left is removed by the next run (stale-workspaces.ts).
 */
const live = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    killAllGroups();
    for (const dir of live) {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort at exit
      }
    }
  });
}

export interface TempWorkspace {
  readonly dir: string;
  /** Removes the folder unless `keep` is set; idempotent. */
  dispose(): Promise<void>;
}

export function createTempWorkspace(keep: boolean): TempWorkspace {
  installExitHook();
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), WORKSPACE_PREFIX)));
  if (!keep) live.add(dir);
  // Before anything else is written: a run killed with SIGKILL cannot clean up, and the next run
  // reads this to know the folder is free to remove (stale-workspaces.ts).
  writeOwnerRecord(dir, keep);
  return {
    dir,
    async dispose() {
      if (keep || !live.has(dir)) return;
      live.delete(dir);
      await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
