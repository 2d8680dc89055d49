import fs from 'node:fs';
import path from 'node:path';
import { ADD, TEST, type Fixtures } from './fixtures.js';

/**
 * Every bad input tried on the CLI, as a new user (or a CI job) would give it, and a few inputs that
 * look unusual but are fine. bad-inputs.test.ts runs each one and checks it against the table in
 * docs/cli.md (between <!-- bad-inputs:start --> and <!-- bad-inputs:end -->); PP_UPDATE_DOCS=1
 * rewrites that table from the results.
 *
 * A bad input exits 2 with exactly one line on stderr (`patchprobe: what is wrong; what to do`),
 * nothing on stdout and no stack trace. A valid one exits 0 or 1 and its row shows the verdict line.
 */
export interface InputCase {
  id: string;
  /** What the input is, a few words for the docs table. */
  what: string;
  /** The arguments after `patchprobe`; undefined when this machine cannot set the case up (`unavailable` says why). */
  argv: (fx: Fixtures) => Promise<string[] | undefined> | string[] | undefined;
  /** The environment of the run (in-process: io.env); nothing else is set. */
  env?: Record<string, string>;
  exit: 0 | 1 | 2;
  /** Run the built binary in a node process, to check the process-level behaviour too. */
  process?: boolean;
  /** Runs vitest for real (a few seconds). */
  slow?: boolean;
  /** Why argv may give undefined, and the row to show then if the docs have none yet. */
  unavailable?: { why: string; command: string; line: string };
}

const FAST = ['--no-probes', '--no-mutation', '--no-typecheck', '--reruns', '0'];
const noAnnotations = { GITHUB_ACTIONS: '' };

const PATCH_OTHER_REPO = 'diff --git a/lib/server.py b/lib/server.py\n--- a/lib/server.py\n+++ b/lib/server.py\n@@ -1,3 +1,3 @@\n import os\n-PORT = 80\n+PORT = 8080\n print(PORT)\n';
const PATCH_STALE = 'diff --git a/src/add.js b/src/add.js\n--- a/src/add.js\n+++ b/src/add.js\n@@ -1,3 +1,3 @@\n export function add(a, b) {\n-  return a - b;\n+  return a * b;\n }\n';
const PATCH_BINARY = 'diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nBinary files a/logo.png and b/logo.png differ\n';

