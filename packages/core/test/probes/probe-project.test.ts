import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { tempDirs } from '@patchprobe/test-utils';
import { clearDeriveExportCache, deriveExportParameters } from '../../src/probes/derive-export.js';
import { createProbeProject, withoutDom } from '../../src/probes/probe-project.js';
import { selectTargets } from '../../src/probes/targets.js';
import type { DeclarationChange } from '../../src/static/types.js';

const dirs = tempDirs();
afterAll(() => {
  dirs.cleanup();
  clearDeriveExportCache();
});

/** A project folder with a tsconfig.json (target ES2022, no `lib`: TypeScript's default includes the DOM) and the files given. */
function project(files: Record<string, string>, compilerOptions: object = { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' }): string {
  const root = dirs.tempDir('pp-probe-project-');
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions }));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const libFiles = (p: ReturnType<typeof createProbeProject>['project']): string[] =>
  p
    .getProgram()
    .compilerObject.getSourceFiles()
    .map((f) => path.basename(f.fileName))
    .filter((n) => n.startsWith('lib.'));

describe(withoutDom.name, () => {
  it('names the default library without the DOM, and leaves a chosen library alone', () => {
    expect(withoutDom({ target: ts.ScriptTarget.ES2022 })).toBe('lib.es2022.d.ts');
    expect(withoutDom({ target: ts.ScriptTarget.ESNext })).toBe('lib.esnext.d.ts');
    expect(withoutDom({ target: ts.ScriptTarget.ES5 })).toBe('lib.es5.d.ts');
    expect(withoutDom({ target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] })).toBeUndefined();
    expect(withoutDom({ noLib: true })).toBeUndefined();
  });
});

describe(createProbeProject.name, () => {
  it('leaves lib.dom.d.ts out when the project takes the default library, and only then', () => {
    const root = project({ 'src/a.ts': 'export const a = 1;\n' });
    const narrow = createProbeProject(path.join(root, 'tsconfig.json'), 'narrow');
    const full = createProbeProject(path.join(root, 'tsconfig.json'), 'full');
    for (const p of [narrow, full]) p.project.addSourceFileAtPath(path.join(root, 'src/a.ts'));
    expect(narrow.narrowed).toBe(true);
    expect(libFiles(narrow.project)).not.toContain('lib.dom.d.ts');
    expect(libFiles(narrow.project)).toContain('lib.es2022.d.ts');
    expect(full.narrowed).toBe(false);
    expect(libFiles(full.project)).toContain('lib.dom.d.ts');

    const chosen = project({ 'src/a.ts': 'export const a = 1;\n' }, { target: 'ES2022', lib: ['ES2022', 'DOM'] });
    const kept = createProbeProject(path.join(chosen, 'tsconfig.json'), 'narrow');
    kept.project.addSourceFileAtPath(path.join(chosen, 'src/a.ts'));
    expect(kept.narrowed).toBe(false);
    expect(libFiles(kept.project)).toContain('lib.dom.d.ts');
  });
});

// A parameter typed with a DOM type is unresolved without lib.dom.d.ts (it would derive as
// "anything"): both derivations then fall back to the project's full library, and give what the
// full library gives, while the other parameters keep their types.
describe('a parameter that needs the DOM', () => {
  const FILE = 'export function send(url: string, init: RequestInit, retries: number): string {\n  return url + String(init.method) + retries;\n}\nexport function plain(n: number): number {\n  return n + 1;\n}\n';
  const FILE_AFTER = FILE.replace('return url +', 'return url.trim() +').replace('return n + 1', 'return n + 2');

  it('deriveExportParameters (toBehaveLike) derives it as the project\'s own library does', () => {
    const root = project({ 'src/send.ts': FILE });
    const send = deriveExportParameters(path.join(root, 'src/send.ts'), 'send');
    expect(send.params.map((p) => p.descriptor.kind)).toEqual(['string', 'unsupported', 'number']);
    expect(send.params[1]!.descriptor).toMatchObject({ kind: 'unsupported', reason: 'library type RequestInit' });
    expect(deriveExportParameters(path.join(root, 'src/send.ts'), 'plain')).toMatchObject({ complete: true, params: [{ descriptor: { kind: 'number' } }] });
  });

  it('selectTargets (the probes) derives it as the project\'s own library does', () => {
    const root = project({ 'src/send.ts': FILE_AFTER });
    const declaration = (name: string): DeclarationChange => ({ file: 'src/send.ts', symbol: `src/send.ts#${name}`, change: 'semantic', line: 1, endLine: 3, code: {}, exported: true });
    const selection = selectTargets({ root, projectRoot: root, declarations: [declaration('send'), declaration('plain')], blastRadius: [], isTestFile: () => false });
    const byName = Object.fromEntries(selection.targets.map((t) => [t.exportName, t.params.map((p) => p.descriptor)]));
    expect(byName.send).toMatchObject([{ kind: 'string' }, { kind: 'unsupported', reason: 'library type RequestInit' }, { kind: 'number' }]);
    expect(byName.plain).toMatchObject([{ kind: 'number' }]);
  });
});
