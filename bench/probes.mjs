// The benchmark's property-probe subject: a small TypeScript project of 12 pure exported functions
// that cover the usual parameter types, each with a small vitest test, and a patch that rewrites
// every one of them *equivalently* (loop <-> reduce, `x * 2` <-> `x + x`, reordered independent
// statements, switch <-> lookup, recursion kept in the same order of operations...). Every probe
// therefore runs its whole budget without stopping at a counterexample, which is what a throughput
// figure needs; and every function must come out `equivalent` (the bench checks that).
//
// Each rewrite is equivalent on every value of its parameter types, including NaN, -0, ±Infinity,
// Invalid Date, empty arrays and astral / combining unicode: floating-point operations are done in
// the same order on the same operands (IEEE addition is commutative but not associative, so sums
// keep their left-to-right order), and string conversions go through the same ToString.
//
// Usage as a module:
//   const p = createProbeProject();   // temp dir, committed repo, patch, node_modules link
//   ...; p.cleanup();
// From the shell (keeps the project and prints where it is):
//   node bench/probes.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { BENCH_NODE_MODULES, git, initRepo, PROJECT_TSCONFIG } from './generate.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
// bench/node_modules holds vitest 4.1.12 + TypeScript 5.9.3 (bench/package.json); an example's
// install of the same two is the fallback when bench's own is missing.
const FALLBACK_NODE_MODULES = path.join(BENCH_DIR, '..', 'examples', 'deep-caller-break', 'node_modules');

/** The throughput the probes should reach on pure functions, samples per second per function. */
export const TARGET_SAMPLES_PER_SECOND = 1000;

/**
 * The probed functions: module, export name, what its parameters are (for the table), and the
 * before / after source of the function. Modules are rendered in this order.
 */
