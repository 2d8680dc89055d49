// patchprobe's warm vitest (issue 18): one process per tree that loads the PROJECT's own vitest
// once, through its Node API (createVitest and its rerun methods, by their names from 0.34 to 4.x),
// and runs file sets on demand. Each run is what `vitest run --reporter=<vitest-reporter.mjs>
// --passWithNoTests <files>` would do in that folder — same config, same reporter, same result
// file — without a new process, config load and vite server per run.
//
// Started by src/suites/vitest-host.ts with cwd = the project folder of a private copy, an IPC
// channel, and argv[2] = the project's `vitest/node` entry, argv[3] = the reporter file. Messages:
//   in:  { type: 'run', id, files: 'all' | string[] (absolute), outFile, invalidate: string[] }
//        { type: 'related', id, sources: string[] (absolute) }  (the test files that import any of them)
//        { type: 'keep-projects', names: string[] }  (before the first run: --skip-project)
//        { type: 'close-project', id }  (the suites are over: the project's own instance closes)
//        { type: 'run-config', id, config, root, files: string[], env }  (after the suites: see runWithConfig)
//   out: { type: 'ready', projects: string[] } | { type: 'init-failed', message } | { type: 'done', id, error?, files? }
// Plain ESM, node built-ins only: it runs under the project's node_modules.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// argv[4] '--configs-only': no project instance; only `run-config` jobs (the live verdict's hosts,
// kept from one verdict to the next while their copies change: each run roots itself).
const [nodeEntry, reporter, mode] = process.argv.slice(2);
const configsOnly = mode === '--configs-only';

// What vitest's own CLI sets before it creates the instance (prepareVitest / startVitest).
process.env.TEST = 'true';
process.env.VITEST = 'true';
process.env.NODE_ENV ??= 'test';

function message(error) {
  const text = String(error?.message ?? error).split('\n')[0];
  return error?.name && !text.startsWith(error.name) ? `${error.name}: ${text}` : text;
}

let vitest;
let createVitest;
// Closed once the suites are over and the host runs other configs (runWithConfig).
let mainClosed = false;
// The rerun API by its names in 3.x/4.x, then 2.1 (the same methods before their rename), then
// 0.34–2.0: globTestFiles gives [project, file] pairs, which runFiles takes as they are, and a
// changed file is invalidated on each vite server by hand, as those versions' watchers do.
let glob, run, invalidate;
try {
  ({ createVitest } = await import(pathToFileURL(nodeEntry).href));
  if (configsOnly) {
    mainClosed = true;
    process.send({ type: 'ready', projects: [] });
  } else {
    vitest = await createVitest('test', { run: true, watch: false, reporters: [reporter], passWithNoTests: true }, {}, {});
    glob = pick(vitest, 'globTestSpecifications', 'globTestSpecs', 'globTestFiles');
    run = pick(vitest, 'runTestSpecifications', 'runFiles');
    invalidate = pick(vitest, 'invalidateFile', 'updateLastChanged') ?? invalidateOnServers;
    if (!glob || !run || !invalidate || !vitest.projects.every((p) => 'testFilesList' in p)) {
      await vitest.close().catch(() => {});
      throw new Error('this vitest has no rerun API patchprobe knows');
    }
    process.send({ type: 'ready', projects: vitest.projects.map(projectName) });
  }
} catch (error) {
  process.send({ type: 'init-failed', message: message(error) }, () => process.exit(0));
}

let started = false;
const queue = [];
let busy = false;

// `vitest run --config <config> --root <root> --reporter=dot --passWithNoTests <files>` in this
// process, with `env` over the host's environment for the run (null removes a variable): the
// probes' recording run and probe module, once the suites are over. This vitest is already loaded
// here, so each run saves a process start and the import of vitest (about 0.7 s of CPU each).
// The project's own instance closes first (globalTeardown, as at the end of a CLI run); a new
// instance per run, closed after it (close, not exit: exit ends the process).
async function closeProject() {
  if (mainClosed) return;
  mainClosed = true;
  await vitest.close().catch(() => {});
}