export const CASES: readonly InputCase[] = [
  // The command line: commands, flags and their values (no repository needed).
  { id: 'no-arguments', what: 'no command at all', argv: () => [], exit: 0 },
  { id: 'unknown-command', what: 'a misspelt command', argv: () => ['verfy'], exit: 2, process: true },
  { id: 'flag-before-command', what: 'a flag before the command', argv: () => ['--cwd', '.', 'verify'], exit: 2 },
  { id: 'help-unknown-topic', what: '`help` on a command that does not exist', argv: () => ['help', 'frobnicate'], exit: 2 },
  { id: 'unknown-flag', what: 'an unknown flag', argv: () => ['verify', '--frobnicate'], exit: 2, process: true },
  { id: 'flag-of-other-command', what: "a flag of another command (gate's --sarif on verify)", argv: () => ['verify', '--sarif', 'out.sarif'], exit: 2 },
  { id: 'missing-value', what: 'a flag without its value', argv: () => ['verify', '--cwd'], exit: 2 },
  { id: 'empty-value', what: 'a flag with an empty value', argv: () => ['verify', '--base='], exit: 2 },
  { id: 'dash-value', what: 'a value that starts with a dash', argv: () => ['verify', '--reruns', '-1'], exit: 2 },
  { id: 'stray-argument', what: 'a stray argument', argv: () => ['verify', 'main'], exit: 2 },
  { id: 'fail-on-typo', what: 'a misspelt verdict in --fail-on', argv: () => ['verify', '--fail-on', 'regresive'], exit: 2 },
  { id: 'fail-on-empty-list', what: '--fail-on with only commas', argv: () => ['verify', '--fail-on', ','], exit: 2 },
  { id: 'not-a-number', what: 'a word where a number goes', argv: () => ['verify', '--probe-runs', 'many'], exit: 2 },
  { id: 'fraction', what: 'a fraction where a whole number goes', argv: () => ['verify', '--reruns', '2.5'], exit: 2 },
  { id: 'zero-timeout', what: 'a time limit of 0', argv: () => ['verify', '--suite-timeout', '0'], exit: 2 },
  { id: 'number-too-large', what: 'a number above the range', argv: () => ['verify', '--min-mutation-score', '150'], exit: 2 },
  { id: 'empty-scope', what: '--scope with no glob', argv: () => ['verify', '--scope', ' , '], exit: 2 },
  { id: 'head-and-patch', what: '--head and --patch together', argv: () => ['verify', '--head', 'HEAD', '--patch', 'x.diff'], exit: 2 },
  { id: 'mutation-flag-without-mutation', what: '--max-mutants with --no-mutation', argv: () => ['verify', '--no-mutation', '--max-mutants', '5'], exit: 2 },
  { id: 'two-outputs-on-stdout', what: '--json - and --summary - together', argv: () => ['verify', '--json', '-', '--summary', '-'], exit: 2 },
  { id: 'agent-and-json-on-stdout', what: '--agent - and --json - together', argv: () => ['verify', '--agent', '-', '--json', '-'], exit: 2 },
  { id: 'empty-skip-project', what: '--skip-project with no name', argv: () => ['verify', '--skip-project', ','], exit: 2 },
  {
    id: 'skip-project-unknown',
    what: '--skip-project naming no vitest project',
    argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--base', 'HEAD~1', '--head', 'HEAD', ...FAST, '--skip-project', 'types'],
    exit: 2,
  },
  { id: 'intent-without-agent', what: '--intent without --agent', argv: () => ['verify', '--intent', 'fix the rounding'], exit: 2 },
  { id: 'sarif-to-stdout', what: '--sarif -', argv: () => ['gate', '--sarif', '-'], exit: 2 },
  { id: 'same-output-twice', what: 'two outputs to one file', argv: () => ['gate', '--json', 'r.json', '--html', 'r.json'], exit: 2 },
  { id: 'annotations-both-ways', what: '--annotations with --no-annotations', argv: () => ['gate', '--annotations', '--no-annotations'], exit: 2 },
  { id: 'cache-dir-and-no-cache', what: '--cache-dir with --no-cache', argv: () => ['gate', '--cache-dir', 'c', '--no-cache'], exit: 2 },
  { id: 'shard-out-of-range', what: '--shard 3/2', argv: () => ['gate', '--shard', '3/2'], exit: 2 },
  { id: 'shard-not-a-slice', what: '--shard half', argv: () => ['gate', '--shard', 'half'], exit: 2 },
  { id: 'shard-with-output', what: 'a shard asked for a report', argv: () => ['gate', '--shard', '1/2', '--json', 'r.json'], exit: 2 },
  { id: 'partial-without-shard', what: '--partial without --shard', argv: () => ['gate', '--partial', 'p.json'], exit: 2 },

  // merge's inputs.
  { id: 'merge-no-files', what: 'merge without files', argv: () => ['merge'], exit: 2 },
  { id: 'merge-missing-file', what: 'merge of a file that does not exist', argv: (fx) => ['merge', path.join(fx.tmp, 'shard-1.json')], exit: 2 },
  { id: 'merge-same-file-twice', what: 'merge of one file twice', argv: () => ['merge', 'a.json', 'a.json'], exit: 2 },
  { id: 'merge-not-json', what: 'merge of a file that is not JSON', argv: (fx) => ['merge', fx.file('garbage.json', 'this is not json\n')], exit: 2 },
  { id: 'merge-not-a-partial', what: 'merge of JSON that is not a partial result', argv: (fx) => ['merge', fx.file('report.json', '{"verdict":"cosmetic"}\n')], exit: 2 },
  { id: 'merge-a-folder', what: 'merge of a folder', argv: (fx) => ['merge', fx.tmp], exit: 2 },

  // Output paths: refused before anything runs.
  { id: 'json-missing-folder', what: '--json in a folder that does not exist', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--json', path.join(fx.tmp, 'no-such-folder', 'out.json')], exit: 2, process: true },
  { id: 'json-under-a-file', what: '--json under a regular file', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--json', path.join(fx.file('a-file', ''), 'out.json')], exit: 2 },
  {
    id: 'json-read-only-folder',
    what: '--json in a read-only folder (chmod 0555)',
    argv: async (fx) => {
      const ro = fx.readOnlyFolder('read-only');
      return ro === undefined ? undefined : ['verify', '--cwd', await fx.repo(), '--json', path.join(ro, 'out.json')];
    },
    unavailable: {
      why: 'running as root: chmod does not stop writes (json-under-a-file covers the check)',
      command: 'patchprobe verify --cwd <repo> --json <tmp>/read-only/out.json',
      line: 'patchprobe: --json <tmp>/read-only/out.json: cannot write to <tmp>/read-only (permission denied); pass a path in a writable folder',
    },
    exit: 2,
  },
  {
    id: 'json-read-only-disk',
    what: '--json on a read-only disk (a tmpfs mounted read-only)',
    argv: async (fx) => {
      const ro = fx.readOnlyDisk('read-only-disk');
      return ro === undefined ? undefined : ['verify', '--cwd', await fx.repo(), '--json', path.join(ro, 'out.json')];
    },
    unavailable: {
      why: 'mounting needs root on Linux (json-under-a-file covers the check)',
      command: 'patchprobe verify --cwd <repo> --json <tmp>/read-only-disk/out.json',
      line: 'patchprobe: --json <tmp>/read-only-disk/out.json: cannot write to <tmp>/read-only-disk (read-only file system); pass a path in a writable folder',
    },
    exit: 2,
  },
  { id: 'json-is-a-folder', what: '--json naming a folder', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--json', fx.tmp], exit: 2 },
  { id: 'summary-missing-folder', what: '--summary in a folder that does not exist', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--summary', path.join(fx.tmp, 'nope', 'summary.txt')], exit: 2 },
  { id: 'mutation-report-a-file', what: '--mutation-report naming a file', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--mutation-report', fx.file('report.html', '')], exit: 2 },
  { id: 'gate-sarif-missing-folder', what: 'gate --sarif in a folder that does not exist', argv: async (fx) => ['gate', '--cwd', await fx.repo(), '--base', 'main', '--sarif', path.join(fx.tmp, 'nope', 'r.sarif')], exit: 2 },
  { id: 'gate-html-under-a-file', what: 'gate --html under a regular file', argv: async (fx) => ['gate', '--cwd', await fx.repo(), '--base', 'main', '--html', path.join(fx.file('a-file', ''), 'r.html')], exit: 2 },
  { id: 'gate-partial-missing-folder', what: 'gate --partial in a folder that does not exist', argv: async (fx) => ['gate', '--cwd', await fx.repo(), '--base', 'main', '--shard', '1/2', '--partial', path.join(fx.tmp, 'nope', 'p.json')], exit: 2 },
  { id: 'merge-json-is-a-folder', what: 'merge --json naming a folder', argv: (fx) => ['merge', 'a.json', '--json', fx.tmp], exit: 2 },
  { id: 'merge-summary-missing-folder', what: 'merge --summary in a folder that does not exist', argv: (fx) => ['merge', 'a.json', '--summary', path.join(fx.tmp, 'nope', 's.md')], exit: 2 },

  // Where and what: folders and revisions.
  { id: 'cwd-missing', what: '--cwd that does not exist', argv: (fx) => ['verify', '--cwd', path.join(fx.tmp, 'no-such-project')], exit: 2 },
  { id: 'cwd-a-file', what: '--cwd naming a file', argv: (fx) => ['verify', '--cwd', fx.file('a-file', '')], exit: 2 },
  { id: 'not-a-git-repo', what: 'a folder outside any git repository', argv: async (fx) => ['verify', '--cwd', await fx.notGit()], exit: 2, process: true },
  { id: 'no-commits', what: 'a repository with no commit yet', argv: async (fx) => ['verify', '--cwd', await fx.noCommits()], exit: 2 },
  { id: 'unknown-base', what: '--base that names nothing', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--base', 'v9.9.9'], exit: 2 },
  { id: 'unknown-head', what: '--head that names nothing', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--head', 'feature/nope'], exit: 2 },
  { id: 'base-looks-like-a-flag', what: '--base=-x (an option, not a revision)', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--base=-x'], exit: 2 },
  { id: 'base-equals-head', what: 'the same revision as --base and --head (valid)', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--base', 'main', '--head', 'main'], exit: 0 },
  { id: 'base-is-a-blob', what: '--base naming a file, not a commit', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--base', 'HEAD:src/add.js'], exit: 2 },
  { id: 'gate-no-base', what: 'gate outside a pull request, without --base', argv: async (fx) => ['gate', '--cwd', await fx.repo()], env: noAnnotations, exit: 2 },
  { id: 'gate-unknown-base', what: 'gate --base that is not in the clone', argv: async (fx) => ['gate', '--cwd', await fx.repo(), '--base', 'origin/release'], env: noAnnotations, exit: 2 },
  { id: 'gate-unrelated-base', what: 'gate --base with no common history', argv: async (fx) => ['gate', '--cwd', await fx.unrelated(), '--base', 'unrelated'], env: noAnnotations, exit: 2 },
  { id: 'gate-github-base-missing', what: 'gate in a GitHub PR whose base branch was not fetched', argv: async (fx) => ['gate', '--cwd', await fx.repo()], env: { GITHUB_BASE_REF: 'develop', GITHUB_ACTIONS: 'true' }, exit: 2 },
  { id: 'shallow-parent', what: 'shallow clone (--depth 1): --base HEAD~1', argv: async (fx) => ['verify', '--cwd', await fx.shallow(), '--base', 'HEAD~1'], exit: 2 },
  { id: 'shallow-gate', what: 'shallow single-branch clone: gate --base main', argv: async (fx) => ['gate', '--cwd', await fx.shallow(), '--base', 'main'], env: noAnnotations, exit: 2 },

  // Patches.
  { id: 'patch-missing', what: '--patch file that does not exist', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--patch', path.join(fx.tmp, 'nope.diff')], exit: 2 },
  { id: 'patch-a-folder', what: '--patch naming a folder', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--patch', fx.tmp], exit: 2 },
  { id: 'patch-empty', what: 'an empty patch file', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--patch', fx.file('empty.diff', '')], exit: 2 },
  { id: 'patch-binary-garbage', what: 'a binary file as the patch', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--patch', fx.file('garbage.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xff, 0xfe, 0, 0, 10, 13, 7]))], exit: 2 },
  { id: 'patch-text-garbage', what: 'a text file that is not a diff', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--patch', fx.file('notes.txt', 'remember to fix the add function\nthanks\n')], exit: 2 },
  { id: 'patch-binary-diff', what: 'a diff of a binary file without its data', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--patch', fx.file('binary.diff', PATCH_BINARY)], exit: 2 },
  { id: 'patch-other-repository', what: 'a patch made for another repository', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--patch', fx.file('other.diff', PATCH_OTHER_REPO)], exit: 2 },
  { id: 'patch-stale', what: 'a patch whose context is gone', argv: async (fx) => ['verify', '--cwd', await fx.repo(), '--patch', fx.file('stale.diff', PATCH_STALE)], exit: 2 },

  // Projects.
  { id: 'no-vitest', what: 'dependencies not installed', argv: async (fx) => ['verify', '--cwd', await fx.project('no-vitest', { 'src/add.js': ADD, 'add.test.ts': TEST }, { withVitest: false })], exit: 2 },
  {
    id: 'no-package-json',
    what: 'a repository without package.json',
    argv: async (fx) => ['verify', '--cwd', await fx.plainRepo('no-package-json', { 'README.md': '# notes\n', 'src/add.js': ADD, 'add.test.ts': TEST })],
    exit: 2,
  },
  {
    id: 'vitest-too-old',
    what: 'vitest 0.33 installed',
    argv: async (fx) => ['verify', '--cwd', await fx.project('old-vitest', { 'src/add.js': ADD, 'add.test.ts': TEST, 'node_modules/vitest/package.json': '{"name":"vitest","version":"0.33.0","bin":{"vitest":"vitest.mjs"}}' }, { withVitest: false })],
    exit: 2,
  },
  {
    id: 'yarn-pnp',
    what: "Yarn Plug'n'Play, no node_modules",
    argv: async (fx) => ['verify', '--cwd', await fx.project('pnp', { 'src/add.js': ADD, 'add.test.ts': TEST, '.pnp.cjs': '// yarn pnp runtime\n' }, { withVitest: false })],
    exit: 2,
  },
  {
    id: 'no-tests',
    what: 'a project without test files (valid: no evidence, said as a warning)',
    argv: async (fx) => ['verify', '--cwd', await fx.project('no-tests', { 'src/add.js': ADD }), ...FAST],
    exit: 0,
    slow: true,
  },
  {
    id: 'broken-config',
    what: 'a vitest config that throws',
    argv: async (fx) => ['verify', '--cwd', await fx.project('broken-config', { 'add.test.ts': TEST, 'src/add.js': ADD, 'vitest.config.ts': "throw new Error('broken config');\n" }), ...FAST],
    exit: 2,
    slow: true,
    process: true,
  },
  {
    id: 'failing-base-suite',
    what: 'a base version whose tests fail',
    argv: async (fx) => {
      const dir = await fx.project('failing-base', { 'add.test.ts': TEST, 'src/add.js': 'export const add = (a, b) => a - b;\n' });
      const patch = fx.file('fix.diff', 'diff --git a/src/add.js b/src/add.js\n--- a/src/add.js\n+++ b/src/add.js\n@@ -1 +1 @@\n-export const add = (a, b) => a - b;\n+export const add = (a, b) => a + b;\n');
      return ['verify', '--cwd', dir, '--patch', patch, ...FAST];
    },
    exit: 0,
    slow: true,
  },

  // Unusual but valid: these must work.
  { id: 'detached-head', what: 'detached HEAD (valid)', argv: async (fx) => ['verify', '--cwd', await fx.detached(), '--base', 'HEAD~1', '--head', 'HEAD', ...FAST], exit: 0, slow: true },
  { id: 'path-with-spaces-unicode', what: 'a project path with spaces and unicode (valid)', argv: async (fx) => ['verify', '--cwd', await fx.unicodePath(), '--base', 'HEAD~1', '--head', 'HEAD', ...FAST], exit: 0, slow: true },
  { id: 'submodule', what: 'a project whose test imports a git submodule (the copies hold the submodule: its pinned commit before, its working tree after; the patch breaks add)', argv: async (fx) => ['verify', '--cwd', await fx.submodule(), '--base', 'HEAD~1', '--head', 'HEAD', ...FAST], exit: 1, slow: true },
];

/** The placeholder text of a case's argv, as the docs table shows it. */
export function shownArgv(argv: readonly string[], placeholders: ReadonlyArray<[string, string]>): string {
  return ['patchprobe', ...argv.map((a) => quote(withPlaceholders(a, placeholders)))].join(' ');
}

export function withPlaceholders(text: string, placeholders: ReadonlyArray<[string, string]>): string {
  let out = text;
  for (const [dir, name] of placeholders) out = out.split(dir).join(name);
  return out;
}

function quote(arg: string): string {
  return arg === '' || /[\s'"`$|;&()*?]/.test(arg) ? `'${arg.replaceAll("'", "'\\''")}'` : arg;
}

export const DOC_START = '<!-- bad-inputs:start -->';
export const DOC_END = '<!-- bad-inputs:end -->';

export interface CaseResult {
  id: string;
  what: string;
  command: string;
  exit: number;
  line: string;
}

/** A code span that holds any text, `|` escaped for the table. */
const code = (text: string): string => `\`\` ${text.replaceAll('|', '\\|')} \`\``;

export function renderTable(results: readonly CaseResult[]): string {
  const rows = results.map((r) => `| ${r.id} | ${r.what.replaceAll('|', '\\|')} | ${code(r.command)} | ${r.exit} | ${code(r.line)} |`);
  return [DOC_START, '| case | input | command | exit | prints |', '| --- | --- | --- | --- | --- |', ...rows, DOC_END].join('\n');
}

/** The table's rows in docs/cli.md, by case id. */
export function parseTable(doc: string): Map<string, string> {
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  const rows = new Map<string, string>();
  if (start < 0 || end < start) return rows;
  for (const line of doc.slice(start, end).split('\n')) {
    const id = /^\| ([a-z][\w-]*) \|/.exec(line)?.[1];
    if (id && id !== 'case') rows.set(id, line);
  }
  return rows;
}

/** [start, end) of the table in the doc, markers included. */
export function tableBounds(doc: string): [number, number] {
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < start) throw new Error(`docs/cli.md has no ${DOC_START} … ${DOC_END} section`);
  return [start, end + DOC_END.length];
}

export function withTable(doc: string, table: string): string {
  const [start, end] = tableBounds(doc);
  return doc.slice(0, start) + table + doc.slice(end);
}

export const readDoc = (file: string): string => fs.readFileSync(file, 'utf8');
