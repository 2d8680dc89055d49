import { UsageError } from '../errors.js';
import { locateRepo, resolveCommit } from './repo.js';
import { runGit, GitCommandError } from './run-git.js';

/** Where the gate's base came from. */
export type CiBaseSource = 'flag' | 'github' | 'gitlab';

export interface CiBaseOptions {
  /** A folder inside the repository. */
  cwd: string;
  /** `--base REV`: the target branch or commit; wins over the CI environment. */
  base?: string;
  /** The revision after the patch. @default 'HEAD' */
  head?: string;
  /** The environment to read GITHUB_BASE_REF and GitLab's CI_MERGE_REQUEST_* from. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface CiBase {
  /** The "before" commit: the merge-base of the target and head (or GitLab's exact diff base). */
  commit: string;
  /** The "after" commit. */
  head: string;
  /** The target as a person names it: `origin/main`, `main`, a commit. */
  target: string;
  source: CiBaseSource;
  /** One line for people, e.g. "merge-base of origin/main (GITHUB_BASE_REF) and HEAD". */
  description: string;
}

/**
 * The base a CI gate compares against: `--base` if given, else the pull request's target branch
 * (GITHUB_BASE_REF on GitHub, CI_MERGE_REQUEST_DIFF_BASE_SHA or _TARGET_BRANCH_NAME on GitLab),
 * reduced to its merge-base with head, as `git diff TARGET...HEAD` does. Read-only: it never
 * fetches and never writes a ref. A target missing from the clone (a shallow checkout, usually)
 * is a UsageError whose hint says how to fetch it.
 */
