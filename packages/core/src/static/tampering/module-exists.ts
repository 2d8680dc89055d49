import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { ts } from 'ts-morph';
import { findInstalled } from '../../process/find-installed.js';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json', '.vue', '.svelte'];
/** `./x.js` in TypeScript ESM names `./x.ts`. */
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
/** npm package names (scoped or not); anything else bare (`@/x`, `~/x`, `#x`, `virtual:x`) is an alias we cannot check. */
const PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function fileExists(target: string): boolean {
  if (isFile(target)) return true;
  if (EXTENSIONS.some((ext) => isFile(target + ext))) return true;
  const ext = path.extname(target);
  if (JS_TO_TS[ext]?.some((t) => isFile(target.slice(0, -ext.length) + t))) return true;
  return EXTENSIONS.some((e) => isFile(path.join(target, `index${e}`))) || isFile(path.join(target, 'package.json'));
}

/** Prefixes of `compilerOptions.paths` in the root tsconfig.json (`@app/*` → `@app/`): aliases, assumed to exist. */
function pathAliases(root: string): string[] {
  try {
    const text = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
    const config = ts.parseConfigFileTextToJson('tsconfig.json', text).config as { compilerOptions?: { paths?: Record<string, unknown> } } | undefined;
    return Object.keys(config?.compilerOptions?.paths ?? {}).map((k) => k.replace(/\*.*$/, ''));
  } catch {
    return [];
  }
}

/**
 * Whether a module specifier, imported from the repository-relative `fromFile`, resolves in the
 * tree at `afterRoot`. Relative and root-relative paths are looked up with the usual extensions and
 * index files; bare names need the package in a node_modules folder up the tree; `node:` and
 * builtin names exist. Aliases we cannot resolve without the bundler config count as existing.
 */
export function createModuleExists(afterRoot: string): (specifier: string, fromFile: string) => boolean {
  const cache = new Map<string, boolean>();
  let aliases: string[] | undefined;
  const check = (raw: string, fromFile: string): boolean => {
    const specifier = raw.replace(/[?#].*$/, '');
    if (specifier === '' || isBuiltin(raw)) return true;
    const fromDir = path.join(afterRoot, path.dirname(fromFile));
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
      return fileExists(path.resolve(fromDir, specifier));
    }
    if (specifier.startsWith('/')) return fileExists(path.join(afterRoot, specifier)) || fileExists(specifier);
    aliases ??= pathAliases(afterRoot);
    if (aliases.some((a) => a !== '' && (specifier === a.replace(/\/$/, '') || specifier.startsWith(a)))) return true;
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
    if (!PACKAGE_NAME.test(name)) return true;
    return findInstalled(fromDir, name) !== undefined;
  };
  return (specifier, fromFile) => {
    const key = `${path.dirname(fromFile)}\u0000${specifier}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = check(specifier, fromFile);
      cache.set(key, hit);
    }
    return hit;
  };
}
