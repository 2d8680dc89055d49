import type { Finding } from '../../verdict/finding.js';
import type { TscDiagnostic } from './typecheck-parse.js';
import { describePackageProblem, isRelativeSpecifier, packageNameOf, type PackageProblem } from './typecheck-packages.js';
import type { StaticFile } from '../types.js';

/**
 * New tsc diagnostics → findings. Evidence that the patch uses something that does not exist (a
 * member, an export, a name, a local module) is `invented-api`; a package no package.json declares
 * is `unknown-package`; anything else is a `type-error`, an error in source (changed or not) and a
 * warning in a changed test or docs file. A package a package.json declares but that is not
 * installed (the patch usually added it, and the copies link the dependencies installed now) is not
 * invented: tsc could not see it, so its import and the implicit-`any` errors that follow from it
 * in the files that reach it are one `package-not-installed` warning.
 */

/** Property 'x' does not exist on type 'Y'. (TS2339; TS2551 adds "Did you mean 'z'?") */
const MEMBER_CODES = new Set([2339, 2551]);
/** Module/namespace has no exported member 'x'. */
const EXPORT_CODES = new Set([2305, 2724, 2614, 2694]);
/** Cannot find name 'x'. */
const NAME_CODES = new Set([2304, 2552]);
/** Cannot find module 'x'. */
const MODULE_CODES = new Set([2307, 2792]);
/**
 * What an import tsc cannot resolve (typed `any`) sets off in the code that uses it: implicitly-any
 * parameters, bindings and variables (a callback passed to an `any` has no contextual type), and
 * `unknown` values.
 */
const CASCADE_CODES = new Set([7005, 7006, 7019, 7031, 7034, 18046, 2571]);

export interface ClassifyContext {
  /** Changed files by (after) path. */
  changed: ReadonlyMap<string, StaticFile>;
  /** What is wrong with package `name` as imported from repository file `file` (after tree). */
  packageProblem(name: string, file: string): PackageProblem | undefined;
  /** The repository files `file` imports by relative specifier (after tree); none when unknown. */
  localImports?(file: string): readonly string[];
}

export function typecheckFindings(diagnostics: readonly TscDiagnostic[], ctx: ClassifyContext): Finding[] {
  // Imports of declared packages that are not installed, by package: the first site and the files.
  const unseen = new Map<string, { at: TscDiagnostic; files: Set<string>; cascade: number }>();
  const rest: TscDiagnostic[] = [];
  for (const d of diagnostics) {
    const name = MODULE_CODES.has(d.code) ? packageOf(d) : undefined;
    if (name !== undefined && ctx.packageProblem(name, d.file) === 'not-installed') {
      const entry = unseen.get(name) ?? { at: d, files: new Set<string>(), cascade: 0 };
      entry.files.add(d.file);
      unseen.set(name, entry);
    } else rest.push(d);
  }
  const reaches = reachFinder(ctx);
  const findings: Finding[] = [];
  for (const d of rest) {
    const missing = unseen.size > 0 && CASCADE_CODES.has(d.code) ? [...unseen.values()].find((e) => reaches(d.file, e.files)) : undefined;
    if (missing) missing.cascade++;
    else findings.push(diagnosticFinding(d, ctx));
  }
  for (const [name, { at, cascade }] of unseen) {
    const follow = cascade === 0 ? '' : ` or the ${cascade === 1 ? 'error' : `${cascade} errors`} that follow from it (values typed \`any\`)`;
    findings.push({
      kind: 'package-not-installed',
      severity: 'warning',
      message: `${describePackageProblem(name, 'not-installed')} (TS${at.code}), so the type-check could not see it and does not count its import${follow}: install it and rerun to check the code that uses it`,
      file: at.file,
      line: at.line,
    });
  }
  return findings.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
}

function packageOf(d: TscDiagnostic): string | undefined {
  const spec = /^Cannot find module '(.+?)'/.exec(d.message.split('\n')[0]!)?.[1];
  return spec === undefined || isRelativeSpecifier(spec) ? undefined : packageNameOf(spec);
}

