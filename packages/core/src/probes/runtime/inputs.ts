// The arguments a probed function is called with: generated from its parameter descriptors,
// recorded from the project's suite, and recorded ones with one argument replaced (probe runtime,
// see outcome.ts).
import v8 from 'node:v8';
import fc from 'fast-check';
import { isComplete, unsupportedReason, type ParameterDescriptor } from '../arbitrary-descriptor.js';
import { argsArbitrary, toArbitrary, type InterpretContext } from '../interpret-descriptor.js';
import type { ProbeTargetPlan, ProbeTargetResult } from '../plan.js';
import { message } from './errors.js';
import { extremesOf, STAND_IN } from './realistic.js';
import { realisticCalls, recordedPrimitives, shapeOf, withArg } from '../realistic-values.js';

/** A sample: the arguments of one call; for methods, [constructor arguments, method arguments]. */
export type Sample = unknown[];

/**
 * A target's inputs: recorded calls first (as examples), then a mix of generated, recorded and
 * mutated recorded ones; `derivedOnly` is the generated part alone, for a second, shorter search.
 * With `ctx.realistic`, only values within the realistic ranges (realistic.ts) are generated and
 * only realistic recorded calls are kept.
 */
export function sampleArbitrary(
  target: ProbeTargetPlan,
  outerCtx: InterpretContext,
  options: { maxExamples?: number } = {},
): { arbitrary?: fc.Arbitrary<Sample>; derivedOnly?: fc.Arbitrary<Sample>; examples: [Sample][]; info: ProbeTargetResult['inputs']; reason?: string } {
  const recorded = target.recorded.flatMap((b64, index) => {
    try {
      const v = v8.deserialize(Buffer.from(b64, 'base64')) as unknown;
      const call = Array.isArray(v) ? restoreFunctions(v, target.params, outerCtx, target.seed + index) : undefined;
      // The realistic search keeps only the recorded calls within the realistic ranges.
      return call && !(outerCtx.realistic && extremesOf(call).length > 0) ? [call] : [];
    } catch {
      return [];
    }
  });
  // The strings and numbers the suite passes steer generation towards values of their shape.
  // So do the literals of the lines the patch changed (a threshold it moves), with or without tests.
  const primitives = withLiterals(recorded.length > 0 ? recordedPrimitives(recorded) : undefined, target.literals);
  const ctx: InterpretContext = primitives ? { ...outerCtx, recorded: primitives } : outerCtx;
  // An overloaded function is called through one of its signatures at a time (issue 17 §3): what
  // callers can pass, where the implementation's parameters (`...args: unknown[]`) say little.
  const signatures = target.overloads && target.overloads.length > 0 ? target.overloads : [target.params];
  const allParams = [...(target.ctorParams ?? []), ...signatures.flat()];
  const complete = allParams.every((p) => isComplete(p.descriptor));
  let derived: fc.Arbitrary<unknown[]> | undefined;
  let ctor: fc.Arbitrary<unknown[]> | undefined;
  let reason: string | undefined;
  const bySignature: fc.Arbitrary<unknown[]>[] = [];
  for (const params of signatures) {
    try {
      bySignature.push(argsArbitrary(params, ctx));
    } catch (error) {
      reason ??= `cannot generate arguments: ${firstUnsupported(params) ?? message(error)}`;
    }
  }
  if (bySignature.length > 0) {
    derived = bySignature.length === 1 ? bySignature[0] : fc.oneof(...bySignature);
    reason = undefined;
  }
  const isInstanceMethod = target.member !== undefined && !target.member.static;
  if (isInstanceMethod) {
    try {
      ctor = argsArbitrary(target.ctorParams ?? [], ctx);
    } catch (error) {
      return {
        examples: [],
        info: { derived: false, complete: false, recorded: recorded.length },
        reason: `cannot construct ${target.exportName}: ${firstUnsupported(target.ctorParams ?? []) ?? message(error)}`,
      };
    }
  }
  // Recorded arguments run first (as examples), are drawn again now and then, and are mutated one
  // argument at a time with generated values, so the search starts from what the suite exercises.
  let args: fc.Arbitrary<unknown[]> | undefined;
  if (recorded.length > 0) {
    const fromSuite = fc.constantFrom(...recorded);
    const mutated = derived ? mutateOne(recorded, target.params, ctx) : undefined;
    // One argument of a recorded call replaced by a value of its shape: what a parameter typed
    // `unknown` (a variadic dispatcher) really takes; weighted up when the types say little.
    const reshaped = reshapeOne(recorded, ctx);
    const options = [
      ...(derived ? [{ arbitrary: derived, weight: complete ? 4 : 2 }] : []),
      { arbitrary: fromSuite, weight: 1 },
      ...(mutated ? [{ arbitrary: mutated, weight: 2 }] : []),
      { arbitrary: reshaped, weight: complete ? 1 : 3 },
    ];
    args = fc.oneof(...options);
  } else {
    args = derived;
  }
  const info = { derived: derived !== undefined, complete: derived !== undefined && complete, recorded: recorded.length };
  if (!args) return { examples: [], info, ...(reason ? { reason: `${reason}, and the tests never call it` } : {}) };
  if (isInstanceMethod && ctor) {
    const withCtor = fc.tuple(ctor, args).map(([c, a]): Sample => [c, a]);
    return { arbitrary: withCtor, examples: [], info };
  }
  // Examples run first, in order: the recorded calls, then calls built from them (an argument from
  // another recorded call, a neighbouring number, a string of the same shape): realistic inputs
  // before random ones, and a divergence there is the counterexample a reader recognises.
  const first = recorded.slice(0, MAX_RECORDED_EXAMPLES);
  const built = realisticCalls(recorded, Math.max(0, (options.maxExamples ?? MAX_BUILT_EXAMPLES) - first.length), target.literals).filter((c) => !(ctx.realistic && extremesOf(c).length > 0));
  return { arbitrary: args, ...(derived && recorded.length > 0 ? { derivedOnly: derived } : {}), examples: [...first, ...built].map((r): [Sample] => [r]), info };
}

