import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGitRepo, createVitestProject, type GitRepo } from '@patchprobe/test-utils';

export const TEST = "import { it, expect } from 'vitest';\nimport { add } from './src/add.js';\nit('adds', () => expect(add(1, 2)).toBe(3));\n";
export const ADD = 'export function add(a, b) {\n  return a + b;\n}\n';
const ADD_CHANGED = 'export function add(a, b) {\n  return b + a;\n}\n';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@patchprobe.invalid', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@patchprobe.invalid', GIT_CONFIG_NOSYSTEM: '1' };

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/**
 * The throwaway folders the bad-input cases share, each made once on first use and named by a
 * placeholder (`<repo>`, `<tmp>`…) that replaces its path in the docs table.
 */
export class Fixtures {
  /** A scratch folder for files the cases write (patches, partial results, read-only folders). */
  readonly tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bad-inputs-')));
  private readonly places = new Map<string, string>([[this.tmp, '<tmp>']]);
  private readonly repos: GitRepo[] = [];
  private readonly memo = new Map<string, Promise<string>>();

  /** `key`'s folder, made by `make` the first time it is asked for, shown as `<key>`. */
  private once(key: string, make: () => Promise<string>): Promise<string> {
    let p = this.memo.get(key);
    if (!p) {
      p = make().then((dir) => {
        this.places.set(dir, `<${key}>`);
        return dir;
      });
      this.memo.set(key, p);
    }
    return p;
  }

  private async keep(repo: Promise<GitRepo>): Promise<GitRepo> {
    const r = await repo;
    this.repos.push(r);
    return r;
  }

