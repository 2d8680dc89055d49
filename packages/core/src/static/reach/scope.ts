import picomatch from 'picomatch';
import type { Finding } from '../../verdict/finding.js';
import { splitSymbol, type DeclarationChange } from '../types.js';

/** Changes that alter what the code does (as opposed to formatting, types-only or renames). */
export const isBehaviourChange = (d: DeclarationChange): boolean => d.change !== 'formatting' && d.change !== 'types-only' && d.change !== 'rename';

/**
 * --scope: the files a patch was meant to change. A behaviour change outside them is the
 * assistant rewriting working code while fixing something else. Without --scope, the spread of
 * the change is reported so that a reviewer sees it.
 */
export function scopeFindings(declarations: readonly DeclarationChange[], scope: readonly string[] | undefined): Finding[] {
  // A nested declaration (a callback inside a changed function) is part of its parent's change.
  const changed = declarations.filter(isBehaviourChange);
  const behavioural = changed.filter((d) => !changed.some((p) => p !== d && d.symbol.startsWith(`${p.symbol}.`)));
  if (!scope || scope.length === 0) {
    if (behavioural.length === 0) return [];
    const files = [...new Set(behavioural.map((d) => d.file))];
    const names = behavioural.slice(0, 6).map((d) => `\`${splitSymbol(d.symbol).name}\``);
    return [
      {
        kind: 'change-spread',
        severity: 'info',
        message: `the patch changes the behaviour of ${behavioural.length} declaration${behavioural.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}: ${names.join(', ')}${behavioural.length > 6 ? ', …' : ''} (pass --scope to flag changes outside the intended files)`,
      },
    ];
  }
  const inScope = picomatch([...scope], { dot: true });
  return behavioural
    .filter((d) => !inScope(d.file))
    .map((d) => ({
      kind: 'unrelated-change' as const,
      severity: 'warning' as const,
      file: d.file,
      line: d.line,
      symbol: d.symbol,
      message: `\`${splitSymbol(d.symbol).name}\` changed (${d.change}) outside --scope ${scope.join(',')}: the patch rewrites code it was not meant to touch`,
    }));
}
