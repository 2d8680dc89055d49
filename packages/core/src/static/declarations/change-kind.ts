import { ts } from 'ts-morph';
import { alphaNormalised } from './alpha-rename.js';
import type { Unit, UnitRef } from './declaration-units.js';
import { emitAll } from './emit-js.js';
import { sameSyntax } from './syntax-equal.js';
import type { ChangeKind } from '../types.js';

export interface UnitPair {
  before: UnitRef;
  after: UnitRef;
}

/**
 * The change kind of each paired declaration, cheapest proof first: same TS syntax (formatting),
 * same emitted JS (types-only), same emitted JS after alpha-renaming (rename). Anything unproven is
 * semantic. `importKeys` holds what each touched import leaves in the emitted file.
 */
export function classifyPairs(
  pairs: readonly UnitPair[],
  importKeys: ReadonlyMap<ts.Node, string>,
  checker: () => ts.TypeChecker,
): ChangeKind[] {
  const kinds = pairs.map((p) => quickKind(p, importKeys));
  const pending = indices(kinds);
  const js = emitAll(pending.flatMap((i) => [request(pairs[i]!.before), request(pairs[i]!.after)]));
  const candidates: number[] = [];
  pending.forEach((i, k) => {
    const [a, b] = [js[2 * k], js[2 * k + 1]];
    if (a && b && sameSyntax(a, b)) kinds[i] = 'types-only';
    else if (a && b && sameSyntax(a, b, { wildIdentifiers: true })) candidates.push(i);
  });
  for (const i of renamed(candidates.map((i) => pairs[i]!), checker)) kinds[candidates[i]!] = 'rename';
  return pairs.map((p, i) => kinds[i] ?? enclosingKind(p, pairs, kinds) ?? 'semantic');
}

/** With emitDecoratorMetadata the types of decorated declarations are emitted, so type edits there may be runtime edits. */
function decorated(unit: Unit): boolean {
  for (let n: ts.Node = unit.node; !ts.isSourceFile(n); n = n.parent) if (ts.canHaveDecorators(n) && ts.getDecorators(n)?.length) return true;
  const inside = (n: ts.Node): boolean => ts.isDecorator(n) || (ts.forEachChild(n, inside) ?? false);
  return inside(unit.node);
}

function indices(kinds: readonly (ChangeKind | undefined)[]): number[] {
  const out: number[] = [];
  kinds.forEach((k, i) => {
    if (k === undefined) out.push(i);
  });
  return out;
}

function quickKind({ before, after }: UnitPair, importKeys: ReadonlyMap<ts.Node, string>): ChangeKind | undefined {
  if (before.file.broken || after.file.broken) return 'semantic';
  if (sameSyntax(before.unit.node, after.unit.node)) return 'formatting';
  if (decorated(before.unit) || decorated(after.unit)) return 'semantic';
  const [a, b] = [importKeys.get(before.unit.node), importKeys.get(after.unit.node)];
  if (a !== undefined || b !== undefined) return a === b ? 'types-only' : 'semantic';
  return undefined;
}

function request(ref: UnitRef, text?: string) {
  const { unit, file } = ref;
  return { text: wrap(unit, text ?? file.sf.text.slice(unit.node.getStart(file.sf), unit.node.end)), flavour: file.flavour };
}

/** Members and function expressions are not statements: wrap them into one (api-notes §5). */
function wrap(unit: Unit, text: string): string {
  if (unit.wrap === 'class-member') return `class __W {\n${text}\n}`;
  if (unit.wrap === 'object-member') return `const __w = ({\n${text}\n});`;
  if (unit.wrap === 'expression') return `const __w = (\n${text}\n);`;
  return text;
}

/** Indices (into `pairs`) whose alpha-normalised versions emit the same JavaScript. */
function renamed(pairs: readonly UnitPair[], checker: () => ts.TypeChecker): number[] {
  if (pairs.length === 0) return [];
  const c = checker();
  const normal = pairs.map((p) => [p.before, p.after].map((r) => alphaNormalised(r.unit.node, r.file.sf, c)));
  const usable = pairs.flatMap((_, i) => (normal[i]!.every((t) => t !== undefined) ? [i] : []));
  const js = emitAll(usable.flatMap((i) => [request(pairs[i]!.before, normal[i]![0]), request(pairs[i]!.after, normal[i]![1])]));
  return usable.filter((_, k) => {
    const [a, b] = [js[2 * k], js[2 * k + 1]];
    return a !== undefined && b !== undefined && sameSyntax(a, b);
  });
}

/**
 * A nested declaration inside a module-level statement that is equivalent as a whole takes that
 * statement's kind: a renamed outer local it uses is free in the nested one alone, or a parameter
 * property became a field, yet the statement as a whole emits the same JavaScript.
 */
function enclosingKind(pair: UnitPair, pairs: readonly UnitPair[], kinds: readonly (ChangeKind | undefined)[]): ChangeKind | undefined {
  const { before, after } = pair;
  if (before.unit.top === before.unit.node) return undefined;
  const j = pairs.findIndex((p) => p.before.unit.node === before.unit.top && p.after.unit.node === after.unit.top);
  return j < 0 ? undefined : kinds[j];
}
