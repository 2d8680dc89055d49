// Generates the benchmark's synthetic project: a TypeScript code base of `sourceFiles` modules
// (pure string / number / array helpers that import one another) with a vitest suite of
// `sourceFiles * testsPerFile` tests (`testsPerFile` per module; the tests of `modulesPerTestFile`
// neighbouring modules of one area share a test file, 1 by default), plus three patches against it:
//   cosmetic.diff    - comments and formatting in 3 source files; every test still passes
//   regressive.diff  - one function changed so that 1-3 tests fail
//   substantive.diff - one string helper gains handling of input it got wrong (accents, emoji,
//                      mixed case...) with a new test that pins it; every existing test still passes
//
// Everything is deterministic (a seeded PRNG): the same options give byte-identical files.
// Expected values in the tests are computed here by evaluating a plain-JS rendering of the very
// same function bodies, and the regressive change is chosen by re-evaluating the whole suite with
// candidate mutations until one breaks between 1 and 3 tests; the substantive change likewise, as
// the first candidate fix that breaks no test and changes the function's result on its new input.
//
// Usage as a module:
//   const project = createGeneratedProject();   // temp dir, committed repo, patches, node_modules link
//   ...; project.cleanup();
// or piecewise: planProject(opts), generateProject(dir, opts), initRepo(dir), writePatches(dir, outDir, opts).
// Usage from the shell (keeps the project and prints where it is):
//   node bench/generate.mjs [--source-files N] [--tests-per-file N] [--modules-per-test-file N] [--dir DIR]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const BENCH_NODE_MODULES = path.join(BENCH_DIR, 'node_modules');

const DEFAULTS = { sourceFiles: 200, testsPerFile: 5, modulesPerTestFile: 1, seed: 20260101 };

// ---------------------------------------------------------------------------------------------
// git

/** The tsconfig of the benchmark projects (strict, bundler resolution, no emit). */
export const PROJECT_TSCONFIG =
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        isolatedModules: true,
      },
      include: ['src', 'test', 'vitest.config.ts'],
    },
    null,
    2,
  ) + '\n';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'patchprobe bench',
  GIT_AUTHOR_EMAIL: 'bench@patchprobe.invalid',
  GIT_COMMITTER_NAME: 'patchprobe bench',
  GIT_COMMITTER_EMAIL: 'bench@patchprobe.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  // Ignore the machine's git configuration (diff prefixes, colours, hooks, signing...).
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: os.devNull,
};