export const PROBE_FUNCTIONS = [
  // ---- src/numbers.ts
  {
    module: 'numbers',
    name: 'double',
    params: 'number',
    rewrite: 'x * 2 -> x + x',
    before: `/** Twice the value. */
export function double(x: number): number {
  return x * 2;
}`,
    after: `/** Twice the value. */
export function double(x: number): number {
  return x + x;
}`,
  },
  {
    module: 'numbers',
    name: 'weightedSum',
    params: 'number, number',
    rewrite: 'independent statements reordered',
    before: `/** 3a + 5b. */
export function weightedSum(a: number, b: number): number {
  const left = a * 3;
  const right = b * 5;
  return left + right;
}`,
    after: `/** 3a + 5b. */
export function weightedSum(a: number, b: number): number {
  const right = b * 5;
  const left = a * 3;
  return left + right;
}`,
  },
  {
    module: 'numbers',
    name: 'sum',
    params: 'number[]',
    rewrite: 'index loop -> reduce',
    before: `/** The sum of the items, left to right. */
export function sum(xs: number[]): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    total += xs[i];
  }
  return total;
}`,
    after: `/** The sum of the items, left to right. */
export function sum(xs: number[]): number {
  return xs.reduce((total, x) => total + x, 0);
}`,
  },
  // ---- src/text.ts
  {
    module: 'text',
    name: 'countVowels',
    params: 'string',
    rewrite: 'for-of loop -> spread + filter',
    before: `/** How many vowels (a, e, i, o, u, either case) the text has. */
export function countVowels(text: string): number {
  let count = 0;
  for (const ch of text) {
    if ('aeiouAEIOU'.includes(ch)) count++;
  }
  return count;
}`,
    after: `/** How many vowels (a, e, i, o, u, either case) the text has. */
export function countVowels(text: string): number {
  return [...text].filter((ch) => 'aeiouAEIOU'.includes(ch)).length;
}`,
  },
  {
    module: 'text',
    name: 'joinNonEmpty',
    params: 'string[]',
    rewrite: 'loop -> filter + join',
    before: `/** The non-empty parts, joined with ", ". */
export function joinNonEmpty(parts: string[]): string {
  let out = '';
  for (const part of parts) {
    if (part === '') continue;
    out = out === '' ? part : \`\${out}, \${part}\`;
  }
  return out;
}`,
    after: `/** The non-empty parts, joined with ", ". */
export function joinNonEmpty(parts: string[]): string {
  return parts.filter((part) => part !== '').join(', ');
}`,
  },
  {
    module: 'text',
    name: 'label',
    params: 'string, boolean',
    rewrite: 'if/return -> template + conditional',
    before: `/** The text in brackets, trimmed first when asked. */
export function label(text: string, trim: boolean): string {
  if (trim) {
    return '[' + text.trim() + ']';
  }
  return '[' + text + ']';
}`,
    after: `/** The text in brackets, trimmed first when asked. */
export function label(text: string, trim: boolean): string {
  return \`[\${trim ? text.trim() : text}]\`;
}`,
  },
  // ---- src/shapes.ts
  {
    module: 'shapes',
    name: 'describeBox',
    params: '{ width?, height?, title? }',
    rewrite: '=== undefined checks -> destructuring defaults',
    before: `/** A one-line description of a box; missing sizes default to 1, a missing title to "box". */
export function describeBox(options: BoxOptions): string {
  const width = options.width === undefined ? 1 : options.width;
  const height = options.height === undefined ? 1 : options.height;
  const title = options.title === undefined ? 'box' : options.title;
  return title + ' ' + width + 'x' + height + ' (area ' + width * height + ')';
}`,
    after: `/** A one-line description of a box; missing sizes default to 1, a missing title to "box". */
export function describeBox(options: BoxOptions): string {
  const { width = 1, height = 1, title = 'box' } = options;
  return \`\${title} \${width}x\${height} (area \${width * height})\`;
}`,
  },
  {
    module: 'shapes',
    name: 'manhattan',
    params: '[number, number]',
    rewrite: 'indexing -> destructuring',
    before: `/** The Manhattan distance of a point from the origin. */
export function manhattan(point: [number, number]): number {
  return Math.abs(point[0]) + Math.abs(point[1]);
}`,
    after: `/** The Manhattan distance of a point from the origin. */
export function manhattan(point: [number, number]): number {
  const [x, y] = point;
  return Math.abs(x) + Math.abs(y);
}`,
  },
  {
    module: 'shapes',
    name: 'treeSum',
    params: 'Tree (recursive)',
    rewrite: 'for-of loop -> reduce (same order)',
    before: `/** The sum of every value in the tree: a node's value, then its subtrees in order. */
export function treeSum(tree: Tree): number {
  let total = tree.value;
  for (const child of tree.children) {
    total += treeSum(child);
  }
  return total;
}`,
    after: `/** The sum of every value in the tree: a node's value, then its subtrees in order. */
export function treeSum(tree: Tree): number {
  return tree.children.reduce((total, child) => total + treeSum(child), tree.value);
}`,
  },
  // ---- src/domain.ts
  {
    module: 'domain',
    name: 'weight',
    params: "'low' | 'medium' | 'high'",
    rewrite: 'switch -> lookup object',
    before: `/** The weight of a priority level. */
export function weight(level: Level): number {
  switch (level) {
    case 'low':
      return 1;
    case 'medium':
      return 5;
    case 'high':
      return 10;
  }
}`,
    after: `/** The weight of a priority level. */
export function weight(level: Level): number {
  const weights = { low: 1, medium: 5, high: 10 };
  return weights[level];
}`,
  },
  {
    module: 'domain',
    name: 'mapTotal',
    params: 'Map<string, number>',
    rewrite: 'forEach -> spread values + reduce',
    before: `/** The sum of a map's values, in insertion order. */
export function mapTotal(counts: Map<string, number>): number {
  let total = 0;
  counts.forEach((n) => {
    total += n;
  });
  return total;
}`,
    after: `/** The sum of a map's values, in insertion order. */
export function mapTotal(counts: Map<string, number>): number {
  return [...counts.values()].reduce((total, n) => total + n, 0);
}`,
  },
  {
    module: 'domain',
    name: 'quarter',
    params: 'Date',
    rewrite: 'floor(m / 3) + 1 -> ceil((m + 1) / 3)',
    before: `/** The calendar quarter (1-4) of a date in UTC; NaN for an invalid date. */
export function quarter(date: Date): number {
  return Math.floor(date.getUTCMonth() / 3) + 1;
}`,
    after: `/** The calendar quarter (1-4) of a date in UTC; NaN for an invalid date. */
export function quarter(date: Date): number {
  return Math.ceil((date.getUTCMonth() + 1) / 3);
}`,
  },
];

/** Declarations a module needs above its functions (types only: nothing here is probed). */
const PREAMBLE = {
  numbers: '',
  text: '',
  shapes: `export interface BoxOptions {
  width?: number;
  height?: number;
  title?: string;
}

export interface Tree {
  value: number;
  children: Tree[];
}
`,
  domain: `export type Level = 'low' | 'medium' | 'high';
`,
};

