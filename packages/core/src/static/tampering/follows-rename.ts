import type { Finding } from '../../verdict/finding.js';
import type { DeclarationChange, StaticFile } from '../types.js';
import { renameOnlyMapping } from './syntax-text.js';

const CODE = /\.[cm]?[jt]sx?$/;
const lastName = (symbol: string): string => symbol.slice(symbol.indexOf('#') + 1).split('.').at(-1) ?? '';

/**
 * Test files whose only edit renames identifiers the way the patch renames the source's API
 * (`MagicString` → `MagicStringAST` in src/index.ts and in the test): the test follows the rename
 * and checks what it checked before. The renames of the source are those of its files that are
 * themselves pure renamings, and the declarations the static stage paired as renamed.
 * One `test-follows-rename` finding per such test file (verdict/api-removal.ts reads them).
 */
export function testsFollowingRenames(files: readonly StaticFile[], declarations: readonly DeclarationChange[]): Finding[] {
  const apiRenames = new Map<string, string>();
  for (const d of declarations) if (d.change === 'renamed' && d.oldSymbol) apiRenames.set(lastName(d.oldSymbol), lastName(d.symbol));
  for (const f of files) {
    if (f.role !== 'source' || !CODE.test(f.path) || f.before === undefined || f.after === undefined) continue;
    for (const [from, to] of renameOnlyMapping(f.before, f.after) ?? []) apiRenames.set(from, to);
  }
  if (apiRenames.size === 0) return [];
  const out: Finding[] = [];
  for (const f of files) {
    if (f.role !== 'test' || !CODE.test(f.path) || f.before === undefined || f.after === undefined) continue;
    const mapping = renameOnlyMapping(f.before, f.after);
    if (!mapping || ![...mapping].every(([from, to]) => apiRenames.get(from) === to)) continue;
    const pairs = [...mapping].map(([from, to]) => `\`${from}\` → \`${to}\``).join(', ');
    out.push({ kind: 'test-follows-rename', severity: 'info', file: f.path, message: `the patch's only edit to ${f.path} renames what the source renames: ${pairs}` });
  }
  return out;
}