export function git(cwd, args, input) {
  return execFileSync('git', args, {
    cwd,
    env: GIT_ENV,
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

// ---------------------------------------------------------------------------------------------
// deterministic randomness

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRng(seed) {
  const next = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  return { next, int, pick };
}

// ---------------------------------------------------------------------------------------------
// names

const AREAS = ['text', 'math', 'collections', 'format', 'parse', 'stats', 'money', 'geometry', 'search', 'validate'];
const NOUNS = [
  'core', 'buffer', 'cursor', 'ledger', 'matrix', 'token', 'range', 'window', 'record', 'table',
  'index', 'queue', 'vector', 'digest', 'label', 'slug', 'batch', 'filter', 'shape', 'score',
];
const MODULES_PER_AREA = NOUNS.length;

const pascal = (s) => s.replace(/(^|[-_])([a-z0-9])/g, (_, __, c) => c.toUpperCase());

// ---------------------------------------------------------------------------------------------
// function templates
//
// Each template renders a body from an input expression `src` (the parameter, or a call of a
// dependency's function on it). `ts` selects TypeScript (type annotations) or plain JavaScript;
// the two renderings differ only in annotations, so evaluating the JS gives the TS behaviour.

const q = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const NUMBER_TEMPLATES = [
  (r) => {
    const a = r.int(2, 9), b = r.int(1, 40), m = r.pick([97, 101, 257, 1009]);
    return {
      verb: 'scale',
      doc: `Scales a value by ${a}, offsets it by ${b} and keeps it below ${m} in magnitude.`,
      body: (src) => [`const value = ${src};`, `return (value * ${a} + ${b}) % ${m};`],
    };
  },
  (r) => {
    const lo = r.int(-20, 0), hi = r.int(10, 120);
    return {
      verb: 'clamp',
      doc: `Clamps a value into the inclusive range [${lo}, ${hi}].`,
      body: (src) => [
        `const value = ${src};`,
        `if (value < ${lo}) return ${lo};`,
        `if (value > ${hi}) return ${hi};`,
        `return value;`,
      ],
    };
  },
  (r) => {
    const a = r.int(4, 11), b = r.int(1, 6);
    return {
      verb: 'step',
      doc: `Sums the arithmetic series i * ${b} for i = 1..(|value| mod ${a}).`,
      body: (src) => [
        `const limit = Math.abs(Math.trunc(${src})) % ${a};`,
        `let total = 0;`,
        `for (let i = 1; i <= limit; i++) {`,
        `  total += i * ${b};`,
        `}`,
        `return total;`,
      ],
    };
  },
  (r) => {
    const a = r.pick([2, 3, 5, 10, 25]);
    return {
      verb: 'snap',
      doc: `Rounds a value to the nearest multiple of ${a}.`,
      body: (src) => [`const value = ${src};`, `return Math.round(value / ${a}) * ${a};`],
    };
  },
  (r) => {
    const a = r.int(3, 12);
    return {
      verb: 'fold',
      doc: `Folds the decimal digits of the integer part of a value, weighting each by its position (mod ${a} + 1).`,
      body: (src) => [
        `const digits = String(Math.abs(Math.trunc(${src}))).split('');`,
        `let acc = 0;`,
        `for (let i = 0; i < digits.length; i++) {`,
        `  acc += Number(digits[i]) * ((i % ${a}) + 1);`,
        `}`,
        `return acc;`,
      ],
    };
  },
  (r) => {
    const a = r.int(2, 7), b = r.int(5, 60);
    return {
      verb: 'bump',
      doc: `Adds 1 to a value, doubles even results and caps the magnitude at ${b * a}.`,
      body: (src) => [
        `const value = Math.trunc(${src}) + 1;`,
        `const next = value % 2 === 0 ? value * 2 : value;`,
        `return Math.max(-${b * a}, Math.min(${b * a}, next));`,
      ],
    };
  },
];

const STRING_TEMPLATES = [
  (r) => {
    const bang = '!'.repeat(r.int(1, 3)), len = r.int(12, 30);
    return {
      verb: 'shout',
      doc: `Upper-cases a string and appends "${bang}", keeping at most ${len} characters.`,
      body: (src) => [`const text = ${src};`, `return (text.toUpperCase() + ${q(bang)}).slice(0, ${len});`],
    };
  },
  (r) => {
    const len = r.int(10, 32);
    return {
      verb: 'slugify',
      doc: `Turns a string into a lower-case, dash-separated slug of at most ${len} characters.`,
      body: (src) => [
        `const text = ${src};`,
        `const slug = text`,
        `  .trim()`,
        `  .toLowerCase()`,
        `  .replace(/[^a-z0-9]+/g, '-')`,
        `  .replace(/^-+|-+$/g, '');`,
        `return slug.slice(0, ${len});`,
      ],
    };
  },
  (r) => {
    const ch = r.pick(['*', '#', '_', '.']);
    return {
      verb: 'mask',
      doc: `Replaces every vowel with "${ch}".`,
      body: (src) => [`const text = ${src};`, `return text.replace(/[aeiou]/gi, ${q(ch)});`],
    };
  },
  (r) => {
    const width = r.int(8, 16), ch = r.pick(['-', '.', '0', ' ']);
    return {
      verb: 'pad',
      doc: `Left-pads a string with "${ch}" to ${width} characters, truncating longer strings.`,
      body: (src) => [`const text = ${src};`, `return text.padStart(${width}, ${q(ch)}).slice(0, ${width});`],
    };
  },
  (r) => {
    const len = r.int(10, 24);
    return {
      verb: 'mirror',
      doc: `Reverses a string, keeping at most ${len} characters.`,
      body: (src) => [`const text = ${src};`, `return text.split('').reverse().join('').slice(0, ${len});`],
    };
  },
  (r) => {
    const len = r.int(16, 40);
    return {
      verb: 'title',
      doc: `Capitalises the first letter of every space-separated word (at most ${len} characters).`,
      body: (src) => [
        `const words = ${src}.split(' ');`,
        `const titled = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1));`,
        `return titled.join(' ').slice(0, ${len});`,
      ],
    };
  },
  (r) => {
    const tag = r.pick(['id', 'ref', 'key', 'tag', 'src']), n = r.int(3, 8);
    return {
      verb: 'tag',
      doc: `Prefixes the first ${n} characters of a string with "${tag}:" and its length.`,
      body: (src) => [`const text = ${src};`, `return ${q(tag + ':')} + text.length + ':' + text.slice(0, ${n});`],
    };
  },
];

const ARRAY_TEMPLATES = [
  (r) => {
    const a = r.int(2, 7), b = r.int(0, 9), m = r.pick([50, 97, 100, 1000]);
    return {
      verb: 'collect',
      doc: `Maps every item x to (x * ${a} + ${b}) mod ${m}.`,
      body: (src) => [`const items = ${src};`, `return items.map((x) => (x * ${a} + ${b}) % ${m});`],
    };
  },
  (r) => {
    const a = r.int(2, 5);
    return {
      verb: 'pick',
      doc: `Keeps the items that are not multiples of ${a}.`,
      body: (src) => [`const items = ${src};`, `return items.filter((x) => x % ${a} !== 0);`],
    };
  },
  (r) => {
    const a = r.int(2, 5);
    return {
      verb: 'rank',
      doc: `Returns the ${a} smallest items in ascending order.`,
      body: (src) => [`const items = [...${src}];`, `items.sort((a, b) => a - b);`, `return items.slice(0, ${a});`],
    };
  },
  (r) => {
    const m = r.pick([100, 1000, 9973]);
    return {
      verb: 'prefix',
      doc: `Returns the running sums of the items, each reduced mod ${m}.`,
      body: (src, ts) => [
        `const out${ts ? ': number[]' : ''} = [];`,
        `let sum = 0;`,
        `for (const x of ${src}) {`,
        `  sum = (sum + x) % ${m};`,
        `  out.push(sum);`,
        `}`,
        `return out;`,
      ],
    };
  },
  () => ({
    verb: 'thin',
    doc: 'Keeps the items at even positions.',
    body: (src) => [`const items = ${src};`, `return items.filter((_, i) => i % 2 === 0);`],
  }),
  () => ({
    verb: 'bounds',
    doc: 'Returns [min, max, count] of the items, or [] when there are none.',
    body: (src) => [
      `const items = ${src};`,
      `if (items.length === 0) return [];`,
      `return [Math.min(...items), Math.max(...items), items.length];`,
    ],
  }),
  (r) => {
    const a = r.int(1, 4);
    return {
      verb: 'rotate',
      doc: `Rotates the items ${a} place(s) to the left.`,
      body: (src) => [
        `const items = ${src};`,
        `if (items.length === 0) return [];`,
        `const k = ${a} % items.length;`,
        `return [...items.slice(k), ...items.slice(0, k)];`,
      ],
    };
  },
  () => ({
    verb: 'dedupe',
    doc: 'Removes repeated items, keeping first occurrences.',
    body: (src) => [`const items = ${src};`, `return items.filter((x, i) => items.indexOf(x) === i);`],
  }),
];

const KINDS = {
  number: { templates: NUMBER_TEMPLATES, param: 'amount', tsParam: 'amount: number', tsReturn: 'number' },
  string: { templates: STRING_TEMPLATES, param: 'input', tsParam: 'input: string', tsReturn: 'string' },
  array: { templates: ARRAY_TEMPLATES, param: 'list', tsParam: 'list: number[]', tsReturn: 'number[]' },
};

// Inputs the tests draw from.
const NUMBER_INPUTS = [0, 1, 2, 3, 7, 10, 12, 17, 25, 33, 42, 64, 99, 100, 128, 1000, -1, -5, -12, 2.5, 7.5];
const STRING_INPUTS = [
  'hello world', 'Patch Probe', 'vitest runner', '  spaced out  ', 'a-b-c', 'TypeScript',
  'lorem ipsum dolor', 'x', 'release 2.0', 'MiXeD cAsE', 'open source', 'queue', '',
];
const ARRAY_INPUTS = [
  [], [1], [3, 1, 2], [5, 5, 5], [10, -2, 7, 4], [1, 2, 3, 4, 5, 6], [9, 8, 7, 6, 5, 4, 3],
  [0, 0, 1], [-3, 12, 7, -8, 2], [100, 50, 25], [2, 4, 6, 8], [11, 13, 11, 17],
];

// ---------------------------------------------------------------------------------------------
// plan: the whole project as data

/**
 * Builds the project model: modules, their functions and imports, and the tests with their
 * expected values. Pure and deterministic.
 */
export function planProject(options = {}) {
  const opts = { ...DEFAULTS, ...options };
  const rng = makeRng(opts.seed);
  const modules = [];
  const areaCount = Math.ceil(opts.sourceFiles / MODULES_PER_AREA);
  for (let i = 0; i < opts.sourceFiles; i++) {
    const areaIndex = Math.floor(i / MODULES_PER_AREA);
    const area = AREAS[areaIndex % AREAS.length] + (areaIndex >= AREAS.length ? String(Math.floor(areaIndex / AREAS.length) + 1) : '');
    const noun = NOUNS[i % MODULES_PER_AREA];
    modules.push({ index: i, area, noun, key: `${area}/${noun}`, file: `src/${area}/${noun}.ts` });
  }
  void areaCount;
  // Test files: the tests of `modulesPerTestFile` consecutive modules of one area share a file,
  // named after them (test/text/core.test.ts alone, test/text/core-buffer.test.ts for two).
  const perTestFile = Math.max(1, opts.modulesPerTestFile ?? 1);
  const testFiles = [];
  for (const mod of modules) {
    const last = testFiles.at(-1);
    const inArea = mod.index % MODULES_PER_AREA;
    if (last && inArea % perTestFile !== 0 && last.area === mod.area) last.modules.push(mod.index);
    else testFiles.push({ area: mod.area, modules: [mod.index] });
  }
  for (const tf of testFiles) {
    tf.file = `test/${tf.area}/${tf.modules.map((i) => modules[i].noun).join('-')}.test.ts`;
    for (const i of tf.modules) modules[i].testFile = tf.file;
  }

  for (const mod of modules) {
    const id = pascal(mod.area) + pascal(mod.noun);
    // Imports: 1-2 earlier modules, mostly close neighbours in the same area, sometimes the
    // "core" module of an earlier area. The very first module imports nothing.
    const deps = [];
    if (mod.index > 0) {
      const want = mod.index === 1 ? 1 : rng.int(1, 2);
      let guard = 0;
      while (deps.length < want && guard++ < 20) {
        let j;
        if (rng.next() < 0.3) j = Math.floor(rng.int(0, mod.index - 1) / MODULES_PER_AREA) * MODULES_PER_AREA;
        else j = Math.max(0, mod.index - rng.int(1, 6));
        if (j !== mod.index && !deps.includes(j)) deps.push(j);
      }
    }
    // Functions: one of each kind, each maybe composed with a dependency's function of the same
    // kind, plus a summary that combines the module's own three.
    const kindNames = ['number', 'string', 'array'];
    const composeWith = {};
    for (const dep of deps) {
      // every import is used at least once
      const free = kindNames.filter((k) => !(k in composeWith));
      composeWith[rng.pick(free.length ? free : kindNames)] = dep;
    }
    for (const k of kindNames) if (!(k in composeWith) && deps.length && rng.next() < 0.25) composeWith[k] = rng.pick(deps);

    const fns = [];
    for (const kind of kindNames) {
      const t = rng.pick(KINDS[kind].templates)(rng);
      fns.push({
        name: t.verb + id,
        kind,
        doc: t.doc,
        template: t,
        dep: composeWith[kind] ?? null, // module index whose same-kind function feeds this one
        exported: true,
      });
    }
    const sep = rng.pick(['|', '/', ' ', ';']);
    fns.push({
      name: 'summarize' + id,
      kind: 'summary',
      doc: `Describes a list: its ${fns[2].template.verb} result's size via ${fns[0].name}, and its items via ${fns[1].name}.`,
      sep,
      exported: true,
    });
    mod.fns = fns;
    mod.deps = deps;
  }
  // Resolve composed calls to function names.
  for (const mod of modules) {
    for (const fn of mod.fns) {
      if (fn.kind === 'summary') {
        fn.calls = [mod.fns[0].name, mod.fns[1].name, mod.fns[2].name];
      } else if (fn.dep !== null) {
        fn.depFn = modules[fn.dep].fns.find((f) => f.kind === fn.kind).name;
        fn.calls = [fn.depFn];
      } else fn.calls = [];
    }
    mod.imports = mod.deps.map((d) => ({
      module: d,
      names: mod.fns.filter((f) => f.dep === d).map((f) => f.depFn),
    }));
  }

  const project = { options: opts, modules, testFiles, mutations: {} };
  const impl = evaluate(project);

  // Tests: testsPerFile `it`s per module, spread over the module's 4 functions, 1-2 expectations each.
  const trng = makeRng(opts.seed ^ 0x5eed);
  for (const mod of modules) {
    const tests = [];
    const used = new Set();
    for (let t = 0; t < opts.testsPerFile; t++) {
      const fn = mod.fns[t % mod.fns.length];
      const expectCount = trng.next() < 0.35 ? 2 : 1;
      const cases = [];
      let guard = 0;
      while (cases.length < expectCount && guard++ < 200) {
        const input = pickInput(fn.kind, trng);
        const sig = fn.name + JSON.stringify(input);
        if (used.has(sig)) continue;
        let out;
        try {
          out = impl[fn.name](structuredClone(input));
        } catch {
          continue;
        }
        if (!isPlainValue(out)) continue;
        used.add(sig);
        cases.push({ input, expected: out });
      }
      if (cases.length === 0) throw new Error(`generate: no usable input for ${fn.name}`);
      tests.push({ fn: fn.name, kind: fn.kind, cases, title: testTitle(fn, cases) });
    }
    // Unique titles within a describe block.
    const seen = new Map();
    for (const t of tests) {
      const k = t.fn + '\0' + t.title;
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      if (n > 1) t.title += ` (${n})`;
    }
    mod.tests = tests;
  }

  project.regression = chooseRegression(project);
  project.fix = chooseFix(project);
  return project;
}

function pickInput(kind, rng) {
  if (kind === 'number') return rng.pick(NUMBER_INPUTS);
  if (kind === 'string') return rng.pick(STRING_INPUTS);
  return rng.pick(ARRAY_INPUTS);
}

/** Finite numbers, no -0, strings and arrays of those: values a literal reproduces exactly. */
function isPlainValue(v) {
  if (typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(isPlainValue);
  return false;
}

function literal(v) {
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (typeof v === 'string') return q(v);
  return String(v);
}

function testTitle(fn, cases) {
  const describeInput = (x) => {
    if (typeof x === 'number') return x < 0 ? 'a negative number' : Number.isInteger(x) ? `${x}` : 'a fraction';
    if (typeof x === 'string') return x === '' ? 'an empty string' : x.trim() !== x ? 'padded text' : `"${x}"`;
    return x.length === 0 ? 'an empty list' : `a list of ${x.length}`;
  };
  if (cases.length > 1) {
    const [a, b] = cases.map((c) => describeInput(c.input));
    if (a !== b) return `handles ${a} and ${b}`;
    const plural = { 'a negative number': 'two negative numbers', 'a fraction': 'two fractions' }[a];
    return `handles ${plural ?? a.replace(/^a list of (\d+)$/, 'two lists of $1')}`;
  }
  return `handles ${describeInput(cases[0].input)}`;
}

// ---------------------------------------------------------------------------------------------
// rendering

function bodyLines(fn, ts, mutations) {
  if (fn.kind === 'summary') {
    const [numFn, strFn, arrFn] = fn.calls;
    const lines = [
      `const picked = ${arrFn}(list);`,
      `const size = ${numFn}(picked.length);`,
      `return size + ${q(fn.sep)} + ${strFn}(picked.join(','));`,
    ];
    return applyMutation(lines, mutations[fn.name]);
  }
  const param = KINDS[fn.kind].param;
  const src = fn.depFn ? `${fn.depFn}(${param})` : param;
  return applyMutation(fn.template.body(src, ts), mutations[fn.name]);
}

function applyMutation(lines, mutation) {
  if (!mutation) return lines;
  const out = [...lines];
  out[mutation.line] = out[mutation.line].replace(mutation.from, mutation.to);
  return out;
}

function signature(fn, ts) {
  if (fn.kind === 'summary') return ts ? `${fn.name}(list: number[]): string` : `${fn.name}(list)`;
  const k = KINDS[fn.kind];
  return ts ? `${fn.name}(${k.tsParam}): ${k.tsReturn}` : `${fn.name}(${k.param})`;
}

function relImport(fromFile, toFile) {
  let rel = path.posix.relative(path.posix.dirname(fromFile), toFile).replace(/\.ts$/, '');
  if (!rel.startsWith('.')) rel = './' + rel;
  return rel;
}

/**
 * The TypeScript source of a module. `mutations` maps function name -> { line, from, to };
 * `docs` function name -> a replacement doc comment.
 */
export function renderModule(project, mod, mutations = {}, docs = {}) {
  const out = [];
  out.push(`// ${mod.key}: ${mod.fns.slice(0, 3).map((f) => f.template.verb).join(', ')} helpers for ${mod.noun} values.`);
  out.push('');
  for (const imp of mod.imports) {
    const dep = project.modules[imp.module];
    out.push(`import { ${[...imp.names].sort().join(', ')} } from '${relImport(mod.file, dep.file)}';`);
  }
  if (mod.imports.length) out.push('');
  for (const fn of mod.fns) {
    out.push(`/** ${docs[fn.name] ?? fn.doc} */`);
    out.push(`export function ${signature(fn, true)} {`);
    for (const line of bodyLines(fn, true, mutations)) out.push('  ' + line);
    out.push('}');
    out.push('');
  }
  return out.join('\n');
}

/**
 * The source of one test file: a describe block per module of `testFile` (an entry of
 * project.testFiles), with a describe block per function. `extraTests` maps function name ->
 * tests ({ title, cases }) appended to that function's block.
 */
export function renderTest(project, testFile, extraTests = {}) {
  const mods = testFile.modules.map((i) => project.modules[i]);
  const out = [];
  out.push(`import { describe, expect, it } from 'vitest';`);
  out.push('');
  for (const mod of mods) out.push(`import { ${mod.fns.map((f) => f.name).join(', ')} } from '${relImport(testFile.file, mod.file)}';`);
  for (const mod of mods) {
    out.push('');
    out.push(`describe(${q(mod.key)}, () => {`);
    const byFn = new Map();
    for (const t of [...mod.tests, ...mod.fns.flatMap((f) => (extraTests[f.name] ?? []).map((t) => ({ ...t, fn: f.name })))]) {
      if (!byFn.has(t.fn)) byFn.set(t.fn, []);
      byFn.get(t.fn).push(t);
    }
    let first = true;
    for (const [fnName, tests] of byFn) {
      if (!first) out.push('');
      first = false;
      out.push(`  describe(${q(fnName)}, () => {`);
      tests.forEach((t, i) => {
        if (i) out.push('');
        out.push(`    it(${q(t.title)}, () => {`);
        for (const c of t.cases) {
          const matcher = Array.isArray(c.expected) ? 'toEqual' : 'toBe';
          out.push(`      expect(${fnName}(${literal(c.input)})).${matcher}(${literal(c.expected)});`);
        }
        out.push('    });');
      });
      out.push('  });');
    }
    out.push('});');
  }
  out.push('');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// evaluation (the oracle for expected values and for choosing the regression)

function evaluate(project, mutations = {}) {
  const parts = ['"use strict";'];
  const names = [];
  for (const mod of project.modules) {
    for (const fn of mod.fns) {
      parts.push(`function ${signature(fn, false)} {\n${bodyLines(fn, false, mutations).join('\n')}\n}`);
      names.push(fn.name);
    }
  }
  parts.push(`return { ${names.join(', ')} };`);
  return new Function(parts.join('\n'))();
}

/** Names ("<key> > <fn> > <title>") of the tests that fail against `impl`. */
function failingTests(project, impl) {
  const failed = [];
  for (const mod of project.modules) {
    for (const t of mod.tests) {
      let ok = true;
      for (const c of t.cases) {
        try {
          if (!isDeepStrictEqual(impl[t.fn](structuredClone(c.input)), c.expected)) ok = false;
        } catch {
          ok = false;
        }
      }
      if (!ok) failed.push(`${mod.key} > ${t.fn} > ${t.title}`);
    }
  }
  return failed;
}

// Plausible one-token bugs: off-by-one, wrong bound, wrong method, wrong constant.
const MUTATIONS = [
  ['i <= limit', 'i < limit'],
  ['value < ', 'value <= '],
  ['toUpperCase()', 'toLowerCase()'],
  ['i % 2 === 0', 'i % 2 === 1'],
  ['% 2 === 0 ?', '% 2 === 1 ?'],
  ['.slice(0, k)', '.slice(1, k)'],
  ['(i % ', '(i / '],
  ['Math.round(', 'Math.floor('],
  ['.reverse()', '.sort()'],
  ['!== 0', '!== 1'],
  ['a - b', 'b - a'],
  ['Math.min(...items)', 'Math.min(...items, 0)'],
  ['/[aeiou]/gi', '/[aeiou]/g'],
  ['+ 1;', '+ 2;'],
  ['picked.length', 'list.length'],
  ['sum + x', 'sum + x + 1'],
];

function chooseRegression(project) {
  // Functions no other module calls, so the change stays inside one module and its test file.
  const called = new Set();
  for (const mod of project.modules) for (const fn of mod.fns) if (fn.kind !== 'summary') for (const c of fn.calls) called.add(c);
  const n = project.modules.length;
  // Start in the middle of the project, so the changed module sits in the import graph's interior.
  // First pass: the helpers themselves (a classic off-by-one or wrong-operator bug); second
  // pass: the summaries.
  for (const pass of ['helpers', 'summaries'])
  for (let step = 0; step < n; step++) {
    const mod = project.modules[(Math.floor(n / 2) + step) % n];
    for (const fn of mod.fns) {
      if (called.has(fn.name) || (fn.kind === 'summary') !== (pass === 'summaries')) continue;
      const lines = bodyLines(fn, true, {});
      for (const [from, to] of MUTATIONS) {
        const line = lines.findIndex((l) => l.includes(from));
        if (line < 0) continue;
        const mutation = { line, from, to };
        const mutations = { [fn.name]: mutation };
        let impl;
        try {
          impl = evaluate(project, mutations);
        } catch {
          continue;
        }
        const failed = failingTests(project, impl);
        if (failed.length >= 1 && failed.length <= 3) {
          return { module: mod.index, file: mod.file, fn: fn.name, mutation, expectedFailures: failed };
        }
      }
    }
  }
  throw new Error('generate: found no single-function change that breaks 1-3 tests');
}

// Realistic fixes of the string helpers: each handles input the helper got wrong (accented
// letters, characters outside the BMP, mixed case, padding) and keeps its results on every input
// the suite already uses. `input`s are tried in order; the first whose result changes is pinned
// by the new test.
const FIXES = [
  {
    verb: 'slugify',
    from: '.toLowerCase()',
    to: ".normalize('NFKD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase()",
    doc: 'Accented letters keep their base letter instead of turning into dashes.',
    title: 'keeps the base letter of accented characters',
    inputs: ['Crème Brûlée', 'Ångström café', 'naïve façade'],
  },
  {
    verb: 'mirror',
    from: "text.split('')",
    to: '[...text]',
    doc: 'Reverses by code point, so emoji and other astral characters survive.',
    title: 'reverses emoji as whole characters',
    inputs: ['ok 👍', 'go 🚀!', '🎉 party'],
  },
  {
    verb: 'tag',
    from: 'text.length',
    to: '[...text].length',
    doc: 'The length counts characters (code points), not UTF-16 code units.',
    title: 'counts an emoji as one character',
    inputs: ['hi 👋', 'ship it 🚀', '🎉'],
  },
  {
    verb: 'title',
    from: 'word.slice(1)',
    to: 'word.slice(1).toLowerCase()',
    doc: 'The rest of each word is lower-cased.',
    title: 'lower-cases the rest of each word',
    inputs: ['hELLO wORLD', 'tHE qUICK fOX', 'aPI cLIENT'],
  },
  {
    verb: 'mask',
    from: '/[aeiou]/gi',
    to: '/[aeiouàáâäèéêëìíîïòóôöùúûü]/gi',
    doc: 'Accented vowels are masked too.',
    title: 'masks accented vowels too',
    inputs: ['café crème', 'über naïve', 'résumé'],
  },
  {
    verb: 'shout',
    from: 'text.toUpperCase()',
    to: 'text.trim().toUpperCase()',
    doc: 'Leading and trailing spaces are dropped first.',
    title: 'drops surrounding spaces before shouting',
    inputs: ['  quiet please  ', ' hey ', 'go '],
  },
  {
    verb: 'pad',
    from: 'text.padStart(',
    to: 'text.trim().padStart(',
    doc: 'Surrounding whitespace is trimmed before padding.',
    title: 'trims surrounding whitespace before padding',
    inputs: ['  42  ', ' ab ', 'x '],
  },
];

/**
 * The substantive change: the first fix (in FIXES order) of a string helper, outside the
 * regression's module and preferably one no other module calls and that calls no other, that keeps every test of the suite
 * passing and changes the helper's result on one of the fix's inputs. Returns the mutation, the
 * helper's new doc comment and the new test ({ title, cases: [{ input, expected }] }).
 */
function chooseFix(project) {
  const called = new Set();
  for (const mod of project.modules) for (const fn of mod.fns) if (fn.kind !== 'summary') for (const c of fn.calls) called.add(c);
  const n = project.modules.length;
  const base = evaluate(project);
  // First a helper that takes its argument as is (its new test reads best: slugify('Crème
  // Brûlée') is 'creme-brulee') and that no other module calls, then any uncalled one, then any.
  for (const pass of ['plain', 'uncalled', 'any'])
  for (const fix of FIXES)
  for (let step = 0; step < n; step++) {
    const mod = project.modules[(Math.floor(n / 3) + step) % n];
    if (n > 1 && mod.index === project.regression.module) continue;
    const fn = mod.fns.find((f) => f.kind === 'string' && f.template.verb === fix.verb);
    if (!fn || (pass !== 'any' && called.has(fn.name)) || (pass === 'plain' && fn.depFn)) continue;
    const lines = bodyLines(fn, true, {});
    const line = lines.findIndex((l) => l.includes(fix.from));
    if (line < 0) continue;
    const mutation = { line, from: fix.from, to: fix.to };
    let impl;
    try {
      impl = evaluate(project, { [fn.name]: mutation });
    } catch {
      continue;
    }
    if (failingTests(project, impl).length) continue;
    for (const input of fix.inputs) {
      let before, after;
      try {
        before = base[fn.name](input);
        after = impl[fn.name](input);
      } catch {
        continue;
      }
      if (!isPlainValue(after) || isDeepStrictEqual(before, after)) continue;
      if (mod.tests.some((t) => t.fn === fn.name && t.title === fix.title)) continue;
      return {
        module: mod.index,
        file: mod.file,
        testFile: mod.testFile,
        fn: fn.name,
        mutation,
        doc: `${fn.doc} ${fix.doc}`,
        test: { title: fix.title, cases: [{ input, expected: after }] },
        before,
      };
    }
  }
  throw new Error('generate: found no string helper to fix without breaking a test');
}

// ---------------------------------------------------------------------------------------------
// writing the project

function writeFile(root, rel, text) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/**
 * Writes the project's files into `dir` (created if missing). Returns the plan plus counts.
 * @param {string} dir
 * @param {{ sourceFiles?: number, testsPerFile?: number, modulesPerTestFile?: number, seed?: number }} [options]
 */
export function generateProject(dir, options = {}) {
  const project = planProject(options);
  fs.mkdirSync(dir, { recursive: true });
  writeFile(dir, 'package.json', JSON.stringify({ name: 'generated', private: true, type: 'module' }, null, 2) + '\n');
  writeFile(dir, '.gitignore', 'node_modules\n');
  writeFile(
    dir,
    'vitest.config.ts',
    `import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({ test: { include: ['test/**/*.test.ts'] } });\n`,
  );
  writeFile(dir, 'tsconfig.json', PROJECT_TSCONFIG);
  for (const mod of project.modules) writeFile(dir, mod.file, renderModule(project, mod));
  for (const tf of project.testFiles) writeFile(dir, tf.file, renderTest(project, tf));
  return {
    project,
    sourceFiles: project.modules.length,
    testFiles: project.testFiles.length,
    tests: project.modules.reduce((s, m) => s + m.tests.length, 0),
    expectations: project.modules.reduce((s, m) => s + m.tests.reduce((t, x) => t + x.cases.length, 0), 0),
  };
}

/** git init + commit everything on `main`, and link node_modules to bench's (vitest 4.1.12). */
export function initRepo(dir, { nodeModules = BENCH_NODE_MODULES } = {}) {
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  git(dir, ['config', 'gc.auto', '0']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'Generated benchmark project']);
  const link = path.join(dir, 'node_modules');
  if (!fs.existsSync(link)) fs.symlinkSync(nodeModules, link, 'dir');
}

// ---------------------------------------------------------------------------------------------
// patches

/** Comment and formatting changes only: same tokens (minus comments), same behaviour. */
function cosmeticRewrite(text, mod) {
  const lines = text.split('\n');
  const out = [];
  for (const line of lines) {
    if (line.startsWith(`// ${mod.key}:`)) {
      out.push('/**');
      out.push(` * ${mod.key}`);
      out.push(' *');
      out.push(` * Pure helpers for ${mod.noun} values. No I/O, no shared state: every function`);
      out.push(' * returns a new value and never mutates its argument.');
      out.push(' */');
      continue;
    }
    const doc = /^\/\*\* (.*) \*\/$/.exec(line);
    if (doc) {
      out.push('/**');
      out.push(` * ${doc[1]}`);
      out.push(' *');
      out.push(' * @remarks Kept side-effect free so it can be memoised by callers.');
      out.push(' */');
      continue;
    }
    const sig = /^export function (\w+)\((.*)\): (.*) \{$/.exec(line);
    if (sig) {
      out.push(`export function ${sig[1]}(`);
      out.push(`  ${sig[2]},`);
      out.push(`): ${sig[3]} {`);
      continue;
    }
    const ret = /^( +)return (.*);$/.exec(line);
    if (ret && ret[2].length > 40 && !ret[2].startsWith('(')) {
      // wrap long return expressions in parentheses over several lines (prettier style)
      out.push(`${ret[1]}return (`);
      out.push(`${ret[1]}  ${ret[2]}`);
      out.push(`${ret[1]});`);
      continue;
    }
    const decl = /^( +)(const|let) (\w+(?:: [\w[\]]+)?) = (.*);$/.exec(line);
    if (decl && decl[4].length > 40) {
      out.push(`${decl[1]}${decl[2]} ${decl[3]} =`);
      out.push(`${decl[1]}  ${decl[4]};`);
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

/**
 * Writes cosmetic.diff, regressive.diff and substantive.diff for the committed project in `dir`
 * into `outDir` (by editing a scratch clone and taking `git diff`). Checks each with `git apply --check`.
 * @returns {{ cosmetic: string, regressive: string, substantive: string, cosmeticFiles: string[], regression: object, fix: object }}
 */
export function writePatches(dir, outDir, options = {}) {
  const project = options.project ?? planProject(options);
  fs.mkdirSync(outDir, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bench-scratch-'));
  try {
    const clone = path.join(scratch, 'clone');
    git(scratch, ['clone', '-q', '--no-hardlinks', dir, clone]);
    const n = project.modules.length;
    const diffArgs = ['diff', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/'];

    // (a) cosmetic: three modules spread over the project
    const picks = [...new Set([Math.floor(n / 5), Math.floor(n / 2) + 1, Math.floor((4 * n) / 5)].map((i) => Math.min(n - 1, i)))];
    for (let i = 0; picks.length < Math.min(3, n); i++) if (!picks.includes(i)) picks.push(i);
    const cosmeticFiles = [];
    for (const i of picks) {
      const mod = project.modules[i];
      const file = path.join(clone, mod.file);
      fs.writeFileSync(file, cosmeticRewrite(fs.readFileSync(file, 'utf8'), mod));
      cosmeticFiles.push(mod.file);
    }
    const cosmetic = path.join(outDir, 'cosmetic.diff');
    fs.writeFileSync(cosmetic, git(clone, diffArgs));
    git(clone, ['checkout', '-q', '--', '.']);

    // (b) regressive: the chosen one-token change
    const reg = project.regression;
    const mod = project.modules[reg.module];
    fs.writeFileSync(path.join(clone, mod.file), renderModule(project, mod, { [reg.fn]: reg.mutation }));
    const regressive = path.join(outDir, 'regressive.diff');
    fs.writeFileSync(regressive, git(clone, diffArgs));
    git(clone, ['checkout', '-q', '--', '.']);

    // (c) substantive: the chosen fix, its doc comment and a new test that pins it
    const fix = project.fix;
    const fixed = project.modules[fix.module];
    fs.writeFileSync(path.join(clone, fixed.file), renderModule(project, fixed, { [fix.fn]: fix.mutation }, { [fix.fn]: fix.doc }));
    const testFile = project.testFiles.find((tf) => tf.file === fix.testFile);
    fs.writeFileSync(path.join(clone, testFile.file), renderTest(project, testFile, { [fix.fn]: [fix.test] }));
    const substantive = path.join(outDir, 'substantive.diff');
    fs.writeFileSync(substantive, git(clone, diffArgs));

    for (const p of [cosmetic, regressive, substantive]) {
      if (fs.statSync(p).size === 0) throw new Error(`generate: ${path.basename(p)} is empty`);
      git(dir, ['apply', '--check', p]);
    }
    return { cosmetic, regressive, substantive, cosmeticFiles, regression: reg, fix };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// all in one

/**
 * Generates, commits and patches a project in a fresh temp dir:
 *   <root>/project  the git repo (node_modules -> bench/node_modules)
 *   <root>/patches  cosmetic.diff, regressive.diff, substantive.diff
 */
export function createGeneratedProject(options = {}) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(options.tmpdir ?? os.tmpdir(), 'pp-bench-gen-')));
  try {
    const dir = path.join(root, 'project');
    const gen = generateProject(dir, options);
    initRepo(dir);
    const patches = writePatches(dir, path.join(root, 'patches'), { project: gen.project });
    return {
      root,
      dir,
      patches,
      stats: { sourceFiles: gen.sourceFiles, testFiles: gen.testFiles, tests: gen.tests, expectations: gen.expectations },
      regression: patches.regression,
      fix: patches.fix,
      cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
    };
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// CLI

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { parseBenchArgs } = await import('./args.mjs');
  const parsed = parseBenchArgs(process.argv.slice(2), (message) => {
    console.error(`generate: ${message}`);
    process.exit(2);
  });
  if (parsed.help) {
    console.log('usage: node bench/generate.mjs [--source-files N] [--tests-per-file N] [--modules-per-test-file N] [--dir DIR]');
    process.exit(0);
  }
  const options = { sourceFiles: parsed.sourceFiles, testsPerFile: parsed.testsPerFile, modulesPerTestFile: parsed.modulesPerTestFile };
  if (parsed.dir) {
    fs.mkdirSync(parsed.dir, { recursive: true });
    options.tmpdir = parsed.dir;
  }
  const p = createGeneratedProject(options);
  const { cosmetic, regressive, substantive } = p.patches;
  console.log(JSON.stringify({ root: p.root, dir: p.dir, patches: { cosmetic, regressive, substantive }, stats: p.stats, regression: p.regression, fix: p.fix }, null, 2));
}
