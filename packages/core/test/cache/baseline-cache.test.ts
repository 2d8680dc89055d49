import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_FORMAT, cacheKey, createFileBaselineCache, type CacheKeyInputs } from '../../src/cache/baseline-cache.js';
import { isSuiteRunJson, runFromJson, runToJson } from '../../src/cache/suite-run-json.js';
import { run } from '../helpers.js';
import { scaledMs } from '@patchprobe/test-utils';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tempDir = (): string => {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-cache-test-')));
  dirs.push(d);
  return d;
};
const KEY = 'a'.repeat(64);
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
const entryFile = (dir: string): string => {
  const keyDir = path.join(dir, KEY);
  const [name] = fs.readdirSync(keyDir).filter((n) => n.endsWith('.json'));
  return path.join(keyDir, name as string);
};

describe('createFileBaselineCache', () => {
  it('returns what was stored, after validating it, and counts hits and misses', () => {
    const dir = tempDir();
    const cache = createFileBaselineCache(dir, KEY);
    expect(cache.get('part', isNumbers)).toBeUndefined();
    cache.set('part', [1, 2, 3]);
    expect(cache.get('part', isNumbers)).toEqual([1, 2, 3]);
    expect(createFileBaselineCache(dir, KEY).get('part', isNumbers)).toEqual([1, 2, 3]);
    expect({ hits: cache.hits, misses: cache.misses, findings: cache.findings }).toEqual({ hits: 1, misses: 1, findings: [] });
    // One file per part, with a header that ties it to its key and part.
    const entry = JSON.parse(fs.readFileSync(entryFile(dir), 'utf8'));
    expect(entry).toMatchObject({ format: CACHE_FORMAT, key: KEY, part: 'part', value: [1, 2, 3] });
    expect(Date.parse(entry.created)).not.toBeNaN();
  });

  // Each way an entry can be untrustworthy: ignored with one cache-ignored warning, never returned.
  const broken: Array<[string, (text: string) => string, RegExp]> = [
    ['truncated JSON', (t) => t.slice(0, t.length / 2), /not valid JSON/],
    ['an entry of another key (foreign)', (t) => t.replace(KEY, 'b'.repeat(64)), /another key/],
    ['an entry of another cache format', (t) => t.replace(`"format":${CACHE_FORMAT}`, '"format":999'), /cache format 999/],
    ['an entry of another part', (t) => t.replace('"part":"part"', '"part":"other"'), /holds part "other"/],
    ['a value of the wrong shape', (t) => t.replace('[1,2,3]', '{"x":1}'), /expected shape/],
    ['no creation time', (t) => t.replace(/"created":"[^"]*"/, '"created":7'), /no creation time/],
    ['not an object', () => '[1,2,3]', /not a cache entry/],
  ];
  it.each(broken)('ignores %s with a cache-ignored warning', (_, edit, why) => {
    const dir = tempDir();
    createFileBaselineCache(dir, KEY).set('part', [1, 2, 3]);
    const file = entryFile(dir);
    fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
    const cache = createFileBaselineCache(dir, KEY);
    expect(cache.get('part', isNumbers)).toBeUndefined();
    expect(cache.get('part', isNumbers)).toBeUndefined();
    expect(cache.findings).toHaveLength(1);
    expect(cache.findings[0]).toMatchObject({ kind: 'cache-ignored', severity: 'warning' });
    expect(cache.findings[0]?.message).toMatch(why);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 0, misses: 2 });
    // The next store replaces the bad entry.
    cache.set('part', [4]);
    expect(createFileBaselineCache(dir, KEY).get('part', isNumbers)).toEqual([4]);
  });

  it('fails soft when the folder cannot be written', () => {
    const dir = tempDir();
    const blocked = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocked, 'a file where the cache folder should be');
    const cache = createFileBaselineCache(blocked, KEY);
    expect(() => cache.set('part', [1])).not.toThrow();
    expect(cache.findings).toEqual([expect.objectContaining({ kind: 'cache-ignored', severity: 'warning', message: expect.stringMatching(/could not be written \(ENOTDIR\)/) })]);
    expect(cache.get('part', isNumbers)).toBeUndefined();
  });

  it('keeps the 32 most recently written keys', () => {
    const dir = tempDir();
    for (let i = 0; i < 35; i++) {
      const key = i.toString(16).padStart(64, '0');
      createFileBaselineCache(dir, key).set('p', [i]);
      fs.utimesSync(path.join(dir, key), i + 1, i + 1);
    }
    const left = fs.readdirSync(dir).sort();
    expect(left).toHaveLength(32);
    expect(left[0]).toBe((3).toString(16).padStart(64, '0'));
  });

  // Writers in separate processes race on the same part: every read sees a whole entry or none.
  it('is not corrupted by concurrent writers', async () => {
    const dir = tempDir();
    const js = ts.transpileModule(fs.readFileSync(path.resolve(import.meta.dirname, '../../src/cache/baseline-cache.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    fs.writeFileSync(path.join(dir, 'cache.mjs'), js);
    // It checks entries with TypeBox: the temp folder gets a node_modules that holds it.
    const typebox = createRequire(import.meta.url).resolve('@sinclair/typebox').replace(/[\\/]build[\\/].*$/, '');
    fs.mkdirSync(path.join(dir, 'node_modules', '@sinclair'), { recursive: true });
    fs.symlinkSync(typebox, path.join(dir, 'node_modules', '@sinclair', 'typebox'), 'dir');
    fs.writeFileSync(
      path.join(dir, 'writer.mjs'),
      `import { createFileBaselineCache } from './cache.mjs';
const [cacheDir, id] = process.argv.slice(2);
const valid = (v) => Array.isArray(v) && v.length > 0 && v.every((x) => x === v[0]);
let seen = 0;
for (let i = 0; i < 300; i++) {
  const cache = createFileBaselineCache(cacheDir, '${KEY}');
  // Values of different sizes, so a torn write could not pass for a whole one.
  cache.set('shared', Array.from({ length: 50 + ((i * 37 + Number(id) * 11) % 4000) }, () => Number(id) * 1000 + i));
  const got = cache.get('shared', valid);
  if (cache.findings.length > 0) { console.error(cache.findings[0].message); process.exit(3); }
  if (got) seen++;
}
console.log(seen);
`,
    );
    const exec = promisify(execFile);
    const cacheDir = path.join(dir, 'cache');
    const results = await Promise.all([1, 2, 3, 4].map((id) => exec(process.execPath, [path.join(dir, 'writer.mjs'), cacheDir, String(id)])));
    expect(results.map((r) => Number(r.stdout.trim()))).toEqual([300, 300, 300, 300]);
    const keyDir = path.join(cacheDir, KEY);
    expect(fs.readdirSync(keyDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const final = createFileBaselineCache(cacheDir, KEY);
    expect(final.get('shared', (v): v is number[] => Array.isArray(v) && v.every((x) => x === v[0]))).toBeDefined();
    expect(final.findings).toEqual([]);
  }, scaledMs(60_000));
});

describe('cacheKey', () => {
  const inputs: CacheKeyInputs = {
    beforeTree: 'f'.repeat(40),
    project: '',
    lockfiles: { 'pnpm-lock.yaml': '1'.repeat(64) },
    vitestConfigs: { 'vitest.config.ts': '2'.repeat(64) },
    vitestVersion: '4.1.12',
    patchprobeVersion: '0.1.0',
    reporter: '3'.repeat(64),
    runtime: { node: 'v20.19.0', platform: 'linux', arch: 'x64', tz: '', nodeOptions: '' },
  };
  it('is a sha256 that ignores key order', () => {
    const reordered = Object.fromEntries(Object.entries(inputs).reverse()) as unknown as CacheKeyInputs;
    expect(cacheKey(inputs)).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey(reordered)).toBe(cacheKey(inputs));
  });
  const changes: Array<[string, Partial<CacheKeyInputs>]> = [
    ['the before tree', { beforeTree: 'e'.repeat(40) }],
    ['the project folder', { project: 'packages/a' }],
    ['a lockfile', { lockfiles: { 'pnpm-lock.yaml': '4'.repeat(64) } }],
    ['a second lockfile', { lockfiles: { ...inputs.lockfiles, 'packages/a/pnpm-lock.yaml': '4'.repeat(64) } }],
    ['the vitest config', { vitestConfigs: { 'vitest.config.ts': '5'.repeat(64) } }],
    ['the vitest version', { vitestVersion: '3.2.7' }],
    ['the patchprobe version', { patchprobeVersion: '0.2.0' }],
    ['the reporter', { reporter: '6'.repeat(64) }],
    ['the node version', { runtime: { ...inputs.runtime, node: 'v22.0.0' } }],
  ];
  it.each(changes)('changes with %s', (_, change) => {
    expect(cacheKey({ ...inputs, ...change })).not.toBe(cacheKey(inputs));
  });
});

describe('SuiteRun JSON', () => {
  it('round-trips a run, with the temp folders swapped for tokens and back', () => {
    const r = run('before', { 'test/a.test.ts > adds': 'pass', 'test/a.test.ts > subtracts': 'fail', 'test/gone.test.ts': 'load-error' });
    r.moduleErrors.set('test/gone.test.ts', "Error: Cannot find module '../src/gone' imported from /tmp/ws1/before/test/gone.test.ts");
    r.unhandledErrors.push('Error: boom at /tmp/ws1/before/src/a.ts:3');
    const json = runToJson(r, [['/tmp/ws1/before', '<before>']]);
    expect(JSON.stringify(json)).not.toContain('/tmp/ws1');
    expect(isSuiteRunJson(JSON.parse(JSON.stringify(json)))).toBe(true);
    const back = runFromJson(json, [['/tmp/ws2/before', '<before>']]);
    expect(back.moduleErrors.get('test/gone.test.ts')).toBe("Error: Cannot find module '../src/gone' imported from /tmp/ws2/before/test/gone.test.ts");
    expect(back.unhandledErrors).toEqual(['Error: boom at /tmp/ws2/before/src/a.ts:3']);
    expect({ ...back, moduleErrors: r.moduleErrors, unhandledErrors: r.unhandledErrors }).toEqual(r);
  });

  it('rejects shapes the comparison could trip over', () => {
    const good = runToJson(run('before', { 'test/a.test.ts > adds': 'pass' }));
    const bad: unknown[] = [
      { ...good, setup: 'sideways' },
      { ...good, tests: [{ ...good.tests[0], state: 'passed' }] },
      { ...good, tests: [{ ...good.tests[0], id: '["","test/other.test.ts","adds"]' }] },
      { ...good, tests: [good.tests[0], good.tests[0]] },
      { ...good, moduleErrors: [['only-a-file']] },
      { ...good, modules: 'test/a.test.ts' },
      { ...good, durationMs: -1 },
      { ...good, files: 3 },
      null,
    ];
    expect(isSuiteRunJson(good)).toBe(true);
    for (const b of bad) expect(isSuiteRunJson(b), JSON.stringify(b)).toBe(false);
  });
});
