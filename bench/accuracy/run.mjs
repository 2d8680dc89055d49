// The accuracy benchmark: patchprobe's verdict on real patches of real repositories, beside the
// trivial baselines, computed on the same clones. See docs/accuracy.md.
//
//   pnpm bench:accuracy [--cases GLOB[,GLOB]] [--mirror DIR] [--jobs N] [--work DIR] [--out FILE]
//                       [--corpus FILE] [--verify-args "..."] [--fresh] [--markdown FILE]
//
// For each install group of the corpus: a clone in <work>/<repoId> (from <mirror>/<owner>+<name>
// when given, else from the URL), checked out at `installAt` and installed once. For each case:
// check out its base, print the patch with its command and check its sha256, run the project's
// own vitest (the plain run: the cost reference and the `ci` baseline's "before"), run
// `patchprobe verify --base <base> --patch <file>` with default options, apply the patch and run
// the suite again (`ci` "after"), and compare the changed files for `ci+textdiff`. One case at a
// time per clone; --jobs runs that many clones at once (timings are honest only with --jobs 1).
//
// Results go to --out (JSON, one row per case) after every case, so a run that stops resumes where
// it was: a case whose id and patch checksum are already there without an error is not run again
// (--fresh runs everything). A case that fails (clone, install, checksum, patch, timeout) is
// recorded with its error and the run goes on.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Ajv from 'ajv';
import picomatch from 'picomatch';
import { killRunning, timeProcess } from '../measure.mjs';
import { baselines, onlyLayoutAndComments, patchPaths, readOrNull } from './baselines.mjs';
import { renderMarkdown, renderText } from './score.mjs';
import { runSuite } from './suite.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..', '..');
const CLI = path.join(ROOT, 'packages', 'cli', 'bin', 'patchprobe.js');
const MARK_START = '<!-- accuracy-results:start -->';
const MARK_END = '<!-- accuracy-results:end -->';

function usage(message) {
  if (message) console.error(`bench:accuracy: ${message}; run with --help for usage`);
  else
    console.log(
      'usage: pnpm bench:accuracy [--cases GLOB[,GLOB]] [--mirror DIR] [--jobs N] [--work DIR] [--out FILE]\n' +
        '                           [--corpus FILE] [--verify-args "..."] [--fresh] [--markdown FILE]\n' +
        '  --cases        case ids or install groups to run (globs on "<repoId>/<case id>", e.g. "zustand*/*" or "*/ni034-9e3c9a72")\n' +
        '  --mirror       folder of bare repositories named <owner>+<name> (or <owner>+<name>/repo, <owner>+<name>.git), for offline machines\n' +
        '  --jobs         clones worked on at once (default 1; more than 1 makes the times meaningless)\n' +
        '  --work         where the clones live (default $TMPDIR/patchprobe-accuracy; kept between runs)\n' +
        '  --out          results JSON (default bench/results/accuracy.json); resumed from unless --fresh\n' +
        '  --verify-args  extra arguments for patchprobe verify (the published run uses none)\n' +
        '  --markdown     rewrite the results block of this Markdown file (docs/accuracy.md)',
    );
  process.exit(message ? 2 : 0);
}

let values;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      cases: { type: 'string' },
      mirror: { type: 'string' },
      jobs: { type: 'string', default: '1' },
      work: { type: 'string', default: path.join(os.tmpdir(), 'patchprobe-accuracy') },
      out: { type: 'string', default: path.join(ROOT, 'bench', 'results', 'accuracy.json') },
      corpus: { type: 'string', default: path.join(HERE, 'corpus.json') },
      'verify-args': { type: 'string', default: '' },
      'case-timeout': { type: 'string', default: '1200' },
      fresh: { type: 'boolean', default: false },
      markdown: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  usage(String(error.message).split('\n')[0]);
}
if (values.help) usage();
const jobs = Number(values.jobs);
if (!Number.isInteger(jobs) || jobs < 1) usage(`--jobs must be a positive integer, got "${values.jobs}"`);
const caseTimeoutMs = Number(values['case-timeout']) * 1000;
if (!(caseTimeoutMs > 0)) usage(`--case-timeout must be a number of seconds, got "${values['case-timeout']}"`);
if (values.mirror && !fs.existsSync(values.mirror)) usage(`--mirror ${values.mirror} does not exist`);
if (!fs.existsSync(CLI)) usage(`${CLI} is missing; run pnpm build first`);

