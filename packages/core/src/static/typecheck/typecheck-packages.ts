import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { findInstalled } from '../../process/find-installed.js';

/**
 * Module specifiers: is it a package, which one, is it declared and installed, and does a relative
 * one resolve to a file. Shared by the tsc path (classifying TS2307) and the no-TypeScript path.
 */

export function isRelativeSpecifier(spec: string): boolean {
  return spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../');
}

const PACKAGE_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/i;

/**
 * The package a bare specifier names ("lodash/fp" → "lodash", "@a/b/c" → "@a/b"), or undefined when
 * the specifier is relative, absolute, a URL or `node:`-style scheme, a `#` import, a Node builtin,
 * or cannot be a package name (path aliases such as "@/utils" or "~/x").
 */
export function packageNameOf(spec: string): string | undefined {
  if (spec === '' || isRelativeSpecifier(spec) || spec.startsWith('/') || spec.startsWith('#')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec) || isBuiltin(spec)) return undefined;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  if (spec.startsWith('@') && parts.length < 2) return undefined;
  return PACKAGE_NAME.test(name) ? name : undefined;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Names declared by every package.json from `dir` up to `root` (its own name included). */
export class DeclaredPackages {
  private readonly perDir = new Map<string, ReadonlySet<string>>();

  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  has(name: string, fromDir: string): boolean {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      if (this.read(dir).has(name)) return true;
      if (dir === this.root || path.dirname(dir) === dir || !isInside(dir, this.root)) return false;
    }
  }

  private read(dir: string): ReadonlySet<string> {
    let names = this.perDir.get(dir);
    if (names) return names;
    const found = new Set<string>();
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      if (typeof pkg.name === 'string') found.add(pkg.name);
      for (const field of DEPENDENCY_FIELDS) {
        const deps = pkg[field];
        if (deps !== null && typeof deps === 'object') for (const n of Object.keys(deps)) found.add(n);
      }
    } catch {
      // no package.json here, or not JSON: declares nothing
    }
    names = found;
    this.perDir.set(dir, names);
    return names;
  }
}

function isInside(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** "@scope/name" → "@types/scope__name". */
export function typesPackageOf(name: string): string {
  return `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
}

/** What is wrong with a package a file imports, seen from `fromDir` in the after copy. */
export type PackageProblem = 'unknown' | 'not-installed' | 'undeclared';

export function packageProblem(name: string, fromDir: string, declared: DeclaredPackages): PackageProblem | undefined {
  const isDeclared = declared.has(name, fromDir) || declared.has(typesPackageOf(name), fromDir);
  const installed = findInstalled(fromDir, name) !== undefined || findInstalled(fromDir, typesPackageOf(name)) !== undefined;
  if (!isDeclared && !installed) return 'unknown';
  if (!installed) return 'not-installed';
  if (!isDeclared) return 'undeclared';
  return undefined;
}

export function describePackageProblem(name: string, problem: PackageProblem): string {
  switch (problem) {
    case 'unknown':
      return `imports \`${name}\`, a package that no package.json declares and that is not installed: the patch may have invented it`;
    case 'not-installed':
      return `imports \`${name}\`, which a package.json declares but is not installed here (a new dependency?)`;
    case 'undeclared':
      return `imports \`${name}\`, which no package.json declares (it is installed only as another package's dependency)`;
  }
}

const CODE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

export function isCodeFile(file: string): boolean {
  return CODE_EXTENSIONS.includes(path.extname(file)) && !file.endsWith('.d.ts');
}

/** Does `spec`, taken relative to `fromDir`, name a file (see resolveFile) or a folder with a package.json? */
export function resolvesToFile(fromDir: string, spec: string): boolean {
  return resolveFile(fromDir, spec) !== undefined || isFile(path.join(path.resolve(fromDir, spec.replace(/[?#].*$/, '')), 'package.json'));
}

/** The file `spec` names relative to `fromDir` (as-is, with a code extension, `.js`→`.ts`, or /index.*). */
export function resolveFile(fromDir: string, spec: string): string | undefined {
  const base = path.resolve(fromDir, spec.replace(/[?#].*$/, ''));
  const ext = path.extname(base);
  const candidates = [
    base,
    ...CODE_EXTENSIONS.map((e) => base + e),
    ...(JS_TO_TS[ext] ?? []).map((e) => base.slice(0, -ext.length) + e),
    ...CODE_EXTENSIONS.map((e) => path.join(base, `index${e}`)),
  ];
  return candidates.find(isFile);
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
