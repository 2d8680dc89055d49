// Runs inside the project's own vitest (imported by the generated probe file), so the project's
// transforms, aliases and environment apply to both versions. Imports only fast-check, node
// builtins and other runtime modules: when @patchprobe/core sits in node_modules, vitest loads
// this file with Node itself, not through vite.
import fs from 'node:fs';
import v8 from 'node:v8';
import fc from 'fast-check';
import { UnsupportedDescriptorError, type InterpretContext } from '../interpret-descriptor.js';
import {
  INTENT_KEY,
  intentRecordedOf,
  RETIME_TRIES,
  retimeLimitMs,
  returnedRecordedOf,
  type AfterBehaviour,
  type Counterexample,
  type ExplainedDivergences,
  type DocExamplePlan,
  type DocExampleRun,
  type ProbeEvent,
  type ProbePlan,
  type ProbeTargetPlan,
  type ProbeTargetResult,
} from '../plan.js';
import { classifyDivergence } from './classify.js';
import { cloneDeep } from './clone.js';
import { evaluateDocExampleAsync, type DocExampleOutcome } from './doc-example-eval.js';
import { divergenceShape } from './explain.js';
import { sameOutcome } from './compare.js';
import { internal, message, ProbeInternalError } from './errors.js';
import { isFunctionMark, restoreFunctions, sampleArbitrary, type Sample } from './inputs.js';
import { observe } from './observe.js';
import { Yielded, type Outcome } from './outcome.js';
import { extremesOf } from './realistic.js';
import { renderCall, renderOutcome } from './render.js';
import { Watchdog } from './watchdog.js';

type ModuleRecord = Record<string, unknown>;
export type ModuleLoaders = Record<string, { before: () => Promise<ModuleRecord>; after: () => Promise<ModuleRecord> }>;

type Call = (sample: Sample) => unknown;

// Async calls time out inside `observe`; the watchdog only has to catch a blocked event loop.
const ASYNC_WATCHDOG_SLACK_MS = 2000;

export async function runProbes(planFile: string, loaders: ModuleLoaders): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as ProbePlan;
  const emit = (event: ProbeEvent): void => fs.appendFileSync(plan.resultsFile, `${JSON.stringify(event)}\n`);
  const watchdog = await Watchdog.start(plan.hangFile);
  // Patched code that logs on every call would flood vitest's console capture and slow the probe
  // down by orders of magnitude; nothing it prints is evidence.
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  const mute = (): void => {
    console.log = console.info = console.warn = console.error = console.debug = () => {};
  };
  mute();
  try {
    const instanceModules = await loadInstanceModules(plan.targets, loaders);
    if (plan.recordedFile !== undefined) {
      const recorded = await awaitRecorded(plan.recordedFile);
      for (const target of plan.targets) {
        target.recorded = recorded[target.id] ?? target.recorded;
        target.returnedRecorded = returnedRecordedOf(target.id, recorded) ?? target.returnedRecorded;
        target.intentRecorded = intentRecordedOf(target.id, recorded) ?? target.intentRecorded;
      }
      plan.anyIntent ||= Object.keys(recorded).some((key) => key.endsWith(INTENT_KEY));
    }
    for (const target of plan.targets) {
      emit({ type: 'start', id: target.id });
      const result = await probeTarget(target, plan, loaders, instanceModules, watchdog, (r) => emit({ type: 'provisional', result: r }));
      emit({ type: 'result', result });
    }
    // After the probes: a documented example that hangs ends the process with every probe done.
    for (const doc of plan.docExamples ?? []) emit({ type: 'doc-example', run: await runDocExample(doc, plan, loaders, watchdog) });
  } finally {
    Object.assign(console, saved);
    await watchdog.stop();
  }
}

async function runDocExample(doc: DocExamplePlan, plan: ProbePlan, loaders: ModuleLoaders, watchdog: Watchdog): Promise<DocExampleRun> {
  const load = async (module: string | undefined, side: 'before' | 'after'): Promise<ModuleRecord | string> => {
    const loader = module === undefined ? undefined : loaders[module];
    if (!loader) return `no loader for ${module ?? 'the package entry'}`;
    try {
      return await loader[side]();
    } catch (error) {
      return `${module} does not load: ${message(error)}`;
    }
  };
  const evaluate = async (side: 'before' | 'after', scope: ModuleRecord): Promise<DocExampleOutcome> => {
    watchdog.describe(`doc:${doc.id}`, doc.example.code);
    watchdog.arm(side, plan.callTimeoutMs + ASYNC_WATCHDOG_SLACK_MS);
    try {
      return await evaluateDocExampleAsync(doc.example, scope);
    } finally {
      watchdog.disarm();
    }
  };
  const once = async (side: 'before' | 'after'): Promise<DocExampleOutcome> => {
    const own = await load(doc.module, side);
    if (typeof own === 'string') return { status: 'unrunnable', reason: own };
    const outcome = await evaluate(side, { ...own });
    // Names the module does not export come from the package's entry, the module's own first.
    if (outcome.status !== 'unrunnable' || doc.entry === undefined) return outcome;
    const entry = await load(doc.entry, side);
    return typeof entry === 'string' ? outcome : evaluate(side, { ...entry, ...own });
  };
  const before = await once('before');
  const beforeAgain = await once('before');
  return { id: doc.id, before, beforeAgain, after: await once('after') };
}

