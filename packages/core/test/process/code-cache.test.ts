import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// V8's code cache for TypeScript's 9 MB bundle (assets/code-cache.cjs): each process loads a
// module through it, so every case runs in a fresh node, as patchprobe's processes do.
const CODE_CACHE = path.resolve(import.meta.dirname, '../../assets/code-cache.cjs');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-code-cache-')));
  dirs.push(dir);
  return dir;
}

/** Loads `file` through the cache in `cacheDir` in a new node: what it exports, what the cache did, and whether require gets the same module. */
function load(file: string, cacheDir: string): { value: unknown; cache: string; same: boolean } {
  const script = `
    const { requireWithCodeCache, loads } = require(${JSON.stringify(CODE_CACHE)});
    const m = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
    console.log(JSON.stringify({ value: m.value, cache: loads[0].cache, same: require(${JSON.stringify(file)}) === m }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { value: unknown; cache: string; same: boolean };
}

describe('requireWithCodeCache', () => {
  it('compiles a module, writes its code at exit, and the next process takes it from there, as require would give it', () => {
    const dir = tmp();
    const file = path.join(dir, 'lib.js');
    fs.writeFileSync(file, 'exports.value = [1, 2, 3].map((x) => x * 2).join(",");\n');
    const cache = path.join(dir, 'cache');
    expect(load(file, cache)).toEqual({ value: '2,4,6', cache: 'miss', same: true });
    expect(fs.readdirSync(cache)).toHaveLength(1);
    expect(load(file, cache)).toEqual({ value: '2,4,6', cache: 'hit', same: true });
  });

  it('never runs the code of another source of the same length (V8 checks only the length)', () => {
    const dir = tmp();
    const file = path.join(dir, 'lib.js');
    const cache = path.join(dir, 'cache');
    fs.writeFileSync(file, 'exports.value = "one";\n');
    expect(load(file, cache).value).toBe('one');
    fs.writeFileSync(file, 'exports.value = "two";\n');
    expect(load(file, cache)).toMatchObject({ value: 'two', cache: 'miss' });
  });

  it.runIf(typeof process.getuid === 'function')('does not read a folder that another user could write to', () => {
    const dir = tmp();
    const file = path.join(dir, 'lib.js');
    fs.writeFileSync(file, 'exports.value = 1;\n');
    const cache = path.join(dir, 'cache');
    fs.mkdirSync(cache, { mode: 0o777 });
    fs.chmodSync(cache, 0o777);
    expect(load(file, cache)).toEqual({ value: 1, cache: 'off', same: true });
    expect(fs.readdirSync(cache)).toEqual([]);
  });
});