const corpus = loadCorpus(values.corpus);
const match = values.cases ? picomatch(values.cases.split(',').map((s) => s.trim()).filter(Boolean)) : () => true;
const selected = corpus.cases.filter((c) => match(`${c.repoId}/${c.id}`));
if (selected.length === 0) usage(`--cases ${values.cases} matches none of the ${corpus.cases.length} cases`);

const previous = !values.fresh && fs.existsSync(values.out) ? JSON.parse(fs.readFileSync(values.out, 'utf8')) : { rows: [] };
const rows = new Map(previous.rows.map((r) => [r.id, r]));
const commit = git(ROOT, ['rev-parse', '--short', 'HEAD']) + (git(ROOT, ['status', '--porcelain', '--', 'packages']) ? '+dirty' : '');
fs.mkdirSync(values.work, { recursive: true });
fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });

process.on('SIGINT', () => {
  killRunning();
  process.exit(130);
});

const groups = new Map();
for (const c of selected) {
  const list = groups.get(c.repoId) ?? [];
  list.push(c);
  groups.set(c.repoId, list);
}
const queue = [...groups.entries()];
const started = Date.now();
console.log(`# ${selected.length} cases in ${groups.size} install groups; patchprobe ${commit}; ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`);
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await runGroup(...next);
  }),
);

// Scored against the corpus as it is now (a label corrected since the run counts), never a row of
// another patch.
const ordered = corpus.cases
  .filter((c) => rows.get(c.id)?.sha256 === c.sha256)
  .map((c) => ({ ...rows.get(c.id), repo: corpus.repos.get(c.repoId).repo, label: c.label, testsDecide: c.testsDecide, shape: c.shape }));
save();
console.log(`\n# ${ordered.length} cases scored (${selected.length} selected) in ${((Date.now() - started) / 1000).toFixed(0)} s\n${renderText(ordered)}`);
if (values.markdown) {
  const meta = {
    commit,
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}`,
    command: `pnpm bench:accuracy${values['verify-args'] ? ` --verify-args "${values['verify-args']}"` : ''}`,
  };
  const text = fs.readFileSync(values.markdown, 'utf8');
  const a = text.indexOf(MARK_START);
  const b = text.indexOf(MARK_END);
  if (a < 0 || b < a) usage(`${values.markdown} has no ${MARK_START} … ${MARK_END} block`);
  fs.writeFileSync(values.markdown, `${text.slice(0, a + MARK_START.length)}\n${renderMarkdown(ordered, meta)}\n${text.slice(b)}`);
  console.log(`# results written into ${values.markdown}`);
}

function loadCorpus(file) {
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    usage(`cannot read the corpus ${file}: ${error.message}`);
  }
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(HERE, 'corpus.schema.json'), 'utf8')));
  if (!validate(data)) usage(`${file} is not a valid corpus: ${ajv.errorsText(validate.errors, { dataVar: 'corpus' })}`);
  const repos = new Map(data.repos.map((r) => [r.repoId, r]));
  const ids = new Set();
  for (const c of data.cases) {
    if (!repos.has(c.repoId)) usage(`${file}: case ${c.id} names install group "${c.repoId}", which the repos list lacks`);
    if (ids.has(c.id)) usage(`${file}: case id ${c.id} appears twice`);
    ids.add(c.id);
  }
  return { repos, cases: data.cases };
}

function git(cwd, args, options = {}) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20, ...options }).trim();
}

function mirrorOf(repo) {
  if (!values.mirror) return undefined;
  const name = repo.repo.replace('/', '+');
  return [path.join(values.mirror, name, 'repo'), path.join(values.mirror, `${name}.git`), path.join(values.mirror, name)].find((p) =>
    fs.existsSync(path.join(p, 'HEAD')),
  );
}