async function runWithConfig(job) {
  await closeProject();
  const saved = new Map();
  for (const [key, value] of Object.entries(job.env ?? {})) {
    saved.set(key, process.env[key]);
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
  let other;
  try {
    other = await createVitest('test', { config: job.config, root: job.root, run: true, watch: false, reporters: ['dot'], passWithNoTests: true }, {}, {});
    await other.start(job.files);
  } finally {
    await other?.close().catch(() => {});
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

async function runJob(job) {
  process.env.PATCHPROBE_REPORT_FILE = job.outFile;
  // Overlays rewrite, add and remove test and snapshot files between runs: what the server
  // transformed before is stale, and so is each project's list of test files (vitest's CLI
  // globs once per process; here each run after an overlay globs again).
  // As vitest's watcher does on a change: invalidate the module on the server, and hand it to the
  // workers (`invalidates`) for pools that keep modules across files (isolate: false).
  const workerInvalidates = vitest.watcher?.invalidates ?? vitest.invalidates;
  for (const file of job.invalidate) {
    invalidate(file);
    if (workerInvalidates instanceof Set) workerInvalidates.add(file);
    if (!existsSync(file)) vitest.state?.filesMap?.delete(file);
  }
  if (job.invalidate.length > 0) for (const project of vitest.projects) project.testFilesList = null;
  const filters = job.files === 'all' ? [] : job.files;
  if (!started) {
    // start() is the CLI's path (reporters' onInit, coverage set-up, the first run); later runs
    // are the watch mode's reruns: the same specifications API, without a file watcher.
    started = true;
    await vitest.start(filters);
    return;
  }
  const specs = await glob(filters);
  await run(specs, job.files === 'all');
}

// `vitest related <sources>`: the test files whose module graph (vite's, static and dynamic imports,
// aliases resolved; what vitest's filterTestsBySource walks) holds one of `sources`, or that are one.
// null when this vitest has no such method, or when a source is one of vitest's forceRerunTriggers
// (package.json, the config): then every file is related, as vitest itself decides.
async function related(sources) {
  if (mainClosed) return null;
  const filter = pick(vitest, 'filterTestsBySource') ?? (vitest.specifications ? pick(vitest.specifications, 'filterTestsBySource') : undefined);
  if (!filter || !vitest.config) return null;
  const specs = await glob([]);
  const saved = vitest.config.related;
  vitest.config.related = sources;
  try {
    const kept = await filter(specs);
    if (kept.length === specs.length) return null;
    return [...new Set(kept.map((spec) => spec.moduleId ?? spec[1] ?? spec.filepath))];
  } finally {
    vitest.config.related = saved;
  }
}

// TestProject.name (3.x/4.x), WorkspaceProject.getName() (0.34–2.x).
function projectName(project) {
  return typeof project.getName === 'function' ? project.getName() : String(project.name ?? project.config?.name ?? '');
}

// What vitest 1.x and 2.x do with `--project` once the projects are resolved (they filter
// `vitest.projects` in place); 3.x/4.x filter while resolving but glob and run from the same array,
// and 0.34 has no filter of its own. Every rerun API above globs `vitest.projects`.
function keepProjects(names) {
  const keep = new Set(names);
  vitest.projects = vitest.projects.filter((p) => keep.has(projectName(p)));
}

function invalidateOnServers(file) {
  const servers = new Set([vitest.server, ...vitest.projects.map((p) => p.server)].filter(Boolean));
  for (const server of servers) {
    for (const mod of server.moduleGraph.getModulesByFile(file) ?? []) server.moduleGraph.invalidateModule(mod);
  }
}

function pick(target, ...names) {
  const name = names.find((n) => typeof target[n] === 'function');
  return name ? target[name].bind(target) : undefined;
}

async function drain() {
  if (busy) return;
  busy = true;
  while (queue.length > 0) {
    const job = queue.shift();
    let error;
    let files;
    try {
      if (job.type === 'related') files = await related(job.sources);
      else if (job.type === 'run-config') await runWithConfig(job);
      else if (job.type === 'close-project') await closeProject();
      else if (mainClosed) throw new Error('the host runs other configs now');
      else await runJob(job);
    } catch (e) {
      // vitest's CLI swallows "no test files found" (passWithNoTests), so do we.
      if (e?.name !== 'FilesNotFoundError') error = message(e);
    }
    process.send({ type: 'done', id: job.id, ...(error ? { error } : {}), ...(files !== undefined ? { files } : {}) });
  }
  busy = false;
}

process.on('message', (msg) => {
  if (msg?.type === 'keep-projects') {
    keepProjects(msg.names);
  } else if (msg?.type === 'run' || msg?.type === 'related' || msg?.type === 'run-config' || msg?.type === 'close-project') {
    queue.push(msg);
    void drain();
  } else if (msg?.type === 'close') {
    // globalTeardown, coverage and the server's close, as at the end of a CLI run.
    Promise.resolve(mainClosed ? undefined : vitest?.close())
      .catch(() => {})
      .finally(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
