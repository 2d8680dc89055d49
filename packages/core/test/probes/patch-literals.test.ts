import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../src/diff/change-set.js';
import { patchLiteralsOf } from '../../src/probes/patch-literals.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function trees(before: string, after: string): { before: string; after: string } {
  const roots = { before: fs.mkdtempSync(path.join(os.tmpdir(), 'pp-lit-b-')), after: fs.mkdtempSync(path.join(os.tmpdir(), 'pp-lit-a-')) };
  dirs.push(roots.before, roots.after);
  fs.writeFileSync(path.join(roots.before, 'shipping.ts'), before);
  fs.writeFileSync(path.join(roots.after, 'shipping.ts'), after);
  return roots;
}

const change = (hunks: ChangeSet['files'][number]['hunks']): ChangeSet => ({
  files: [{ path: 'shipping.ts', status: 'modified', category: 'code', formattingOnly: false, binary: false, additions: 1, deletions: 1, hunks }],
});

describe(patchLiteralsOf.name, () => {
  it('reads the literals of the changed lines on both sides, a negative sign included, and leaves 0 and 1 to the boundaries', () => {
    const roots = trees(
      "const LIMIT = 50;\nconst RATE = 4.95;\nexport const f = (x: number) => (x >= LIMIT ? 0 : RATE);\nconst sep = '=';\n",
      "const LIMIT = 60;\nconst RATE = 4.95;\nexport const f = (x: number) => (x > LIMIT ? -2.5 : RATE);\nconst sep = '&';\n",
    );
    const literals = patchLiteralsOf(change([{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 }, { oldStart: 3, oldLines: 2, newStart: 3, newLines: 2 }]), roots)('shipping.ts');
    // 4.95 is on a line the patch did not change; 0 is left to the boundaries
    expect(literals.numbers.sort((a, b) => a - b)).toEqual([-2.5, 50, 60]);
    expect(literals.strings.sort()).toEqual(['&', '=']);
  });

  it('gives nothing for a file the patch did not change', () => {
    const roots = trees('const A = 5;\n', 'const A = 5;\n');
    expect(patchLiteralsOf({ files: [] }, roots)('shipping.ts')).toEqual({ numbers: [], strings: [] });
  });
});
