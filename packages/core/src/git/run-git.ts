import { execa } from 'execa';
import { GIT_CONFIG, GIT_ENV } from './run-git-sync.js';
import { PatchprobeError } from '../errors.js';

/**
 * The only way core calls git. Every call is read-only with respect to the user's repository:
 * GIT_OPTIONAL_LOCKS=0 stops index refreshes (api-notes §7), hooks and pagers are off, and
 * callers never use porcelain that writes (status/diff against the work tree, stash, checkout).
 */
export interface GitOptions {
  cwd: string;
  /** Extra environment, e.g. GIT_INDEX_FILE pointing at a private index. */
  env?: Record<string, string>;
  input?: string;
  /** Return stdout as a Buffer-free string even on failure instead of throwing. */
  allowFailure?: boolean;
}

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class GitCommandError extends PatchprobeError {
  readonly args: readonly string[];
  readonly stderr: string;
  constructor(args: readonly string[], exitCode: number, stderr: string) {
    super('PP_GIT_FAILED', `git ${args[0] ?? ''} failed (exit ${exitCode}): ${firstLine(stderr) || 'no message'}`, {
      hint: 'check that git works in this repository',
    });
    this.args = args;
    this.stderr = stderr;
  }
}

export function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}


export async function runGit(args: readonly string[], options: GitOptions): Promise<GitResult> {
  const result = await execa('git', [...GIT_CONFIG, ...args], {
    cwd: options.cwd,
    env: { ...GIT_ENV, ...options.env },
    input: options.input,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 512 * 1024 * 1024,
  });
  const out: GitResult = { exitCode: result.exitCode ?? 1, stdout: result.stdout, stderr: result.stderr };
  if (out.exitCode !== 0 && !options.allowFailure) throw new GitCommandError(args, out.exitCode, out.stderr);
  return out;
}

