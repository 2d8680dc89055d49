// Node builtins only: the `?patchprobe=base` vite plugin imports this, and it is loaded by the
// project's vite config bundler.
import { execFileSync } from 'node:child_process';

/** Read-only git for every call patchprobe makes: no hooks, no pager, no index refresh (api-notes §7), no prompts. */
export const GIT_CONFIG: readonly string[] = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.pager=cat'];
export const GIT_ENV = { GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } as const;

/**
 * runGit for the few callers that cannot wait: the `?patchprobe=base` vite plugin answers module
 * lookups synchronously. Same read-only settings; returns stdout, throws on a non-zero exit
 * (the error's message holds git's stderr).
 */
export function runGitSync(args: readonly string[], cwd: string): string {
  return execFileSync('git', [...GIT_CONFIG, ...args], {
    cwd,
    encoding: 'utf8',
    // The file list of a large monorepo, or a large generated file, exceeds the 1 MiB default.
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...GIT_ENV },
  });
}
