import fs from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import type { ChangeSet, Hunk } from '../diff/change-set.js';

/** The number and string literals of the lines a patch changed, both versions. */
export interface PatchLiterals {
  numbers: number[];
  strings: string[];
}

const MAX_EACH = 20;
const MAX_STRING = 40;

/**
 * The literals on the changed lines of `file` (the removed ones in the before tree, the added
 * ones in the after tree): a threshold the patch moves (`FREE_SHIPPING_FROM = 50` → `60`), a
 * boundary it touches (`>= 50` → `> 50`), a delimiter it starts to split on. The probes try them
 * and their neighbours as arguments (runtime/inputs.ts): a changed constant diverges only on
 * inputs between its two values, which neither the tests' values nor random numbers may reach.
 * Test-independent, so the same for every target of the file; empty for a file with no hunks.
 */
export function patchLiteralsOf(changes: ChangeSet, roots: { before: string; after: string }): (file: string) => PatchLiterals {
  const cache = new Map<string, PatchLiterals>();
  return (file) => {
    const hit = cache.get(file);
    if (hit) return hit;
    const change = changes.files.find((f) => f.path === file);
    const numbers = new Set<number>();
    const strings = new Set<string>();
    if (change && change.category === 'code') {
      const hunks = change.hunks;
      const lines = (root: string, rel: string | undefined, pick: (h: Hunk) => [number, number]): string[] => {
        if (rel === undefined) return [];
        try {
          const text = fs.readFileSync(path.join(root, rel), 'utf8').split('\n');
          return hunks.flatMap((h) => {
            const [start, count] = pick(h);
            return text.slice(start - 1, start - 1 + count);
          });
        } catch {
          return [];
        }
      };
      const before = change.status === 'added' ? [] : lines(roots.before, change.oldPath ?? change.path, (h) => [h.oldStart, h.oldLines]);
      const after = change.status === 'deleted' ? [] : lines(roots.after, change.path, (h) => [h.newStart, h.newLines]);
      scanLiterals([...before, ...after].join('\n'), numbers, strings);
    }
    const found = { numbers: [...numbers].slice(0, MAX_EACH), strings: [...strings].slice(0, MAX_EACH) };
    cache.set(file, found);
    return found;
  };
}

/** Adds the numeric and (short) string literals of `text` to the sets; a minus sign before a number counts. */
function scanLiterals(text: string, numbers: Set<number>, strings: Set<string>): void {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  let previous = ts.SyntaxKind.Unknown;
  for (let tok = scanner.scan(); tok !== ts.SyntaxKind.EndOfFileToken; tok = scanner.scan()) {
    if (tok === ts.SyntaxKind.NumericLiteral) {
      const value = Number(scanner.getTokenValue());
      // 0 and 1 are in every loop and are tried among the boundaries anyway.
      if (Number.isFinite(value) && value !== 0 && value !== 1) numbers.add(previous === ts.SyntaxKind.MinusToken ? -value : value);
    } else if (tok === ts.SyntaxKind.StringLiteral || tok === ts.SyntaxKind.NoSubstitutionTemplateLiteral) {
      const value = scanner.getTokenValue();
      if (value.length > 0 && value.length <= MAX_STRING) strings.add(value);
    }
    previous = tok;
  }
}
