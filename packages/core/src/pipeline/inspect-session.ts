import { createTempWorkspace, type TempWorkspace } from '../snapshot/temp-workspace.js';
import { probeChildEnv, SUITE_REPORTER } from '../suites/run-vitest.js';
import type { ProjectVitest } from '../suites/resolve-vitest.js';
import { VitestHost } from '../suites/vitest-host.js';

/** The two runs of a live verdict that start a vitest: the recording run and the probe run. */
export type InspectRole = 'record' | 'probe';

/** How long a host may take to start: node, and an import of the project's vitest. */
const HOST_START_MS = 60_000;

/**
 * What `inspectChange` keeps from one verdict to the next in a watch session (issue 18): one
 * process per run role that has the project's vitest loaded, so a verdict's recording run and probe
 * run each cost a vitest instance (its config, its server, a worker), not a process start and an
 * import of vitest too. Each verdict still makes its own copies, and each run its own vitest
 * instance rooted in them, closed after the run: nothing of one verdict's code is in the next.
 * The two hosts run side by side, as the two processes did.
 *
 * Close it when the session ends (the plugin does when vitest closes): until then its processes
 * keep the event loop alive.
 */
export class InspectSession {
  private readonly hosts = new Map<string, Promise<VitestHost | undefined>>();
  private workspace: TempWorkspace | undefined;
  private closed = false;

  /**
   * The host for `role` with `vitest` loaded, started on first use and again when the last one
   * died (a run past its time limit kills it) or the project's vitest changed. Undefined when none
   * can start: the run then spawns vitest as without a session.
   */
  async host(role: InspectRole, vitest: ProjectVitest, userRoot: string): Promise<VitestHost | undefined> {
    if (this.closed) return undefined;
    const key = `${role}\0${vitest.bin}`;
    const kept = await this.hosts.get(key);
    if (kept?.alive) return kept;
    for (const [other, host] of this.hosts) {
      if (other.startsWith(`${role}\0`)) {
        this.hosts.delete(other);
        void host.then((h) => h?.close(0));
      }
    }
    this.workspace ??= createTempWorkspace(false);
    const tmpDir = this.workspace.dir;
    const started = VitestHost.start({
      vitest,
      projectRoot: tmpDir,
      reporter: SUITE_REPORTER,
      env: probeChildEnv(tmpDir, userRoot),
      timeoutMs: HOST_START_MS,
      configsOnly: true,
    }).catch(() => undefined);
    this.hosts.set(key, started);
    return started;
  }

  /** Stops the hosts and removes the session's folder. A later verdict with this session spawns as without one. */
  async close(): Promise<void> {
    this.closed = true;
    const hosts = [...this.hosts.values()];
    this.hosts.clear();
    await Promise.all(hosts.map((h) => h.then((host) => host?.close(1_000))));
    await this.workspace?.dispose();
    this.workspace = undefined;
  }
}

/** A session for `inspectChange({ session })`: keep it while the project is watched, close it after. */
export function openInspectSession(): InspectSession {
  return new InspectSession();
}
