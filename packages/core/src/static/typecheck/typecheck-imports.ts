import fs from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import type { Finding } from '../../verdict/finding.js';
import {
  type DeclaredPackages,
  describePackageProblem,
  isCodeFile,
  isRelativeSpecifier,
  packageNameOf,
  packageProblem,
  resolvesToFile,
} from './typecheck-packages.js';
import type { StaticFile } from '../types.js';

/**
 * The checks that need no TypeScript, used when the type-check was skipped: every module specifier
 * a changed file gained (static and dynamic imports, re-exports, require calls with a string
 * literal) must name a file that exists or a package that is declared or installed (one that is
 * declared but not installed is a warning: a new dependency, most likely).
 */
export interface ImportScanInput {
  /** Real path of the after copy's repository root. */
  afterRoot: string;
  /** Real path of the project folder in the after copy. */
  projectAbs: string;
  files: readonly StaticFile[];
  declared: DeclaredPackages;
}

interface ImportRef {
  spec: string;
  line: number;
}

export function importsOf(text: string): ImportRef[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((ref) => ({ spec: ref.fileName, line: lineAt(text, ref.pos) }));
}

function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function scanNewImports(input: ImportScanInput): Finding[] {
  const findings: Finding[] = [];
  const aliases = new Map<string, readonly string[]>();
  for (const file of input.files) {
    if (file.status === 'deleted' || file.after === undefined || !isCodeFile(file.path)) continue;
    const old = new Set(file.before === undefined ? [] : importsOf(file.before).map((r) => r.spec));
    const dir = path.dirname(path.join(input.afterRoot, file.path));
    const seen = new Set<string>();
    for (const { spec, line } of importsOf(file.after)) {
      if (old.has(spec) || seen.has(spec)) continue;
      seen.add(spec);
      const at = { file: file.path, line };
      if (isRelativeSpecifier(spec)) {
        if (!resolvesToFile(dir, spec)) {
          findings.push({ kind: 'invented-api', severity: 'error', message: `imports \`${spec}\`, which does not exist: the patch imports a module that is not there`, ...at });
        }
        continue;
      }
      // A path alias of the file's own tsconfig (`~/components/x`, `@/lib`) or a package.json
      // `imports` entry (`#internal`) is not a package (valibot's website: `~/…`).
      if (spec.startsWith('#') || isPathAlias(spec, dir, input.afterRoot, aliases)) continue;
      const name = packageNameOf(spec);
      if (name === undefined) continue;
      // A bare specifier that is a path from the project (baseUrl-style) is not a package.
      if (resolvesToFile(input.projectAbs, spec) || resolvesToFile(input.afterRoot, spec)) continue;
      const problem = packageProblem(name, dir, input.declared);
      if (problem === 'unknown') {
        findings.push({ kind: 'unknown-package', severity: 'error', message: describePackageProblem(name, 'unknown'), ...at });
      } else if (problem === 'not-installed') {
        findings.push({ kind: 'package-not-installed', severity: 'warning', message: `${describePackageProblem(name, 'not-installed')}: install it and rerun to check it`, ...at });
      }
    }
  }
  return findings;
}

/**
 * Whether `spec` matches a `compilerOptions.paths` pattern of the tsconfig.json nearest to `dir`
 * (within `root`): `~/*` matches `~/components/x`, an exact key only itself. `known` caches the
 * patterns per folder. Only the nearest tsconfig is read, not what it extends.
 */
function isPathAlias(spec: string, dir: string, root: string, known: Map<string, readonly string[]>): boolean {
  const patterns = (d: string): readonly string[] => {
    let found = known.get(d);
    if (found !== undefined) return found;
    const file = path.join(d, 'tsconfig.json');
    if (fs.existsSync(file)) {
      const { config } = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, 'utf8'));
      const paths = (config as { compilerOptions?: { paths?: Record<string, unknown> } } | undefined)?.compilerOptions?.paths;
      found = paths ? Object.keys(paths) : [];
    } else {
      const up = path.dirname(d);
      found = d === root || up === d || !d.startsWith(root) ? [] : patterns(up);
    }
    known.set(d, found);
    return found;
  };
  return patterns(dir).some((p) => (p.endsWith('*') ? spec.startsWith(p.slice(0, -1)) : spec === p));
}
