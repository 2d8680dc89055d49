// Loads a large CommonJS file through V8's code cache (issue 18). TypeScript's bundle is 9 MB of
// JavaScript that every verify compiles twice, in its own process and in the type-check's, before
// any work: with the code V8 compiled in an earlier run (the lazily compiled functions included),
// that is ≈ 0.35 s of CPU less per process on this machine. Node 22's module.enableCompileCache
// does this for every module; Node 20 has only vm.Script's cachedData.
//
// Safety: V8 checks a cache against its own version and flags, and the source only by length, so
// the key holds a hash of the whole source (a different file of the same length never gets another
// file's code), and the folder must be the user's own and writable by nobody else (another user's
// planted file would run as code). Any doubt, and the file is required as usual.
// Plain CommonJS, node built-ins only: tsc-trees.mjs loads it beside the project's TypeScript.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const ENV = 'PATCHPROBE_CODE_CACHE_DIR';
/** What each call did, for tests and --debug: 'hit', 'miss' (compiled, written at exit), 'rejected' (by V8: written again), 'off'. */
const loads = [];

/**
 * The folder: $PATCHPROBE_CODE_CACHE_DIR ('' turns the cache off), else patchprobe/v8 in the user's
 * cache folder ($XDG_CACHE_HOME, else ~/.cache): it outlives runs by design, so not in TMPDIR,
 * which patchprobe leaves as it found it (and which its children get per run).
 */
function codeCacheDir() {
  const set = process.env[ENV];
  if (set !== undefined) return set === '' ? undefined : set;
  const xdg = process.env.XDG_CACHE_HOME;
  let base = xdg && path.isAbsolute(xdg) ? xdg : undefined;
  if (base === undefined) {
    try {
      base = path.join(os.homedir(), '.cache');
    } catch {
      return undefined;
    }
  }
  return path.join(base, 'patchprobe', 'v8');
}

/** The folder, made if missing, when it is safe to read code from; else undefined. */
function safeDir(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    if (!st.isDirectory()) return undefined;
    if (typeof process.getuid === 'function' && (st.uid !== process.getuid() || (st.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * `require(file)`, compiled from the code cache when one matches, and put in require's cache under
 * its real path, so a later `require` of the same file (ts-morph's of its TypeScript) gets this
 * module. The cache is written at exit when there was none, so it holds what this run compiled.
 */
function requireWithCodeCache(file, dir = codeCacheDir()) {
  const filename = fs.realpathSync(file);
  const loaded = Module._cache[filename];
  if (loaded) return loaded.exports;
  const folder = dir === undefined ? undefined : safeDir(dir);
  if (folder === undefined) {
    loads.push({ file: filename, cache: 'off' });
    return require(filename);
  }
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(source).update(`\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}`).digest('hex').slice(0, 32);
  const cacheFile = path.join(folder, `${path.basename(filename)}-${key}.v8`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // none yet
  }
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  const mod = new Module(filename, module);
  mod.filename = filename;
  mod.paths = Module._nodeModulePaths(path.dirname(filename));
  Module._cache[filename] = mod;
  try {
    script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(filename), mod, filename, path.dirname(filename));
  } catch (error) {
    delete Module._cache[filename];
    throw error;
  }
  mod.loaded = true;
  loads.push({ file: filename, cache: cachedData === undefined ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit' });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
      } catch {
        // a cache is never required
      }
    });
  }
  return mod.exports;
}

module.exports = { requireWithCodeCache, codeCacheDir, loads, CODE_CACHE_ENV: ENV };