export async function resolveCiBase(options: CiBaseOptions): Promise<CiBase> {
  const env = options.env ?? process.env;
  const { root } = await locateRepo(options.cwd);
  const headRev = options.head ?? 'HEAD';
  const head = await resolveCommit(root, headRev, '--head');
  const ctx: Context = { root, head, headRev, shallow: await isShallow(root), ci: ciKind(env) };

  if (options.base !== undefined) {
    if (options.base === '' || options.base.startsWith('-')) throw new UsageError(`--base ${options.base} is not a revision`, 'pass a branch, tag or commit');
    const commit = await tryCommit(root, options.base);
    if (!commit) throw missingBase(ctx, `--base ${options.base}`, branchOf(options.base));
    return withMergeBase(ctx, { commit, target: options.base, source: 'flag', from: '--base' });
  }

  const githubRef = nonEmpty(env.GITHUB_BASE_REF);
  if (githubRef) return fromBranch(ctx, githubRef, 'github', 'GITHUB_BASE_REF');

  const gitlabTarget = nonEmpty(env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME);
  const gitlabDiffBase = nonEmpty(env.CI_MERGE_REQUEST_DIFF_BASE_SHA);
  if (gitlabDiffBase) {
    // GitLab computed the merge-base itself; use it when the clone has that commit.
    const commit = await tryCommit(root, gitlabDiffBase);
    if (commit) {
      return { commit, head, target: gitlabDiffBase, source: 'gitlab', description: `merge-base of ${gitlabTarget ?? 'the target branch'} and ${headRev} (CI_MERGE_REQUEST_DIFF_BASE_SHA)` };
    }
    if (!gitlabTarget) throw missingBase(ctx, `the merge request's base commit ${gitlabDiffBase.slice(0, 12)} (CI_MERGE_REQUEST_DIFF_BASE_SHA)`, undefined);
  }
  if (gitlabTarget) return fromBranch(ctx, gitlabTarget, 'gitlab', 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME');

  throw new UsageError(
    'cannot tell the base: this is not a pull request or merge request pipeline (GITHUB_BASE_REF and CI_MERGE_REQUEST_TARGET_BRANCH_NAME are unset)',
    'pass --base REV, e.g. --base origin/main',
  );
}

interface Context {
  root: string;
  head: string;
  headRev: string;
  shallow: boolean;
  ci: 'github' | 'gitlab' | undefined;
}

async function fromBranch(ctx: Context, branch: string, source: CiBaseSource, variable: string): Promise<CiBase> {
  if (branch.startsWith('-')) throw new UsageError(`${variable}=${branch} is not a branch name`, 'pass --base REV');
  // The remote-tracking branch first: in CI the local branch, if any, is rarely up to date.
  for (const [ref, name] of [[`refs/remotes/origin/${branch}`, `origin/${branch}`], [branch, branch]] as const) {
    const commit = await tryCommit(ctx.root, ref);
    if (commit) return withMergeBase(ctx, { commit, target: name, source, from: variable });
  }
  throw missingBase(ctx, `the base branch origin/${branch} (from ${variable})`, branch);
}

async function withMergeBase(ctx: Context, t: { commit: string; target: string; source: CiBaseSource; from: string }): Promise<CiBase> {
  const r = await runGit(['merge-base', t.commit, ctx.head], { cwd: ctx.root, allowFailure: true });
  // merge-base exits 1 with no output when there is no common ancestor; anything else is a failure.
  if (r.exitCode > 1) throw new GitCommandError(['merge-base', t.commit, ctx.head], r.exitCode, r.stderr);
  const commit = r.stdout.trim();
  if (r.exitCode === 1 || commit === '') {
    if (ctx.shallow) {
      throw new UsageError(
        `${t.target} and ${ctx.headRev} have no common commit in this clone (a shallow checkout: the history where they fork is missing)`,
        fetchRemedy(ctx, branchOf(t.target)),
      );
    }
    throw new UsageError(`${t.target} and ${ctx.headRev} have no common ancestor (unrelated histories)`, 'pass the revision to compare with as --base REV');
  }
  const label = t.source === 'flag' ? t.target : `${t.target} (${t.from})`;
  return { commit, head: ctx.head, target: t.target, source: t.source, description: `merge-base of ${label} and ${ctx.headRev}` };
}

function missingBase(ctx: Context, what: string, branch: string | undefined): UsageError {
  if (ctx.shallow) return new UsageError(`${what} is not in this clone (a shallow checkout)`, fetchRemedy(ctx, branch));
  return new UsageError(`${what} is not in this clone`, fetchRemedy(ctx, branch));
}

/** How to get the missing history, for the CI at hand; every command here was tried on real clones. */
function fetchRemedy(ctx: Context, branch: string | undefined): string {
  const ways: string[] = [];
  if (ctx.ci === 'github') ways.push('check out with actions/checkout `fetch-depth: 0`');
  if (ctx.ci === 'gitlab') ways.push('set the CI variable `GIT_DEPTH: 0`');
  // A single-branch clone ignores `git fetch origin main` for origin/main: name the refspec.
  if (branch) ways.push(`run \`git fetch --no-tags ${ctx.shallow ? '--deepen=200 ' : ''}origin +refs/heads/${branch}:refs/remotes/origin/${branch}\` first`);
  else ways.push(ctx.shallow ? 'run `git fetch --no-tags --unshallow origin` first' : 'fetch it first');
  return ways.join(', or ');
}

/** The branch a revision names, for a fetch hint: `origin/main` → `main`; none for a commit or an expression. */
function branchOf(rev: string): string | undefined {
  if (/^[0-9a-f]{7,64}$/i.test(rev) || /[~^:@{}\\\s]/.test(rev)) return undefined;
  return rev.replace(/^(refs\/remotes\/)?origin\//, '').replace(/^refs\/heads\//, '');
}

async function tryCommit(root: string, rev: string): Promise<string | undefined> {
  const r = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { cwd: root, allowFailure: true });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

async function isShallow(root: string): Promise<boolean> {
  const r = await runGit(['rev-parse', '--is-shallow-repository'], { cwd: root, allowFailure: true });
  return r.stdout.trim() === 'true';
}

function ciKind(env: Readonly<Record<string, string | undefined>>): Context['ci'] {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}