/** The recording run's inputs, once patchprobe has written them (it always does, empty when recording failed). */
async function awaitRecorded(file: string): Promise<Record<string, string[]>> {
  for (;;) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[]>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function probeTarget(
  target: ProbeTargetPlan,
  plan: ProbePlan,
  loaders: ModuleLoaders,
  instanceModules: Map<string, ModuleRecord>,
  watchdog: Watchdog,
  onProvisional: (result: ProbeTargetResult) => void,
): Promise<ProbeTargetResult> {
  const started = performance.now();
  const base = {
    id: target.id,
    runs: 0,
    seed: target.seed,
    async: false,
    inputs: { derived: false, complete: false, recorded: target.recorded.length },
  };
  const finish = (r: Partial<ProbeTargetResult> & Pick<ProbeTargetResult, 'outcome'>): ProbeTargetResult => ({
    ...base,
    ...r,
    durationMs: Math.round(performance.now() - started),
  });

  let before: Call;
  let after: Call;
  try {
    const loader = loaders[target.module];
    if (!loader) throw new Error(`no loader for ${target.module}`);
    before = callable(await importSide(loader.before, 'before'), target, 'before');
    after = callable(await importSide(loader.after, 'after'), target, 'after');
  } catch (error) {
    return finish({ outcome: 'inconclusive', reason: message(error) });
  }

  const ctx: InterpretContext = {
    construct: (className, args, module) => {
      const Cls = module === undefined ? undefined : instanceModules.get(module)?.[className];
      if (typeof Cls !== 'function') throw new UnsupportedDescriptorError(`class ${className} could not be loaded`);
      return new (Cls as new (...a: unknown[]) => unknown)(...args);
    },
  };
  // Half the runs at most go to examples (recorded calls and calls built from them), half to random ones.
  const exampleBudget = { maxExamples: Math.max(1, Math.floor(plan.runs / 2)) };
  const inputs = sampleArbitrary(target, target.realisticOnly ? { ...ctx, realistic: true } : ctx, exampleBudget);
  base.inputs = inputs.info;
  if (!inputs.arbitrary) return finish({ outcome: 'inconclusive', reason: inputs.reason ?? 'no inputs could be generated' });

  const name = calleeName(target);
  // Reports show short calls; the counterexample's call must stay valid code for the pasteable test.
  const instanceCall = (sample: Sample, max: number): string => {
    if (target.factory === 'instance') return target.exportName;
    const made = renderCall(target.factory ? target.exportName : `new ${target.exportName}`, sample[0] as unknown[], max);
    return target.factory === 'async' ? `(await ${made})` : made;
  };
  const render = (sample: Sample, max = 200): string =>
    target.member && !target.member.static
      ? `${instanceCall(sample, max)}.${renderCall(target.member.name, sample[1] as unknown[], max)}`
      : renderCall(name, methodArgs(target, sample), max);

  // Why a sample's arguments are outside the realistic ranges (realistic.ts); empty when realistic.
  const extremes = (sample: Sample): string[] =>
    target.member && !target.member.static
      ? extremesOf([...(sample[0] as unknown[]), ...(sample[1] as unknown[])], [
          ...(sample[0] as unknown[]).map((_, i) => (target.factory ? `${target.exportName} argument ${i + 1}` : `constructor argument ${i + 1}`)),
          ...(sample[1] as unknown[]).map((_, i) => `argument ${i + 1}`),
        ])
      : extremesOf(sample);
  const describe = (sample: Sample): void => watchdog.describe(target.id, render(sample), extremes(sample));

  const callTimeoutMs = target.callTimeoutMs ?? plan.callTimeoutMs;
  // Runs one side under the watchdog. Sync results stay sync: fast-check's sync property is an
  // order of magnitude faster than its async one, and most probed functions are pure and sync.
  const beforeHangs = new Set(target.beforeHangs ?? []);
  const run = (fn: Call, side: 'before' | 'after', sample: Sample, limitMs = callTimeoutMs): Outcome | Promise<Outcome> => {
    // The old version never returned on this call in an earlier process: calling it again would end this one too.
    if (fn === before && beforeHangs.size > 0 && beforeHangs.has(render(sample))) return { kind: 'timeout', args: cloneDeep(sample) as unknown[] };
    watchdog.arm(side, limitMs);
    const out = observe(fn, sample, limitMs);
    if (!(out instanceof Promise)) {
      watchdog.disarm();
      return out;
    }
    watchdog.arm(side, limitMs + ASYNC_WATCHDOG_SLACK_MS);
    return out.finally(() => watchdog.disarm());
  };
  // An async call of the new version that times out where the old one settled is timed again, with
  // a longer limit, before it counts: a slower, correct version on a loaded machine may overrun
  // once. Once a timeout has held on every try, later ones of this function are trusted.
  let timeoutConfirmed = false;
  const afterOutcome = async (sample: Sample, b: Outcome, first: Outcome): Promise<Outcome> => {
    if (first.kind !== 'timeout' || b.kind === 'timeout' || timeoutConfirmed) return first;
    for (let i = 0; i < RETIME_TRIES; i++) {
      const again = await run(after, 'after', sample, retimeLimitMs(callTimeoutMs));
      if (again.kind !== 'timeout') return again;
    }
    timeoutConfirmed = true;
    return first;
  };

  let nondeterminism: ProbeTargetResult['nondeterminism'];
  // Samples on which both versions returned: agreement that both threw the same error (a React
  // hook called outside a component, pmndrs/zustand's useShallow) compares no behaviour at all.
  let compared = 0;
  let sharedError: string | undefined;
  // Functions in the results whose code differs between the versions (a factory's returned method,
  // a data-last form's returned function): equal results then compare no behaviour of that code.
  const uncalled = new Set<string>();
  // Those the tests call are called here with the tests' arguments (the recording run keeps them):
  // the first call on which the two versions' functions differ is the counterexample.
  const returnedCalls = decodeReturned(target.returnedRecorded);
  const calledReturned = new Set<string>();
  let viaReturned: ReturnedDivergence | undefined;
  // A returned function that answers with a promise (an async method of what a factory returns) is
  // called after the search, awaited: the sync property cannot wait for it. Its first call shows it
  // is async; from then on its samples are only kept, up to ASYNC_RETURNED_SAMPLES per path.
  const asyncReturned = new Set<string>();
  const pendingReturned: PendingReturned[] = [];
  const agree = (b: Outcome, a: Outcome, sample: Sample): true => {
    if (b.kind === 'returned' || b.kind === 'resolved') {
      compared++;
      if (a.kind === 'returned' || a.kind === 'resolved') viaReturned ??= visitChanged(b.value, a.value, 'result', sample, []);
    } else sharedError ??= renderOutcome(b);
    return true;
  };
  /**
   * The changed functions in two equal values at `base` (the probed function's result, or what a
   * returned function returned: `result()`, `result.run()`), each called with the tests' arguments.
   */
  const visitChanged = (bValue: unknown, aValue: unknown, base: string, sample: Sample, chain: readonly ReturnedStep[]): ReturnedDivergence | undefined => {
    const changed = new Set<string>();
    changedCallables(bValue, aValue, changed, target.exportName, base);
    let found: ReturnedDivergence | undefined;
    for (const where of changed) {
      const calls = returnedCalls.get(where);
      if (!calls) {
        if (uncalled.size < MAX_UNCALLED) uncalled.add(where);
        continue;
      }
      calledReturned.add(where);
      found ??= callReturned({ where, base, calls, bValue, aValue, sample, chain });
    }
    return found;
  };
  // What two returned functions gave the same way may hold changed functions in turn (a curried
  // `add(1)(2)(3)`, a builder's method that returns another object): up to MAX_RETURNED_DEPTH calls.
  const deeper = (job: ReturnedJob, args: unknown[], ob: Outcome, oa: Outcome): ReturnedDivergence | undefined => {
    if ((ob.kind !== 'returned' && ob.kind !== 'resolved') || (oa.kind !== 'returned' && oa.kind !== 'resolved')) return undefined;
    // `job` calls a function at depth chain.length + 2 (the probed function's call is 1). Changed
    // functions below the limit are not called: the probe must not read equivalent on them.
    if (job.chain.length + 3 > MAX_RETURNED_DEPTH) {
      const below = new Set<string>();
      changedCallables(ob.value, oa.value, below, target.exportName, `${job.where}()`);
      for (const where of below) if (uncalled.size < MAX_UNCALLED) uncalled.add(where);
      return undefined;
    }
    return visitChanged(ob.value, oa.value, `${job.where}()`, job.sample, [...job.chain, { where: job.where, base: job.base, args }]);
  };
  /** Calls the function at `where` of both values with each recorded argument list; the first sync call on which they differ, twice the same way. */
  const callReturned = (job: ReturnedJob): ReturnedDivergence | undefined => {
    const { where, calls, sample } = job;
    const fb = functionAt(job.bValue, where, job.base);
    const fa = functionAt(job.aValue, where, job.base);
    if (!fb || !fa) return undefined;
    const defer = (): undefined => {
      asyncReturned.add(where);
      if (pendingReturned.filter((p) => p.job.where === where).length < ASYNC_RETURNED_SAMPLES) pendingReturned.push({ job, fb, fa });
      return undefined;
    };
    if (asyncReturned.has(where)) return defer();
    for (const args of calls) {
      describe(sample);
      const ob = run((s) => fb.fn.apply(fb.self, s), 'before', args);
      const oa = run((s) => fa.fn.apply(fa.self, s), 'after', args);
      // These two settle on their own (observe's promises never reject); the calls are made again, awaited.
      if (ob instanceof Promise || oa instanceof Promise) return defer();
      if (sameOutcome(ob, oa)) {
        const found = deeper(job, args, ob, oa);
        if (found) return found;
        continue;
      }
      const again = run((s) => fb.fn.apply(fb.self, s), 'before', args);
      if (again instanceof Promise || !sameOutcome(ob, again)) continue;
      return { sample, chain: job.chain, base: job.base, where, args, before: ob, after: oa };
    }
    return undefined;
  };
  /** The kept calls of async returned functions, awaited one by one: the first that differs, twice the same way. */
  const callPendingReturned = async (): Promise<ReturnedDivergence | undefined> => {
    // A function that never settles (it waits on a server) costs the call timeout each time: one is enough.
    const hangs = new Set<string>();
    const until = performance.now() + plan.functionBudgetMs;
    // Calls found deeper while these run are added to the list, and this loop reaches them too.
    for (const { job, fb, fa } of pendingReturned) {
      const { where, calls, sample } = job;
      for (const args of calls) {
        if (hangs.has(where) || performance.now() > until) break;
        describe(sample);
        const ob = await run((s) => fb.fn.apply(fb.self, s), 'before', args);
        if (ob.kind === 'timeout') hangs.add(where);
        const oa = await run((s) => fa.fn.apply(fa.self, s), 'after', args);
        if (sameOutcome(ob, oa)) {
          const found = deeper(job, args, ob, oa);
          if (found) return found;
          continue;
        }
        if (!sameOutcome(ob, await run((s) => fb.fn.apply(fb.self, s), 'before', args))) continue;
        // A slower new version that overran the limit once is not a difference.
        if (oa.kind === 'timeout' && ob.kind !== 'timeout') {
          const again = await run((s) => fa.fn.apply(fa.self, s), 'after', args, retimeLimitMs(callTimeoutMs));
          if (sameOutcome(ob, again)) continue;
        }
        return { sample, chain: job.chain, base: job.base, where, args, before: ob, after: oa };
      }
    }
    return undefined;
  };
  const judgeSync = (sample: Sample): boolean => {
    if (nondeterminism) return true;
    describe(sample);
    const b = run(before, 'before', sample) as Outcome;
    const a = run(after, 'after', sample) as Outcome;
    if (sameOutcome(b, a)) return agree(b, a, sample);
    // A function that disagrees with itself (clock, randomness, I/O) says nothing by differing.
    const b2 = run(before, 'before', sample) as Outcome;
    if (!sameOutcome(b, b2)) return noteNondeterministic('before', sample, b, b2);
    const a2 = run(after, 'after', sample) as Outcome;
    if (!sameOutcome(a, a2)) return noteNondeterministic('after', sample, a, a2);
    return false;
  };
  const judgeAsync = async (sample: Sample): Promise<boolean> => {
    if (nondeterminism) return true;
    describe(sample);
    const b = await run(before, 'before', sample);
    const a = await afterOutcome(sample, b, await run(after, 'after', sample));
    if (sameOutcome(b, a)) return agree(b, a, sample);
    const b2 = await run(before, 'before', sample);
    if (!sameOutcome(b, b2)) return noteNondeterministic('before', sample, b, b2);
    const a2 = await afterOutcome(sample, b2, await run(after, 'after', sample));
    if (!sameOutcome(a, a2)) return noteNondeterministic('after', sample, a, a2);
    return false;
  };
  const noteNondeterministic = (side: 'before' | 'after', sample: Sample, first: Outcome, second: Outcome): true => {
    nondeterminism = { side, call: render(sample), first: renderOutcome(first), second: renderOutcome(second) };
    return true;
  };

  // Which mode: call both sides once on the first sample. Also a determinism check for functions
  // whose two versions agree by chance on every sample (both random in the same way). A call the
  // tests make when there is one: a generated first sample may be at a type extreme where the old
  // version never returns (remeda's `range(-Infinity, -2e262)` once its overloads gave numbers),
  // which would end the probe before any realistic input ran.
  const first = inputs.examples[0]?.[0] ?? fc.sample(inputs.arbitrary, { seed: target.seed, numRuns: 1 })[0] ?? [];
  describe(first);
  const probeB = run(before, 'before', first);
  const probeA = run(after, 'after', first);
  const isAsync = probeB instanceof Promise || probeA instanceof Promise;
  base.async = isAsync;
  const b0 = await probeB;
  await probeA;
  const b0again = await run(before, 'before', first);
  if (!sameOutcome(b0, b0again)) noteNondeterministic('before', first, b0, b0again);

  const params = {
    seed: target.seed,
    numRuns: plan.runs,
    interruptAfterTimeLimit: plan.functionBudgetMs,
    examples: inputs.examples,
    // Shrinking calls the old version on inputs near one where it never returned: each new hang
    // costs a probe process. The first divergence found is the counterexample.
    ...(beforeHangs.size > 0 ? { endOnFailure: true } : {}),
  };
  type Search = (arbitrary: fc.Arbitrary<Sample>, examples: [Sample][], realisticOnly?: boolean) => Promise<fc.RunDetails<[Sample]>>;
  // The predicate returns false for a divergence; an exception is the probe's own failure (an input
  // it cannot clone, a generator that throws): not evidence about the patch. fc.pre skips a sample
  // outside the realistic ranges in the realistic search (it must not be caught as a failure).
  const search: Search = async (arbitrary, examples, realisticOnly = false) =>
    isAsync
      ? fc.check(
          fc.asyncProperty(arbitrary, (s) => {
            if (realisticOnly) fc.pre(extremes(s).length === 0);
            return judgeAsync(s).catch(internal);
          }),
          { ...params, examples },
        )
      : fc.check(
          fc.property(arbitrary, (s) => {
            if (realisticOnly) fc.pre(extremes(s).length === 0);
            try {
              return judgeSync(s);
            } catch (e) {
              return internal(e);
            }
          }),
          { ...params, examples },
        );
  const found = (d: fc.RunDetails<[Sample]>): d is fc.RunDetails<[Sample]> & { counterexample: [Sample] } =>
    d.failed && d.counterexample !== null && !(d.errorInstance instanceof ProbeInternalError);

  // Both versions once more on the counterexample, then what the report needs of it.
  const counterexampleOf = async (sample: Sample, path: string | undefined, how: Counterexample['search'], shrinks: number): Promise<Counterexample> => {
    describe(sample);
    const b = await run(before, 'before', sample);
    const a = await afterOutcome(sample, b, await run(after, 'after', sample));
    const divergence = classifyDivergence(b, a);
    const why = extremes(sample);
    return {
      call: render(sample, Number.POSITIVE_INFINITY),
      argsText: methodArgs(target, sample).map((v) => fc.stringify(v)),
      ...(target.member && !target.member.static ? { ctorArgsText: (sample[0] as unknown[]).map((v) => fc.stringify(v)) } : {}),
      before: beforeHangs.has(render(sample)) ? `does not return within ${callTimeoutMs} ms (stopped)` : renderOutcome(b),
      after: renderOutcome(a),
      afterBehaviour: behaviour(a),
      divergence: divergence.kind,
      divergenceReason: divergence.reason,
      ...(path ? { path } : {}),
      search: how,
      shrinks,
      ...(why.length > 0 ? { extremes: why } : {}),
    };
  };

  const returnedCounterexample = (d: ReturnedDivergence): Counterexample => {
    const divergence = classifyDivergence(d.before, d.after);
    return {
      call: [render(d.sample, Number.POSITIVE_INFINITY), ...[...d.chain, d].map((step) => `${accessorOf(step.where, step.base)}(${step.args.map((v) => fc.stringify(v)).join(', ')})`)].join(''),
      argsText: methodArgs(target, d.sample).map((v) => fc.stringify(v)),
      ...(target.member && !target.member.static ? { ctorArgsText: (d.sample[0] as unknown[]).map((v) => fc.stringify(v)) } : {}),
      before: renderOutcome(d.before),
      after: renderOutcome(d.after),
      afterBehaviour: behaviour(d.after),
      divergence: divergence.kind,
      divergenceReason: divergence.reason,
      search: 'recorded',
      shrinks: 0,
      via: d.where,
    };
  };

  /**
   * Issue 17 §5: the calls the patch's fail-to-pass tests make show the shapes of divergence the
   * patch means; a second search looks for a divergence of any other shape (runtime/explain.ts).
   * A function those tests never call, in a patch that has them, explains none of its divergences.
   * Methods are left out (their recorded calls are the method's arguments alone).
   */
  const explain = async (): Promise<ExplainedDivergences | undefined> => {
    if (target.member || !inputs.arbitrary) return undefined;
    const intent = decodeCalls(target.intentRecorded ?? []).flatMap((call, i): Sample[] => {
      const restored = restoreFunctions(call, target.params, ctx, target.seed + i);
      return restored ? [restored] : [];
    });
    if (intent.length === 0 && !plan.anyIntent) return undefined;
    const shapes = new Set<string>();
    let intentDiverged = 0;
    for (const sample of intent) {
      describe(sample);
      const b = await run(before, 'before', sample);
      const a = await afterOutcome(sample, b, await run(after, 'after', sample));
      if (sameOutcome(b, a) || !sameOutcome(b, await run(before, 'before', sample))) continue;
      intentDiverged++;
      shapes.add(divergenceShape(b, a));
    }
    const found: ExplainedDivergences = { intentCalls: intent.length, intentDiverged, intentShapes: [...shapes].sort() };
    // Called by those tests, and the same on all their calls: they say nothing about this function's change.
    if (intent.length > 0 && shapes.size === 0) return found;
    // False for a divergence of another shape that each version gives twice the same way, on an
    // input within realistic ranges where the old version returned: something that worked.
    const explained = (s: Sample, b: Outcome, a: Outcome): boolean =>
      sameOutcome(b, a) || (b.kind !== 'returned' && b.kind !== 'resolved') || shapes.has(divergenceShape(b, a)) || extremes(s).length > 0;
    // Inputs at a type extreme are not tried at all: this search goes on past the probe's first
    // divergence, where the old version may never return (remeda's `range(-Infinity, -2e262)`).
    const judgeAsync = async (s: Sample): Promise<boolean> => {
      if (extremes(s).length > 0) return true;
      describe(s);
      const b = await run(before, 'before', s);
      const a = await afterOutcome(s, b, await run(after, 'after', s));
      if (explained(s, b, a)) return true;
      return !(sameOutcome(b, await run(before, 'before', s)) && sameOutcome(a, await afterOutcome(s, b, await run(after, 'after', s))));
    };
    const judgeSync = (s: Sample): boolean => {
      if (extremes(s).length > 0) return true;
      describe(s);
      const b = run(before, 'before', s) as Outcome;
      const a = run(after, 'after', s) as Outcome;
      if (explained(s, b, a)) return true;
      return !(sameOutcome(b, run(before, 'before', s) as Outcome) && sameOutcome(a, run(after, 'after', s) as Outcome));
    };
    const arbitrary = inputs.arbitrary;
    const details = isAsync
      ? await fc.check(fc.asyncProperty(arbitrary, (s) => judgeAsync(s).catch(internal)), { ...params, examples: inputs.examples })
      : fc.check(
          fc.property(arbitrary, (s) => {
            try {
              return judgeSync(s);
            } catch (e) {
              return internal(e);
            }
          }),
          { ...params, examples: inputs.examples },
        );
    if (!details.failed || details.counterexample === null || details.errorInstance instanceof ProbeInternalError) return found;
    // As for the main counterexample: a recorded call is shown as the tests make it.
    const index = details.counterexamplePath === null ? Number.NaN : Number(details.counterexamplePath.split(':')[0]);
    const example = Number.isInteger(index) ? inputs.examples[index] : undefined;
    const sample = example ? example[0] : details.counterexample[0];
    const ce = example
      ? await counterexampleOf(sample, String(index), 'recorded', 0)
      : await counterexampleOf(sample, details.counterexamplePath ?? undefined, 'all', details.numShrinks);
    const b = await run(before, 'before', sample);
    const a = await afterOutcome(sample, b, await run(after, 'after', sample));
    return { ...found, unexplained: { ...ce, shape: divergenceShape(b, a) } };
  };

  let r: fc.RunDetails<[Sample]>;
  try {
    r = await search(inputs.arbitrary, inputs.examples, target.realisticOnly);
  } catch (error) {
    return finish({ outcome: 'inconclusive', reason: `the probe failed: ${message(error)}` });
  }
  const runs = r.numRuns;
  if (r.failed && r.counterexample) {
    if (r.errorInstance instanceof ProbeInternalError) {
      return finish({ outcome: 'inconclusive', runs, reason: `the probe failed: ${message(r.errorInstance)}` });
    }
    let sample = r.counterexample[0];
    let path = r.counterexamplePath ?? undefined;
    let shrinks = r.numShrinks;
    let how: Counterexample['search'] = 'all';
    // A divergence on a recorded call, or on one built from recorded calls, is shown as it was
    // tried: a reader recognises the values the tests use (compareVersions("2.0.0", "2.0.0-rc.1"),
    // toCents(99.99)); fast-check's shrinking of it, without the generator's context, wanders off
    // to calls no one writes (compareVersions("", "-"), toCents(-9.705000000000002)).
    const exampleIndex = path === undefined ? Number.NaN : Number(path.split(':')[0]);
    const example = Number.isInteger(exampleIndex) ? inputs.examples[exampleIndex] : undefined;
    if (example) {
      sample = example[0];
      path = String(exampleIndex);
      shrinks = 0;
      how = 'recorded';
    }
    // A divergence found on a generated input mixed with recorded ones may still be long; a short
    // search on generated inputs alone often finds a smaller call that a reader takes in at once.
    if (!example && inputs.derivedOnly && inputs.examples.length > 0 && render(sample).length > 20) {
      const again = await search(inputs.derivedOnly, []);
      if (found(again) && render(again.counterexample[0]).length < render(sample).length) {
        sample = again.counterexample[0];
        path = again.counterexamplePath ?? undefined;
        shrinks = again.numShrinks;
        how = 'generated';
      }
    }
    // A counterexample at a type extreme (NaN, a date in the year 275760, a huge number) says
    // little about what callers see: keep looking on realistic inputs alone. A divergence found
    // there is the counterexample; the extreme one stays in the report.
    let extremeCounterexample: Counterexample | undefined;
    if (extremes(sample).length > 0 && !target.realisticOnly) {
      const realistic = sampleArbitrary(target, { ...ctx, realistic: true }, exampleBudget);
      if (realistic.arbitrary) {
        const again = await search(realistic.arbitrary, realistic.examples, true);
        if (found(again)) {
          extremeCounterexample = await counterexampleOf(sample, path, how, shrinks);
          sample = again.counterexample[0];
          path = again.counterexamplePath ?? undefined;
          shrinks = again.numShrinks;
          how = 'realistic';
        }
      }
    }
    const counterexample = await counterexampleOf(sample, path, how, shrinks);
    const result = finish({ outcome: 'diverged', runs, counterexample, ...(extremeCounterexample ? { extremeCounterexample } : {}) });
    // The result stands if the search for unexplained divergences hangs or crashes the process.
    onProvisional(result);
    const explained = await explain().catch(() => undefined);
    return explained ? { ...result, explained, durationMs: Math.round(performance.now() - started) } : result;
  }
  if (r.failed) return finish({ outcome: 'inconclusive', runs, reason: `the probe failed: ${message(r.errorInstance)}` });
  if (nondeterminism) return finish({ outcome: 'nondeterministic', runs, nondeterminism, reason: `${nondeterminism.side === 'before' ? 'the old' : 'the new'} version gives different results for the same input` });
  if (runs === 0) return finish({ outcome: 'inconclusive', runs, reason: 'no sample ran within the time budget' });
  if (compared === 0) return finish({ outcome: 'inconclusive', runs, reason: `both versions threw on every input (${sharedError ?? 'an error'}), so no result was compared` });
  viaReturned ??= await callPendingReturned();
  if (viaReturned) return finish({ outcome: 'diverged', runs, counterexample: returnedCounterexample(viaReturned) });
  const notCalled = [...uncalled].filter((where) => !calledReturned.has(where));
  if (notCalled.length > 0) {
    const list = notCalled.map((p) => `\`${p}\``).join(', ');
    return finish({ outcome: 'inconclusive', runs, reason: `its results are equal, but they hold functions whose code the patch changed and that the probes do not call (${list}): their behaviour was not compared` });
  }
  return finish({ outcome: 'equivalent', runs });
}

const MAX_UNCALLED = 5;
/** Recorded argument lists (v8-serialised, base64), decoded; one that does not decode is left out. */
function decodeCalls(calls: readonly string[]): Sample[] {
  return calls.flatMap((b64) => {
    try {
      const v = v8.deserialize(Buffer.from(b64, 'base64')) as unknown;
      return Array.isArray(v) ? [v as Sample] : [];
    } catch {
      return [];
    }
  });
}

/** Recorded argument lists per returned function that the probes replay. */
const MAX_RETURNED_CALLS = 10;

/**
 * Samples kept per async returned function, called awaited after the search: the factory's
 * arguments that make its method differ may be rare (a base URL that ends with its delimiter).
 */
const ASYNC_RETURNED_SAMPLES = 50;

/** Calls deep, counting the probed function's: `f(a)` → `result(b)` → `result()(c)`. */
const MAX_RETURNED_DEPTH = 3;

interface BoundFunction {
  fn: (...args: unknown[]) => unknown;
  self: unknown;
}

/** A returned function's call on the way to a deeper one: its path, the value's path, the arguments. */
interface ReturnedStep {
  where: string;
  base: string;
  args: unknown[];
}

/** The function at `where` in two equal values at `base`, with the tests' argument lists for it. */
interface ReturnedJob {
  where: string;
  base: string;
  calls: unknown[][];
  bValue: unknown;
  aValue: unknown;
  sample: Sample;
  /** The calls that led from the probed function's result to these values. */
  chain: readonly ReturnedStep[];
}

interface PendingReturned {
  job: ReturnedJob;
  fb: BoundFunction;
  fa: BoundFunction;
}

interface ReturnedDivergence extends ReturnedStep {
  sample: Sample;
  chain: readonly ReturnedStep[];
  before: Outcome;
  after: Outcome;
}

function decodeReturned(recorded: Readonly<Record<string, string[]>> | undefined): Map<string, unknown[][]> {
  const out = new Map<string, unknown[][]>();
  for (const [where, calls] of Object.entries(recorded ?? {})) {
    const decoded = calls.slice(0, MAX_RETURNED_CALLS).flatMap((b64) => {
      try {
        const v = v8.deserialize(Buffer.from(b64, 'base64')) as unknown;
        // A call that passed a callback (zustand's state creator gets `set`, `get`): no declared
        // type here to make one from, and both versions failing alike on a placeholder would read
        // as agreement. Left out, so such a function stays "not called".
        return Array.isArray(v) && !v.some(isFunctionMark) ? [v as unknown[]] : [];
      } catch {
        return [];
      }
    });
    if (decoded.length > 0) out.set(where, decoded);
  }
  return out;
}

/**
 * The function at `where` of a value whose own path is `base`: the value itself (`where` is
 * `base`: "result", "result()") or one of its methods ("result.run", "result().run"), and the
 * object it is a method of.
 */
function functionAt(value: unknown, where: string, base: string): BoundFunction | undefined {
  if (where === base) return typeof value === 'function' ? { fn: value as (...args: unknown[]) => unknown, self: undefined } : undefined;
  const key = where.slice(base.length + 1);
  const holder = value as Record<string, unknown> | null;
  const fn = holder && typeof holder === 'object' ? holder[key] : undefined;
  return typeof fn === 'function' ? { fn: fn as (...args: unknown[]) => unknown, self: holder } : undefined;
}

/** `.run` or `["~run"]` for "result.run" / "result.~run" at base "result"; nothing for the value itself. */
function accessorOf(where: string, base: string): string {
  if (where === base) return '';
  const key = where.slice(base.length + 1);
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * Adds to `out` the paths (`result`, `result.~run`, `result[0]`) at which both results hold a
 * function, other than the probed one (`self`), and the two functions' code differs. Looks 3
 * levels deep, at 50 keys per object.
 */
function changedCallables(b: unknown, a: unknown, out: Set<string>, self: string, where = 'result', depth = 0): void {
  if (out.size >= MAX_UNCALLED) return;
  if (typeof b === 'function' && typeof a === 'function') {
    // The probed function itself (valibot's actions carry `reference: toMinValue`) is what the probe calls.
    if (b !== a && b.name !== self && sourceOf(b) !== sourceOf(a)) out.add(where);
    return;
  }
  if (depth >= 3 || b === null || a === null || typeof b !== 'object' || typeof a !== 'object') return;
  const keys = Array.isArray(b) ? [...b.keys()].slice(0, 50).map(String) : Object.keys(b).slice(0, 50);
  for (const key of keys) {
    const next = Array.isArray(b) ? `${where}[${key}]` : `${where}.${key}`;
    changedCallables((b as Record<string, unknown>)[key], (a as Record<string, unknown>)[key], out, self, next, depth + 1);
  }
}

function sourceOf(fn: object): string {
  try {
    return Function.prototype.toString.call(fn);
  } catch {
    return '';
  }
}

function callable(mod: ModuleRecord, target: ProbeTargetPlan, side: 'before' | 'after'): Call {
  const holder = target.exportName === 'default' ? mod.default : mod[target.exportName];
  const where = `${side === 'before' ? 'the old' : 'the new'} ${target.module}`;
  if (holder === undefined) throw new Error(`${where} has no export ${target.exportName}`);
  if (!target.member) {
    if (typeof holder !== 'function') throw new Error(`${target.exportName} in ${where} is not a function`);
    const fn = holder as (...a: unknown[]) => unknown;
    return (sample) => fn(...sample);
  }
  const { name, static: isStatic } = target.member;
  if (isStatic) {
    const owner = holder as Record<string, (...a: unknown[]) => unknown>;
    if (typeof owner[name] !== 'function') throw new Error(`${target.exportName}.${name} in ${where} is not a function`);
    return (sample) => owner[name]!(...sample);
  }
  if (target.factory === 'instance') {
    return (sample) => {
      const method = holder !== null && typeof holder === 'object' ? (holder as Record<string, unknown>)[name] : undefined;
      if (typeof method !== 'function') throw new TypeError(`${target.exportName}.${name} is not a function`);
      return (method as (...a: unknown[]) => unknown).apply(holder, sample[1] as unknown[]);
    };
  }
  if (target.factory) {
    if (typeof holder !== 'function') throw new Error(`${target.exportName} in ${where} is not a function`);
    const make = holder as (...a: unknown[]) => unknown;
    const callOn = (instance: unknown, args: unknown[]): unknown => {
      const method = instance !== null && (typeof instance === 'object' || typeof instance === 'function') ? (instance as Record<string, unknown>)[name] : undefined;
      if (typeof method !== 'function') throw new TypeError(`${target.exportName}(…).${name} is not a function`);
      return (method as (...a: unknown[]) => unknown).apply(instance, args);
    };
    return (sample) => {
      const instance = make(...(sample[0] as unknown[]));
      // An async factory (`Promise<Store>`): the method is called on what it resolves to.
      if (instance instanceof Promise) return instance.then((resolved) => callOn(resolved, sample[1] as unknown[]));
      return callOn(instance, sample[1] as unknown[]);
    };
  }
  if (typeof holder !== 'function') throw new Error(`${target.exportName} in ${where} is not a class`);
  const Cls = holder as new (...a: unknown[]) => Record<string, unknown>;
  return (sample) => {
    const instance = new Cls(...(sample[0] as unknown[]));
    const method = instance[name];
    if (typeof method !== 'function') throw new TypeError(`${target.exportName}.prototype.${name} is not a function`);
    return (method as (...a: unknown[]) => unknown).apply(instance, sample[1] as unknown[]);
  };
}

async function importSide(load: () => Promise<ModuleRecord>, side: 'before' | 'after'): Promise<ModuleRecord> {
  try {
    return await load();
  } catch (error) {
    throw new Error(`${side === 'before' ? 'the old' : 'the new'} module failed to load: ${message(error)}`);
  }
}

async function loadInstanceModules(targets: readonly ProbeTargetPlan[], loaders: ModuleLoaders): Promise<Map<string, ModuleRecord>> {
  const wanted = new Set<string>();
  const walk = (d: unknown): void => {
    if (!d || typeof d !== 'object') return;
    const o = d as { kind?: string; module?: string };
    if (o.kind === 'instance' && typeof o.module === 'string') wanted.add(o.module);
    for (const v of Object.values(d)) walk(v);
  };
  for (const t of targets) walk([t.params, t.ctorParams]);
  const out = new Map<string, ModuleRecord>();
  for (const m of wanted) {
    const loader = loaders[m];
    if (!loader) continue;
    try {
      out.set(m, await loader.after());
    } catch {
      // the instance descriptors of this module become unsupported; the probe says so
    }
  }
  return out;
}

function calleeName(t: ProbeTargetPlan): string {
  if (!t.member) return t.exportName;
  return t.factory && t.factory !== 'instance' ? `${t.exportName}(…).${t.member.name}` : `${t.exportName}.${t.member.name}`;
}

function methodArgs(t: ProbeTargetPlan, sample: Sample): unknown[] {
  return t.member && !t.member.static ? (sample[1] as unknown[]) : sample;
}

function behaviour(o: Outcome): AfterBehaviour {
  switch (o.kind) {
    case 'returned':
    case 'resolved':
      if (!(o.value instanceof Yielded)) return { kind: o.kind, valueText: fc.stringify(o.value) };
      return { kind: o.kind, valueText: fc.stringify(o.value.items), iterated: true, ...(o.value.async ? { async: true } : {}) };
    case 'threw':
      return { kind: o.kind, errorName: o.error.name, message: o.error.message };
    case 'rejected':
      return { kind: o.kind, errorName: o.error.name, message: o.error.message, ...(o.iterated ? { iterated: true } : {}) };
    default:
      return { kind: 'timeout' };
  }
}