/** Is `file` one of `of`, or does it import one, directly or through other files of the project (relative imports)? */
function reachFinder(ctx: ClassifyContext): (file: string, of: ReadonlySet<string>) => boolean {
  const closure = new Map<string, ReadonlySet<string>>();
  const reached = (start: string): ReadonlySet<string> => {
    let seen = closure.get(start);
    if (seen) return seen;
    const found = new Set<string>([start]);
    const queue = [start];
    while (queue.length > 0 && found.size < 2000) {
      for (const next of ctx.localImports?.(queue.shift()!) ?? []) {
        if (!found.has(next)) {
          found.add(next);
          queue.push(next);
        }
      }
    }
    seen = found;
    closure.set(start, seen);
    return seen;
  };
  return (file, of) => [...reached(file)].some((f) => of.has(f));
}

/** One diagnostic that is not about an uninstalled declared package → one finding. */
function diagnosticFinding(d: TscDiagnostic, ctx: ClassifyContext): Finding {
  const first = d.message.split('\n')[0]!;
  const tag = `(TS${d.code})`;
  const at = { file: d.file, line: d.line };
  const invented = (message: string): Finding => ({ kind: 'invented-api', severity: 'error', message, ...at });

  if (MEMBER_CODES.has(d.code)) return invented(describeMember(first, tag));
  if (EXPORT_CODES.has(d.code)) return invented(describeExport(first, tag));
  if (NAME_CODES.has(d.code)) {
    const m = /^Cannot find name '(.+?)'\.(?: Did you mean '(.+?)'\?)?$/.exec(first);
    if (m) return invented(`\`${m[1]}\` is not defined ${tag}${suggest(m[2])}: the patch uses a name that does not exist`);
    return invented(`${first} ${tag}: the patch uses a name that does not exist`);
  }
  if (MODULE_CODES.has(d.code)) {
    const spec = /^Cannot find module '(.+?)'/.exec(first)?.[1];
    if (spec !== undefined && isRelativeSpecifier(spec)) {
      return invented(`imports \`${spec}\`, which does not exist ${tag}: the patch imports a module that is not there`);
    }
    const name = spec === undefined ? undefined : packageNameOf(spec);
    const problem = name === undefined ? undefined : ctx.packageProblem(name, d.file);
    if (name !== undefined && problem !== undefined) {
      return { kind: 'unknown-package', severity: 'error', message: `${describePackageProblem(name, problem)} ${tag}`, ...at };
    }
  }
  const role = ctx.changed.get(d.file)?.role;
  if (role === undefined) {
    return { kind: 'type-error', severity: 'error', message: `the patch breaks a file it did not change: ${first} ${tag}`, ...at };
  }
  if (role === 'source') return { kind: 'type-error', severity: 'error', message: `new type error: ${first} ${tag}`, ...at };
  return { kind: 'type-error', severity: 'warning', message: `new type error in a ${role} file: ${first} ${tag}`, ...at };
}

function suggest(name: string | undefined): string {
  return name === undefined ? '' : ` (did you mean \`${name}\`?)`;
}

function describeMember(first: string, tag: string): string {
  const didYouMean = / Did you mean '(.+?)'\?$/.exec(first);
  const core = didYouMean ? first.slice(0, didYouMean.index) : first;
  const m = /^Property '(.+?)' does not exist on type '(.+)'\.$/.exec(core);
  if (!m) return `${first} ${tag}: the patch calls an API that is not there`;
  return `\`${m[1]}\` does not exist on \`${m[2]}\` ${tag}${suggest(didYouMean?.[1])}: the patch calls an API that is not there`;
}

function describeExport(first: string, tag: string): string {
  const didYouMean = / Did you mean '([^' ]+)'\?$/.exec(first);
  const m = /^(?:Module |Namespace )?'(.+?)' has no exported member(?: named)? '(.+?)'/.exec(first);
  if (!m) return `${first} ${tag}: the patch imports an API that is not there`;
  const from = m[1]!.replace(/^"(.*)"$/, '$1');
  return `\`${m[2]}\` is not exported by \`${from}\` ${tag}${suggest(didYouMean?.[1])}: the patch imports an API that is not there`;
}