  /** A file under <tmp>. */
  file(name: string, content: string | Buffer): string {
    const file = path.join(this.tmp, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  /** A project with vitest (linked) and two commits on main: `add` then a change to it. */
  repo(): Promise<string> {
    return this.once('repo', async () => {
      const r = await this.keep(createVitestProject({ 'src/add.js': ADD, 'add.test.ts': TEST }));
      r.write('src/add.js', ADD_CHANGED);
      await r.git('commit', '-qam', 'swap the operands');
      return r.dir;
    });
  }

  /**
   * A project with the given files, vitest linked unless told otherwise, one commit; and in the
   * working tree a change to src/add.js (so a plain `verify` has something to run).
   */
  project(key: string, files: Record<string, string>, options: { withVitest?: boolean } = {}): Promise<string> {
    return this.once(key, async () => {
      const r = await this.keep(createVitestProject(files, options));
      r.write('src/add.js', ADD_CHANGED);
      return r.dir;
    });
  }

  /** A git repository (no package.json) with the given files and, in the working tree, a change to src/add.js. */
  plainRepo(key: string, files: Record<string, string>): Promise<string> {
    return this.once(key, async () => {
      const r = await this.keep(createGitRepo(files));
      r.write('src/add.js', ADD_CHANGED);
      return r.dir;
    });
  }

  /** A folder outside any git repository. */
  notGit(): Promise<string> {
    return this.once('not-git', async () => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-not-git-'))));
  }

  /** `git init` and nothing committed. */
  noCommits(): Promise<string> {
    return this.once('no-commits', async () => {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-no-commits-')));
      git(dir, 'init', '-q', '-b', 'main');
      return dir;
    });
  }

  /**
   * A single-branch `git clone --depth 1` of a repository where `feature` forked from main, and
   * main moved on since: the clone has feature's tip only, no main and no parent.
   */
  shallow(): Promise<string> {
    return this.once('shallow', async () => {
      const src = await this.keep(createVitestProject({ 'src/add.js': ADD, 'add.test.ts': TEST }));
      await src.git('checkout', '-qb', 'feature');
      src.write('src/add.js', ADD_CHANGED);
      await src.git('commit', '-qam', 'feature');
      await src.git('checkout', '-q', 'main');
      src.write('README.md', 'main moved on\n');
      await src.git('add', '-A');
      await src.git('commit', '-qm', 'main');
      const dir = path.join(this.tmp, 'shallow-clone');
      git(this.tmp, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${src.dir}`, dir);
      return dir;
    });
  }

  /** A repository whose `unrelated` branch shares no history with main. */
  unrelated(): Promise<string> {
    return this.once('unrelated', async () => {
      const r = await this.keep(createVitestProject({ 'src/add.js': ADD, 'add.test.ts': TEST }));
      await r.git('checkout', '-q', '--orphan', 'unrelated');
      r.write('other.txt', 'another project\n');
      await r.git('add', '-A');
      await r.git('commit', '-qm', 'unrelated root');
      await r.git('checkout', '-q', 'main');
      return r.dir;
    });
  }

  /** The project with two commits at a detached HEAD (the parent of main's tip checked out, then the tip). */
  detached(): Promise<string> {
    return this.once('detached', async () => {
      const r = await this.keep(createVitestProject({ 'src/add.js': ADD, 'add.test.ts': TEST }));
      r.write('src/add.js', ADD_CHANGED);
      await r.git('commit', '-qam', 'swap the operands');
      await r.git('checkout', '-q', '--detach', 'HEAD');
      return r.dir;
    });
  }

  /** The project with two commits, moved to a folder whose path has spaces and non-ASCII letters. */
  unicodePath(): Promise<string> {
    return this.once('unicode', async () => {
      const r = await createVitestProject({ 'src/add.js': ADD, 'add.test.ts': TEST });
      r.write('src/add.js', ADD_CHANGED);
      await r.git('commit', '-qam', 'swap the operands');
      const dir = path.join(this.tmp, 'my projects', 'café ünïcode 日本');
      fs.mkdirSync(path.dirname(dir), { recursive: true });
      fs.renameSync(r.dir, dir);
      return dir;
    });
  }

  /** The project with a git submodule (vendor/lib, a repository of its own) that its test imports. */
  submodule(): Promise<string> {
    return this.once('submodule', async () => {
      const lib = await this.keep(createGitRepo({ 'lib.js': 'export const one = 1;\n' }));
      const r = await this.keep(
        createVitestProject({ 'src/add.js': ADD, 'add.test.ts': `${TEST}import { one } from './vendor/lib/lib.js';\nit('one', () => expect(one).toBe(1));\n` }),
      );
      await r.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib.dir, 'vendor/lib');
      await r.git('commit', '-qm', 'vendor lib as a submodule');
      // A break the tests catch, but only if the test file loads, which needs the submodule in
      // the copies: without it, both copies fail to load the file and nothing is decided.
      r.write('src/add.js', ADD.replace('a + b', 'a - b'));
      await r.git('commit', '-qam', 'subtract instead');
      return r.dir;
    });
  }

  /** Paths → placeholders, longest first (a repository inside <tmp> shows as its own name). */
  placeholders(): Array<[string, string]> {
    return [...this.places].sort((a, b) => b[0].length - a[0].length);
  }

  /** A folder under <tmp> that this process cannot write to (mode 0555), or undefined when chmod does not stop it (root). */
  readOnlyFolder(name: string): string | undefined {
    const dir = path.join(this.tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.chmodSync(dir, 0o555);
    this.readOnly.push(dir);
    try {
      fs.writeFileSync(path.join(dir, 'probe'), '');
      fs.rmSync(path.join(dir, 'probe'));
      return undefined;
    } catch {
      return dir;
    }
  }

  /**
   * A folder under <tmp> on a read-only disk (a tmpfs mounted read-only: what a CI cache or a
   * container volume can be), or undefined where this process cannot mount (not root, not Linux).
   */
  readOnlyDisk(name: string): string | undefined {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
    const dir = path.join(this.tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    } catch {
      return undefined;
    }
    this.mounts.push(dir);
    return dir;
  }

  private readonly readOnly: string[] = [];
  private readonly mounts: string[] = [];

  cleanup(): void {
    for (const dir of this.mounts) execFileSync('umount', [dir]);
    for (const dir of this.readOnly) fs.chmodSync(dir, 0o755);
    for (const r of this.repos) r.cleanup();
    for (const dir of this.places.keys()) fs.rmSync(dir, { recursive: true, force: true });
  }
}