/** The clone of an install group, cloned and installed when missing. Throws with a one-line reason. */
async function prepare(repo) {
  const dir = path.join(values.work, repo.repoId);
  const stamp = `${dir}.installed`;
  const want = `${repo.installAt}\n${repo.install}\n`;
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(stamp, { force: true });
  const from = mirrorOf(repo) ?? repo.url;
  console.log(`# ${repo.repoId}: cloning ${from}, installing at ${repo.installAt.slice(0, 10)} (${repo.install})`);
  git(values.work, ['clone', '-q', '--no-checkout', from, dir]);
  git(dir, ['checkout', '-q', '-f', repo.installAt]);
  const log = `${dir}.install.log`;
  // Not spawnSync: with --jobs > 1 it would stall the other clones' runs (their output pipes fill).
  const r = await timeProcess('bash', ['-c', `${repo.install} > ${JSON.stringify(log)} 2>&1`], { cwd: dir, env: { ...process.env, CI: '1' } });
  if (r.code !== 0) throw new Error(`install failed (exit ${r.code}); see ${log}`);
  // Install scripts (husky, simple-git-hooks) may write into the clone; the cases start clean.
  restore(dir, repo.installAt);
  fs.writeFileSync(stamp, want);
  return dir;
}

/** Back to a clean checkout of `rev`; ignored files (node_modules) stay. */
function restore(dir, rev) {
  git(dir, ['checkout', '-q', '-f', rev]);
  git(dir, ['clean', '-fdq', '-e', 'node_modules']);
}

async function runGroup(repoId, cases) {
  const repo = corpus.repos.get(repoId);
  const todo = cases.filter((c) => {
    const old = rows.get(c.id);
    return !(old && old.sha256 === c.sha256 && !old.error);
  });
  if (todo.length < cases.length) console.log(`# ${repoId}: ${cases.length - todo.length} of ${cases.length} cases already in ${values.out}`);
  if (todo.length === 0) return;
  let dir;
  try {
    dir = await prepare(repo);
  } catch (error) {
    for (const c of todo) record(c, { error: `${repoId}: ${oneLine(error)}` });
    return;
  }
  for (const c of todo) {
    try {
      record(c, await runCase(dir, c));
    } catch (error) {
      record(c, { error: oneLine(error) });
    } finally {
      try {
        restore(dir, c.base);
      } catch {}
    }
  }
}

function oneLine(error) {
  return String(error?.stderr || error?.message || error).trim().split('\n')[0];
}

