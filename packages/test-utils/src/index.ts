import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { execa, type ResultPromise } from 'execa';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
export const CLI_BIN = path.join(REPO_ROOT, 'packages/cli/bin/patchprobe.js');

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@patchprobe.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@patchprobe.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

export interface GitRepo {
  dir: string;
  git(...args: string[]): Promise<string>;
  write(file: string, content: string): void;
  cleanup(): void;
}

/** A real git repository in a temp dir with the given files committed on `main`. */
export async function createGitRepo(files: Record<string, string>, options: { nodeModulesFrom?: string } = {}): Promise<GitRepo> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-test-repo-')));
  const git = async (...args: string[]): Promise<string> => (await execa('git', args, { cwd: dir, env: GIT_ENV })).stdout;
  const write = (file: string, content: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  };
  for (const [file, content] of Object.entries(files)) write(file, content);
  if (options.nodeModulesFrom) fs.symlinkSync(fs.realpathSync(path.join(options.nodeModulesFrom, 'node_modules')), path.join(dir, 'node_modules'));
  if (!files['.gitignore']) write('.gitignore', 'node_modules\n');
  await git('init', '-q', '-b', 'main');
  await git('config', 'commit.gpgsign', 'false');
  await git('config', 'gc.auto', '0');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'base');
  return { dir, git, write, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A hash of everything patchprobe promises not to touch: every file under .git (content, mode,
 * mtime: an index refresh rewrites the file even when the content is equal) and every file of the
 * working tree outside node_modules (content, mode, mtime).
 */
export function repoState(dir: string): string {
  const hash = createHash('sha256');
  const walk = (abs: string, rel: string): void => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const childAbs = path.join(abs, entry.name);
      const childRel = `${rel}/${entry.name}`;
      if (entry.name === 'node_modules' && rel === '') continue;
      const st = fs.lstatSync(childAbs);
      if (entry.isDirectory()) {
        hash.update(`d ${childRel} ${st.mode}\n`);
        walk(childAbs, childRel);
      } else if (entry.isSymbolicLink()) hash.update(`l ${childRel} ${fs.readlinkSync(childAbs)}\n`);
      else hash.update(`f ${childRel} ${st.mode} ${st.mtimeMs} ${createHash('sha256').update(fs.readFileSync(childAbs)).digest('hex')}\n`);
    }
  };
  walk(dir, '');
  return hash.digest('hex');
}

export interface CliResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

/** Spawns the built CLI exactly as a user would. */
export function spawnCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): ResultPromise<{ reject: false }> {
  return execa(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { NO_COLOR: '1', ...options.env },
    reject: false,
  }) as ResultPromise<{ reject: false }>;
}

export async function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const r = await spawnCli(args, options);
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Temp folders patchprobe created (patchprobe-*) that still exist. */
export function leftoverTempDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('patchprobe-'));
}

/** Pids of live processes whose working directory is inside `dir` (Linux /proc). */
export function processesUnder(dir: string): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${name}/cwd`);
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (cwd.startsWith(dir) && !/\) Z /.test(stat)) out.push(Number(name));
    } catch {
      // process gone or not ours
    }
  }
  return out;
}

/** Pids of live children of `parent` whose command line holds `needle` (Linux /proc). */
export function childProcessesWith(parent: number, needle: string): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const [, rest = ''] = fs.readFileSync(`/proc/${name}/stat`, 'utf8').split(') ');
      const [state, ppid] = rest.split(' ');
      if (Number(ppid) === parent && state !== 'Z' && fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle)) out.push(Number(name));
    } catch {
      // process gone or not ours
    }
  }
  return out;
}

/** A fresh, empty temp folder to use as TMPDIR for one CLI run, so its leftovers can be checked. */
export function isolatedTmp(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-tmpdir-')));
}

/** The installed vitest (4.1.x) that tiny test projects borrow: an example's node_modules. */
const BORROWED_NODE_MODULES = path.join(EXAMPLES, 'fix-with-test');

/**
 * A minimal ESM project with vitest installed (linked, not installed) and `files` committed: the
 * usual subject of an end-to-end test that needs a real vitest run but no particular example.
 */
export function createVitestProject(files: Record<string, string>, options: { withVitest?: boolean } = {}): Promise<GitRepo> {
  return createGitRepo(
    { 'package.json': '{"name":"p","private":true,"type":"module"}', ...files },
    options.withVitest === false ? {} : { nodeModulesFrom: BORROWED_NODE_MODULES },
  );
}

let validator: ValidateFunction | undefined;

/** Throws, listing every violation, unless `report` matches @patchprobe/core's report.schema.json. */
export function expectValidReport(report: unknown): void {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(
    JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'packages/core/report.schema.json'), 'utf8')) as object,
  );
  if (!validator(report)) throw new Error(`report does not match report.schema.json: ${JSON.stringify(validator.errors, null, 2)}`);
}
export { cpuMs, measureTimeScale, scaledMs, timeScale } from './time-scale.js';
export { FAST_TIER_VITEST, FULL_TIER, itFull, runsInTier } from './tier.js';

/**
 * Two tiny modules and their tests (src/half.ts, src/sum.ts, test/*.test.ts): the project of the
 * tests whose subject is the run around the suite (the cache, concurrent runs), not its findings.
 */
export const HALF_SUM_PROJECT: Readonly<Record<string, string>> = {
  'src/half.ts': 'export const half = (x: number) => x / 2;\n',
  'src/sum.ts': 'export const sum = (a: number, b: number) => a + b;\n',
  'test/half.test.ts': "import { expect, it } from 'vitest';\nimport { half } from '../src/half';\nit('halves', () => expect(half(4)).toBe(2));\nit('halves odd', () => expect(half(3)).toBe(1.5));\n",
  'test/sum.test.ts': "import { expect, it } from 'vitest';\nimport { sum } from '../src/sum';\nit('adds', () => expect(sum(1, 2)).toBe(3));\n",
};

/** Temp folders for one test file: `tempDir(prefix)` makes one, `cleanup()` removes them all. */
export function tempDirs(): { tempDir: (prefix: string) => string; cleanup: () => void } {
  const made: string[] = [];
  return {
    tempDir: (prefix) => {
      const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
      made.push(d);
      return d;
    },
    cleanup: () => {
      for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}
