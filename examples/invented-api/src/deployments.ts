import { compareVersions } from './versions.js';

export type Environment = 'staging' | 'production';
export type Status = 'succeeded' | 'failed' | 'rolled-back';

export interface Deployment {
  /** Increasing with time: the log is append-only. */
  id: number;
  env: Environment;
  version: string;
  status: Status;
}

/** Deployments to one environment, oldest first. */
export function deploymentsTo(log: readonly Deployment[], env: Environment): Deployment[] {
  return log.filter((d) => d.env === env);
}

/** What runs in the environment now: its newest successful deployment. */
export function currentRelease(log: readonly Deployment[], env: Environment): Deployment | undefined {
  const runs = deploymentsTo(log, env);
  for (let i = runs.length - 1; i >= 0; i--) {
    if (runs[i].status === 'succeeded') return runs[i];
  }
  return undefined;
}

/** Where a rollback would go: the newest successful deployment before the current one. */
export function rollbackTarget(log: readonly Deployment[], env: Environment): Deployment | undefined {
  const current = currentRelease(log, env);
  if (!current) return undefined;
  const earlier = deploymentsTo(log, env).filter((d) => d.id < current.id);
  let index = -1;
  for (let i = earlier.length - 1; i >= 0; i--) {
    if (earlier[i].status === 'succeeded') {
      index = i;
      break;
    }
  }
  return index === -1 ? undefined : earlier[index];
}

/** Versions that succeeded on staging and are newer than what production runs, newest first. */
export function promotable(log: readonly Deployment[]): string[] {
  const live = currentRelease(log, 'production');
  const candidates = deploymentsTo(log, 'staging')
    .filter((d) => d.status === 'succeeded')
    .map((d) => d.version)
    .filter((v) => !live || compareVersions(v, live.version) > 0);
  return [...new Set(candidates)].sort((a, b) => compareVersions(b, a));
}
