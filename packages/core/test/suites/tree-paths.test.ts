import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { copyIndependent } from '../../src/suites/run-vitest.js';
import { pathSpellings, treePathReplacer } from '../../src/suites/tree-paths.js';

const ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-tree-paths-')));
const before = path.join(ws, 'before');
const after = path.join(ws, 'after');
fs.mkdirSync(before);
fs.mkdirSync(after);
afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

const inCopy = (treeRoot: string) => copyIndependent({ treeRoot, baseTreeRoot: before, tmpDir: path.join(ws, 'tmp'), userRoot: '/home/me/project' });

describe('copyIndependent', () => {
  it('gives a title built from path.resolve the same text in both copies', () => {
    const title = (root: string) => `loads ${path.resolve(root, 'test/fixtures/a.json')}`;
    expect(inCopy(before)(title(before))).toBe('loads <root>/test/fixtures/a.json');
    expect(inCopy(after)(title(after))).toBe(inCopy(before)(title(before)));
  });

  it('replaces the file URL, the temp dir, the workspace and the user repository', () => {
    const s = inCopy(after);
    expect(s(`${pathToFileURL(path.join(after, 'src/a.ts')).href}:3`)).toBe('file://<root>/src/a.ts:3');
    expect(s(`wrote ${path.join(ws, 'tmp', 'x')}`)).toBe('wrote <tmp>/x');
    expect(s(`ENOENT: ${path.join(ws, 'runs')}`)).toBe('ENOENT: <workspace>/runs');
    expect(s('resolved /home/me/project/node_modules/lodash')).toBe('resolved <repo>/node_modules/lodash');
  });

  it('matches a folder only as a whole path', () => {
    expect(inCopy(before)(`${before}-old/a and ${before}.bak`)).toBe(`<workspace>/before-old/a and <workspace>/before.bak`);
    expect(inCopy(before)(`cwd is ${before}. Then ${before}, '${before}'`)).toBe(`cwd is <root>. Then <root>, '<root>'`);
  });

  it('leaves strings without the folders alone', () => {
    expect(inCopy(before)('adds 1 + 1')).toBe('adds 1 + 1');
  });
});

describe('treePathReplacer', () => {
  it('never replaces a shallow folder such as / or /tmp', () => {
    expect(treePathReplacer([['/', '<x>'], ['/tmp', '<y>']])('/tmp/a /usr')).toBe('/tmp/a /usr');
  });

  it('knows the macOS /private spelling of /var and /tmp folders', () => {
    expect(pathSpellings('/var/folders/xy/patchprobe-1/before')).toContain('/private/var/folders/xy/patchprobe-1/before');
    expect(pathSpellings('/private/tmp/patchprobe-1/after')).toContain('/tmp/patchprobe-1/after');
    expect(treePathReplacer([['/var/folders/xy/patchprobe-1/before', '<root>']])('at /private/var/folders/xy/patchprobe-1/before/a.ts')).toBe('at <root>/a.ts');
  });
});
