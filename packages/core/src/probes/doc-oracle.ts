import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../verdict/finding.js';
import { collectDocExamples } from './doc-examples.js';
import type { DocExamplePlan, DocExampleRun } from './plan.js';
import type { DocExample, DocExampleOutcome } from './runtime/doc-example-eval.js';
import type { ProbeTarget } from './targets.js';

/**
 * Documented examples as oracles (issue 17 §4). `parseQuery('token=abc==') // => { token: 'abc==' }`
 * in a doc comment is a promise the library's authors made; no generated input carries it. Each
 * probed function's examples are read from its doc comment in both versions and run on both
 * versions (the probe runtime, after the probes):
 * - an example the patch left as it was, that held before (twice: a promise must be deterministic)
 *   and fails after, is `doc-example-broken`: the code broke a promise the patch did not withdraw;
 * - one that failed before and holds after is `doc-example-fixed`: the code now keeps its promise.
 * An example the patch rewrote or removed is a changed promise, not a broken one: it is counted, not
 * judged. So is one that does not run on the old version, or does not give the same result twice.
 */

/** Examples run per verification at most (a large doc comment set costs little, but not nothing). */
const MAX_EXAMPLES = 200;

export interface PlannedDocExample {
  target: ProbeTarget;
  example: DocExample;
  /** Also in the old doc comment, word for word (setup, expression, expected value). */
  kept: boolean;
}

export interface DocExamplePlanSet {
  plans: DocExamplePlan[];
  meta: Map<string, PlannedDocExample>;
  /** Examples of the old doc comments the patch rewrote or removed. */
  changedByPatch: number;
  /** Example lines that could not be read as an example (prose results, `// throws`, …). */
  unreadable: number;
}

export interface DocExampleSummary {
  /** Examples run on both versions. */
  checked: number;
  held: number;
  broken: number;
  fixed: number;
  /** Run, but not judged: not runnable on the old version, or not deterministic there. */
  ignored: number;
  changedByPatch: number;
  unreadable: number;
}

const keyOf = (e: DocExample): string => JSON.stringify([e.setup, e.code, e.expected]);

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The documented examples of each probed function, in the new doc comments, marked kept or new. */
export function planDocExamples(targets: readonly ProbeTarget[], trees: { beforeRoot: string; afterRoot: string }): DocExamplePlanSet {
  const set: DocExamplePlanSet = { plans: [], meta: new Map(), changedByPatch: 0, unreadable: 0 };
  for (const target of targets) {
    const symbol = target.member ? `${target.exportName}.${target.member.name}` : target.exportName;
    const afterText = read(path.join(trees.afterRoot, target.file));
    if (afterText === undefined) continue;
    const beforeText = read(path.join(trees.beforeRoot, target.file));
    const after = collectDocExamples({ fileName: target.file, text: afterText, symbols: [symbol] });
    const before = beforeText === undefined ? undefined : collectDocExamples({ fileName: target.file, text: beforeText, symbols: [symbol] });
    const old = new Set((before?.examples ?? []).map(keyOf));
    const now = new Set(after.examples.map(keyOf));
    set.changedByPatch += [...old].filter((k) => !now.has(k)).length;
    set.unreadable += after.skipped.length;
    const entry = entryModule(target.file, trees);
    for (const example of after.examples) {
      if (set.plans.length >= MAX_EXAMPLES) break;
      const id = `${target.id}#${set.plans.length}`;
      set.plans.push({ id, module: target.file, ...(entry ? { entry } : {}), example });
      set.meta.set(id, { target, example, kept: old.has(keyOf(example)) });
    }
  }
  return set;
}

const ENTRY_NAMES = ['index.ts', 'index.mts', 'index.tsx', 'index.js', 'index.mjs', 'mod.ts'];

/**
 * The nearest index module in the folder of `file` or above it, up to the repository root, present
 * in both trees (an example's scope must be the same on both sides); not `file` itself.
 */
function entryModule(file: string, trees: { beforeRoot: string; afterRoot: string }): string | undefined {
  for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
    for (const name of ENTRY_NAMES) {
      const candidate = dir === '.' ? name : `${dir}/${name}`;
      if (candidate !== file && fs.existsSync(path.join(trees.afterRoot, candidate)) && fs.existsSync(path.join(trees.beforeRoot, candidate))) return candidate;
    }
    if (dir === '.' || dir === '/' || dir === '') return undefined;
  }
}

const same = (a: DocExampleOutcome, b: DocExampleOutcome): boolean => JSON.stringify(a) === JSON.stringify(b);

function shown(o: DocExampleOutcome): string {
  switch (o.status) {
    case 'holds':
      return 'holds';
    case 'differs':
      return `gives ${o.actual}`;
    case 'throws':
      return `throws ${o.error}`;
    case 'unrunnable':
      return `does not run (${o.reason})`;
  }
}

function expectedOf(o: DocExampleOutcome, example: DocExample): string {
  return o.status === 'differs' ? o.expected : example.expected;
}

/**
 * Findings from the runs. `expectingTest(target)` names a test the patch wrote that expects new
 * behaviour of that function: a broken example is then a warning (the change may be meant and the
 * doc comment stale), not a regression.
 */
export function docExampleFindings(
  runs: readonly DocExampleRun[],
  set: DocExamplePlanSet,
  expectingTest: (t: ProbeTarget) => string | undefined,
): { findings: Finding[]; summary: DocExampleSummary } {
  const summary: DocExampleSummary = { checked: 0, held: 0, broken: 0, fixed: 0, ignored: 0, changedByPatch: set.changedByPatch, unreadable: set.unreadable };
  const findings: Finding[] = [];
  for (const run of runs) {
    const planned = set.meta.get(run.id);
    if (!planned) continue;
    summary.checked += 1;
    const { target, example, kept } = planned;
    const name = target.member ? `${target.exportName}.${target.member.name}` : target.exportName;
    const where = { file: target.file, line: example.line, symbol: target.id };
    const deterministic = same(run.before, run.beforeAgain);
    if (!deterministic || run.before.status === 'unrunnable') {
      summary.ignored += 1;
      continue;
    }
    const heldBefore = run.before.status === 'holds';
    const holdsAfter = run.after.status === 'holds';
    if (heldBefore && holdsAfter) summary.held += 1;
    else if (!kept || run.after.status === 'unrunnable') summary.ignored += 1;
    else if (heldBefore) {
      summary.broken += 1;
      const expecting = expectingTest(target);
      findings.push({
        ...where,
        kind: 'doc-example-broken',
        severity: expecting ? 'warning' : 'error',
        message:
          `\`${name}\` no longer does what its doc comment shows: \`${example.code}\` should be ${expectedOf(run.after, example)}, as it was before the patch; now it ${shown(run.after)}` +
          (expecting ? `. ${expecting} expects a change of \`${name}\`: if this one is meant too, update the example` : '. The patch left the example as it was: fix the code, or change the example if the promise changes'),
      });
    } else if (holdsAfter) {
      summary.fixed += 1;
      findings.push({ ...where, kind: 'doc-example-fixed', severity: 'info', message: `\`${name}\` now does what its doc comment shows: \`${example.code}\` is ${example.expected}; before the patch it ${shown(run.before)}` });
    } else summary.ignored += 1;
  }
  return { findings, summary };
}
