import type { Finding } from '../../verdict/finding.js';
import type { TscDiagnostic } from './typecheck-parse.js';
import { describePackageProblem, isRelativeSpecifier, packageNameOf, type PackageProblem } from './typecheck-packages.js';
import type { StaticFile } from '../types.js';

/**
 * One new tsc diagnostic → one finding. Evidence that the patch uses something that does not
 * exist (a member, an export, a name, a local module) is `invented-api`; a package that is not
 * declared or not installed is `unknown-package`; anything else is a `type-error`, an error in
 * source (changed or not) and a warning in a changed test or docs file.
 */

/** Property 'x' does not exist on type 'Y'. (TS2339; TS2551 adds "Did you mean 'z'?") */
const MEMBER_CODES = new Set([2339, 2551]);
/** Module/namespace has no exported member 'x'. */
const EXPORT_CODES = new Set([2305, 2724, 2614, 2694]);
/** Cannot find name 'x'. */
const NAME_CODES = new Set([2304, 2552]);
/** Cannot find module 'x'. */
const MODULE_CODES = new Set([2307, 2792]);

export interface ClassifyContext {
  /** Changed files by (after) path. */
  changed: ReadonlyMap<string, StaticFile>;
  /** What is wrong with package `name` as imported from repository file `file` (after tree). */
  packageProblem(name: string, file: string): PackageProblem | undefined;
}

export function diagnosticFinding(d: TscDiagnostic, ctx: ClassifyContext): Finding {
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