/** One small test file per module: a couple of expectations per function. */
const TESTS = {
  numbers: `import { describe, expect, it } from 'vitest';
import { double, sum, weightedSum } from '../src/numbers.js';

describe('numbers', () => {
  it('doubles', () => {
    expect(double(21)).toBe(42);
    expect(double(-1.5)).toBe(-3);
  });

  it('weights a and b', () => {
    expect(weightedSum(2, 1)).toBe(11);
  });

  it('sums left to right', () => {
    expect(sum([1, 2, 3.5])).toBe(6.5);
    expect(sum([])).toBe(0);
  });
});
`,
  text: `import { describe, expect, it } from 'vitest';
import { countVowels, joinNonEmpty, label } from '../src/text.js';

describe('text', () => {
  it('counts vowels', () => {
    expect(countVowels('Patch Probe')).toBe(3);
    expect(countVowels('')).toBe(0);
  });

  it('joins the non-empty parts', () => {
    expect(joinNonEmpty(['a', '', 'b'])).toBe('a, b');
    expect(joinNonEmpty([])).toBe('');
  });

  it('labels, trimmed or not', () => {
    expect(label('  x ', true)).toBe('[x]');
    expect(label(' x', false)).toBe('[ x]');
  });
});
`,
  shapes: `import { describe, expect, it } from 'vitest';
import { describeBox, manhattan, treeSum } from '../src/shapes.js';

describe('shapes', () => {
  it('describes a box with defaults', () => {
    expect(describeBox({ width: 2, height: 3 })).toBe('box 2x3 (area 6)');
    expect(describeBox({ title: 'crate' })).toBe('crate 1x1 (area 1)');
  });

  it('measures the Manhattan distance', () => {
    expect(manhattan([3, -4])).toBe(7);
  });

  it('sums a tree', () => {
    const tree = { value: 1, children: [{ value: 2, children: [] }, { value: 3, children: [{ value: 4, children: [] }] }] };
    expect(treeSum(tree)).toBe(10);
  });
});
`,
  domain: `import { describe, expect, it } from 'vitest';
import { mapTotal, quarter, weight } from '../src/domain.js';

describe('domain', () => {
  it('weighs levels', () => {
    expect(weight('medium')).toBe(5);
    expect(weight('high')).toBe(10);
  });

  it('totals a map', () => {
    expect(mapTotal(new Map([['a', 2], ['b', 5]]))).toBe(7);
  });

  it('finds the quarter', () => {
    expect(quarter(new Date(Date.UTC(2026, 4, 17)))).toBe(2);
    expect(quarter(new Date('2026-12-31T00:00:00Z'))).toBe(4);
  });
});
`,
};

const MODULES = [...new Set(PROBE_FUNCTIONS.map((f) => f.module))];

/** The probe id patchprobe reports for a function: "src/numbers.ts#double". */
export const probeId = (f) => `src/${f.module}.ts#${f.name}`;

function renderModule(module, side) {
  const fns = PROBE_FUNCTIONS.filter((f) => f.module === module).map((f) => f[side]);
  const preamble = PREAMBLE[module] ? `${PREAMBLE[module]}\n` : '';
  return `${preamble}${fns.join('\n\n')}\n`;
}

function write(root, rel, text) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function nodeModules() {
  for (const dir of [BENCH_NODE_MODULES, FALLBACK_NODE_MODULES]) {
    if (fs.existsSync(path.join(dir, 'vitest', 'package.json'))) return dir;
  }
  throw new Error(`no installed vitest in ${BENCH_NODE_MODULES} or ${FALLBACK_NODE_MODULES} (run pnpm install)`);
}

/**
 * Writes and commits the project, then writes the equivalent rewrite as a patch:
 *   <root>/project     the git repo (node_modules -> bench/node_modules)
 *   <root>/probes.diff the patch
 * @returns {{ root: string, dir: string, patch: string, functions: Array<{ id: string, params: string, rewrite: string }>, cleanup: () => void }}
 */
export function createProbeProject(options = {}) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(options.tmpdir ?? os.tmpdir(), 'pp-bench-probes-')));
  try {
    const dir = path.join(root, 'project');
    fs.mkdirSync(dir);
    write(dir, 'package.json', JSON.stringify({ name: 'probe-bench', private: true, type: 'module' }, null, 2) + '\n');
    write(dir, '.gitignore', 'node_modules\n');
    write(dir, 'vitest.config.ts', `import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({ test: { include: ['test/**/*.test.ts'] } });\n`);
    write(dir, 'tsconfig.json', PROJECT_TSCONFIG);
    for (const m of MODULES) {
      write(dir, `src/${m}.ts`, renderModule(m, 'before'));
      write(dir, `test/${m}.test.ts`, TESTS[m]);
    }
    initRepo(dir, { nodeModules: nodeModules() });

    // The patch: the after versions, `git diff`, then the before versions back (the committed state).
    for (const m of MODULES) write(dir, `src/${m}.ts`, renderModule(m, 'after'));
    const diff = git(dir, ['diff', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/']);
    for (const m of MODULES) write(dir, `src/${m}.ts`, renderModule(m, 'before'));
    if (git(dir, ['status', '--porcelain']).trim() !== '') throw new Error('probes: the project is not clean after writing the patch');
    const patch = path.join(root, 'probes.diff');
    fs.writeFileSync(patch, diff);
    if (diff.trim() === '') throw new Error('probes: the patch is empty');
    git(dir, ['apply', '--check', patch]);
    return {
      root,
      dir,
      patch,
      functions: PROBE_FUNCTIONS.map((f) => ({ id: probeId(f), params: f.params, rewrite: f.rewrite })),
      cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
    };
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const p = createProbeProject();
  console.log(JSON.stringify({ root: p.root, dir: p.dir, patch: p.patch, functions: p.functions.length }, null, 2));
}