function withLiterals(
  recorded: { strings: string[]; numbers: number[] } | undefined,
  literals: ProbeTargetPlan['literals'],
): { strings: string[]; numbers: number[] } | undefined {
  if (!literals) return recorded;
  return {
    strings: [...new Set([...(recorded?.strings ?? []), ...literals.strings])],
    numbers: [...new Set([...(recorded?.numbers ?? []), ...literals.numbers])],
  };
}

/** What the recorder writes in place of a function argument (assets/probe-recorder.mjs), with its arity. */
const FUNCTION_MARK = '__patchprobe_function__';

/**
 * A recorded call with each function the recorder could not keep replaced by one generated from
 * the parameter's declared type (a callback of `(x: number) => string` gives strings), the same
 * one for the same seed. Where the type cannot be generated (zustand's `StateCreator<T, Mps, Mcs,
 * U>`), a stand-in that returns undefined, marked so that the call counts as outside the realistic
 * ranges (realistic.ts STAND_IN): its other arguments are still what the tests pass. Undefined for
 * a rest parameter.
 */
export function restoreFunctions(call: unknown[], params: readonly ParameterDescriptor[], ctx: InterpretContext, seed: number): unknown[] | undefined {
  if (!call.some(isFunctionMark)) return call;
  const out = [...call];
  for (let i = 0; i < out.length; i++) {
    if (!isFunctionMark(out[i])) continue;
    const param = params[i];
    if (!param || param.rest) return undefined;
    let value: unknown;
    try {
      [value] = fc.sample(toArbitrary(param.descriptor, ctx), { seed: seed + i, numRuns: 1 });
    } catch {
      value = standIn((out[i] as Record<string, number>)[FUNCTION_MARK] ?? 0);
    }
    if (typeof value !== 'function') return undefined;
    out[i] = value;
  }
  return out;
}

function standIn(arity: number): (...args: unknown[]) => undefined {
  const fn = (): undefined => undefined;
  Object.defineProperty(fn, 'length', { value: arity });
  Object.defineProperty(fn, STAND_IN, { value: true });
  return fn;
}

/** Whether `v` is the recorder's placeholder for a function argument. */
export function isFunctionMark(v: unknown): boolean {
  return v !== null && typeof v === 'object' && Object.keys(v).length === 1 && typeof (v as Record<string, unknown>)[FUNCTION_MARK] === 'number';
}

function reshapeOne(recorded: unknown[][], ctx: InterpretContext): fc.Arbitrary<unknown[]> {
  const number = toArbitrary({ kind: 'number' }, ctx) as fc.Arbitrary<number>;
  const string = toArbitrary({ kind: 'string', maxLength: 40 }, ctx) as fc.Arbitrary<string>;
  return fc
    .constantFrom(...recorded)
    .chain((call) => (call.length === 0 ? fc.constant(call) : fc.nat({ max: call.length - 1 }).chain((i) => shapeOf(call[i], number, string).map((v) => withArg(call, i, v)))));
}

/** Recorded calls run first as they are, at most this many. */
const MAX_RECORDED_EXAMPLES = 20;
/** Examples in all (recorded and built from them) when the caller gives no budget. */
const MAX_BUILT_EXAMPLES = 80;

function mutateOne(recorded: unknown[][], params: readonly ParameterDescriptor[], ctx: InterpretContext): fc.Arbitrary<unknown[]> | undefined {
  const arbs = params.map((p) => {
    if (p.rest) return undefined;
    try {
      const a = toArbitrary(p.descriptor, ctx);
      return p.optional ? fc.option(a, { nil: undefined }) : a;
    } catch {
      return undefined;
    }
  });
  const slots = arbs.flatMap((a, i) => (a ? [i] : []));
  if (slots.length === 0) return undefined;
  return fc.tuple(fc.constantFrom(...recorded), fc.constantFrom(...slots)).chain(([rec, i]) =>
    (arbs[i] as fc.Arbitrary<unknown>).map((v) => withArg(rec, i, v)),
  );
}

function firstUnsupported(params: readonly ParameterDescriptor[]): string | undefined {
  for (const p of params) {
    const r = unsupportedReason(p.descriptor);
    if (r) return `parameter ${p.name}: ${r}`;
  }
  return undefined;
}