async function runCase(dir, c) {
  restore(dir, c.base);
  // The exit status does not count (`diff -u` exits 1 when it prints a difference); the bytes do.
  const printed = spawnSync('bash', ['-c', c.patch], { cwd: dir, maxBuffer: 256 << 20 });
  const diff = printed.stdout ?? Buffer.alloc(0);
  if (diff.length === 0) return { error: `the patch command printed nothing (exit ${printed.status}): ${String(printed.stderr).trim().split('\n')[0]}` };
  const sha256 = createHash('sha256').update(diff).digest('hex');
  if (sha256 !== c.sha256) return { error: `the patch command printed other bytes (sha256 ${sha256.slice(0, 12)}…, the corpus says ${c.sha256.slice(0, 12)}…)` };
  const patchFile = path.join(values.work, 'patches', `${c.id}.diff`);
  fs.mkdirSync(path.dirname(patchFile), { recursive: true });
  fs.writeFileSync(patchFile, diff);
  const check = spawnSync('git', ['apply', '--check', patchFile], { cwd: dir, encoding: 'utf8' });
  if (check.status !== 0) return { error: `the patch does not apply at ${c.base.slice(0, 10)}: ${check.stderr.trim().split('\n')[0]}` };

  // A monorepo whose vitest lives in a package (valibot: library/): the suite and verify run there.
  const project = path.join(dir, corpus.repos.get(c.repoId)?.projectDir ?? '');
  const before = await runSuite(project);
  if (before.error) return { error: `the suite at the base: ${before.error}` };

  const reportFile = path.join(values.work, 'reports', `${c.id}.json`);
  fs.mkdirSync(path.dirname(reportFile), { recursive: true });
  fs.rmSync(reportFile, { force: true });
  const extra = values['verify-args'].split(' ').filter(Boolean);
  const pp = await timeProcess(process.execPath, [CLI, 'verify', '--cwd', project, '--base', c.base, '--patch', patchFile, '--json', reportFile, ...extra], {
    cwd: project,
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
    timeoutMs: caseTimeoutMs,
  });
  let report;
  try {
    report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  } catch {}

  git(dir, ['apply', patchFile]);
  const after = await runSuite(project);
  const files = patchPaths(diff.toString('utf8')).map((p) => ({
    path: p,
    before: (() => {
      try {
        return git(dir, ['show', `${c.base}:${p}`], { encoding: 'utf8' });
      } catch {
        return null;
      }
    })(),
    after: readOrNull(dir, p),
  }));
  const layoutOnly = onlyLayoutAndComments(files);

  const predictions = { ...(report ? { patchprobe: report.verdict } : {}), ...baselines({ before, after, layoutOnly }) };
  const newFailures = [...after.failed].filter((t) => !before.failed.has(t));
  const row = {
    predictions,
    plainMs: Math.round(before.ms),
    patchprobe: {
      ms: Math.round(pp.ms),
      exitCode: pp.code,
      ...(report ? { confidence: report.confidence, reasons: report.reasons.slice(0, 3) } : {}),
    },
    ratio: Math.round((pp.ms / before.ms) * 10) / 10,
    suite: { before: before.summary, after: after.summary, newFailures: newFailures.slice(0, 20) },
    layoutOnly,
    reportFile,
    ...drift(c, before, after),
  };
  if (!report) {
    const why = pp.timedOut ? `timed out after ${caseTimeoutMs / 1000} s` : `exit ${pp.code}: ${(pp.stderr || pp.stdout).trim().split('\n').slice(-1)[0] ?? ''}`;
    return { ...row, error: `patchprobe gave no report (${why})` };
  }
  return row;
}

/**
 * Where this run's suite counts differ from the corpus's evidence (passed and failed, before and
 * after): a label checked on other counts may no longer hold here (another install, a flaky test).
 */
function drift(c, before, after) {
  const counts = (text) => ({ passed: Number(/(\d+) passed/.exec(text)?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(text)?.[1] ?? 0) });
  const differs = [];
  for (const [side, run, text] of [['before', before, c.evidence.suiteBefore], ['after', after, c.evidence.suiteAfter]]) {
    const want = counts(text);
    if (want.passed !== run.passed || want.failed !== run.failed.size) differs.push(`${side}: ${run.summary}, the corpus says ${text}`);
  }
  return differs.length ? { evidenceDrift: differs } : {};
}

function record(c, result) {
  const row = { id: c.id, repoId: c.repoId, repo: corpus.repos.get(c.repoId)?.repo, label: c.label, testsDecide: c.testsDecide, shape: c.shape, sha256: c.sha256, at: new Date().toISOString(), commit, ...result };
  rows.set(c.id, row);
  const said = row.predictions?.patchprobe;
  const status = row.error ? `ERROR ${row.error}` : `${said === c.label ? 'ok  ' : 'MISS'} patchprobe ${said} (${row.patchprobe.confidence}), ci ${row.predictions.ci}, textdiff ${row.predictions['ci+textdiff']}`;
  const time = row.patchprobe ? ` ${(row.patchprobe.ms / 1000).toFixed(1)} s, ${row.ratio}× plain` : '';
  console.log(`${c.id.padEnd(28)} ${c.label.padEnd(11)} ${status}${time}`);
  for (const d of row.evidenceDrift ?? []) console.log(`${''.padEnd(28)} suite differs from the corpus evidence, ${d}`);
  save();
}

function save() {
  const all = [...rows.values()];
  fs.writeFileSync(values.out, `${JSON.stringify({ corpus: path.relative(ROOT, values.corpus), rows: all }, null, 2)}\n`);
}
