// Setup file of patchprobe's recording run: the probed functions of the after tree are wrapped
// (probes/record-plugin.ts) so that the arguments the project's own tests pass to them are kept
// as probe inputs. Serialised before the call, since the call may mutate them; v8 serialisation
// keeps Map, Set, Date, bigint, NaN, -0 and undefined. Values it cannot take (functions) are skipped.
import fs from 'node:fs';
import v8 from 'node:v8';

const file = process.env.PATCHPROBE_RECORD_FILE;
const MAX_PER_FUNCTION = 50;
// The same arguments from another test are kept too (up to this many lines a function): which tests
// make a call tells the probes which calls the patch's own fail-to-pass tests make (issue 17 §5).
const MAX_LINES_PER_FUNCTION = 200;
const MAX_BYTES = 16_384;
const seen = new Map();
const lines = new Map();
// A function argument (a callback: `map(items, (x) => x * 2)`, zustand's `combine(state, create)`)
// cannot be serialised; it is kept as this marker with its arity, and the probes put a function
// generated from the parameter's declared type in its place (runtime/inputs.ts restoreFunctions).
// Before, a call with a callback was not recorded at all.
const FUNCTION_MARK = '__patchprobe_function__';

/** The arguments serialised, top-level functions as markers; throws when something else cannot be. */
function serialize(args) {
  try {
    return v8.serialize(args);
  } catch (error) {
    if (!args.some((a) => typeof a === 'function')) throw error;
    return v8.serialize(args.map((a) => (typeof a === 'function' ? { [FUNCTION_MARK]: a.length } : a)));
  }
}

/** The running test as [absolute file, ...suite titles, title] (vitest's worker state, 0.34 to 4.x), or undefined. */
function currentTest() {
  const task = globalThis.__vitest_worker__?.current;
  if (!task || task.type !== 'test') return undefined;
  const titles = [task.name];
  for (let s = task.suite; s && s !== task.file && s.type === 'suite' && !s.filepath; s = s.suite) titles.unshift(s.name);
  const filepath = task.file?.filepath;
  return typeof filepath === 'string' ? [filepath, ...titles] : undefined;
}

// What a probed function returns may do the work itself: a factory's method (valibot's
// `toMinValue(10)['~run'](dataset)`), a data-last form's function. Those are wrapped too, under
// "<id>::result" and "<id>::result.<key>", so the probes can call them with what the tests pass
// them (the paths are the ones run-probes.ts names them by); what they return in turn, under
// "<path>()" and "<path>().<key>" (a curried `add(1)(2)(3)`), up to MAX_DEPTH calls deep counting
// the probed function's (run-probes.ts MAX_RETURNED_DEPTH). An async
// factory's object is wrapped in place when its promise resolves, before the caller's own reaction
// runs (reactions run in the order they were added): the probes compare what the promises resolve to.
const MAX_DEPTH = 3;

/** Returned functions between the probed function and this one: 0 for "<id>", 1 for "<id>::result", 2 for "<id>::result()"… */
function depthOf(key) {
  const at = key.indexOf('::');
  return at < 0 ? 0 : 1 + (key.slice(at).match(/\(\)/g)?.length ?? 0);
}

/** Wraps the functions of `result`, the value at `path`. */
function recordReturned(path, result) {
  if (typeof result === 'function') return globalThis.__patchprobe_record(path, result);
  if (result instanceof Promise) {
    // The derived promise's rejection is the caller's to see on `result`, not a second unhandled one.
    result.then((value) => void recordReturned(path, value)).catch(() => {});
    return result;
  }
  if (result === null || typeof result !== 'object' || Array.isArray(result) || typeof result.then === 'function') return result;
  const proto = Object.getPrototypeOf(result);
  if (proto !== Object.prototype && proto !== null) return result;
  for (const key of Object.keys(result).slice(0, 20)) {
    if (typeof result[key] !== 'function') continue;
    try {
      result[key] = globalThis.__patchprobe_record(`${path}.${key}`, result[key]);
    } catch {
      // a frozen or read-only object: its functions are not recorded
    }
  }
  return result;
}

globalThis.__patchprobe_record = (id, fn) => {
  if (typeof fn !== 'function' || !file) return fn;
  const wrapped = function (...args) {
    try {
      let set = seen.get(id);
      if (!set) seen.set(id, (set = new Set()));
      let keys = lines.get(id);
      if (!keys) lines.set(id, (keys = new Set()));
      if (keys.size < MAX_LINES_PER_FUNCTION) {
        const b64 = serialize(args).toString('base64');
        const test = currentTest();
        const key = `${b64}\n${JSON.stringify(test ?? null)}`;
        if (b64.length <= MAX_BYTES && !keys.has(key) && (set.has(b64) || set.size < MAX_PER_FUNCTION)) {
          set.add(b64);
          keys.add(key);
          fs.appendFileSync(file, `${JSON.stringify({ id, args: b64, ...(test ? { test } : {}) })}\n`);
        }
      }
    } catch {
      // not serialisable: this call is not kept
    }
    const result = new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
    // The functions in `result` are called at depth + 2 (the probed function's call is 1).
    const depth = depthOf(id);
    if (depth + 2 > MAX_DEPTH) return result;
    return recordReturned(depth === 0 ? `${id}::result` : `${id}()`, result);
  };
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  Object.defineProperty(wrapped, 'length', { value: fn.length });
  return wrapped;
};
