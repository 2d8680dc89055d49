import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_FLAGS, flagsOf } from '../src/options/flags.js';
import { resolveInspectOptions, resolveOptions } from '../src/options/resolve.js';
import { INSPECT_DEFAULTS, OPTION_DEFAULTS, type VerifyOptions } from '../src/options/schema.js';

/** resolveOptions' one line (code: message; hint), or 'ok'. */
const problem = (options: Record<string, unknown>): string => {
  try {
    resolveOptions(options as VerifyOptions);
  } catch (e) {
    return `${(e as { code: string }).code}: ${(e as { oneLine: string }).oneLine}`;
  }
  return 'ok';
};

const HELP = '; run `patchprobe verify --help` for usage';

describe(resolveOptions.name, () => {
  it('fills in every default', () => {
    expect(resolveOptions({})).toEqual({
      cwd: process.cwd(),
      base: 'HEAD',
      after: { kind: 'worktree' },
      reruns: 2,
      suiteTimeoutMs: 600_000,
      scope: undefined,
      typecheck: true,
      typecheckTimeoutMs: 60_000,
      probes: true,
      probeRuns: 200,
      probeTimeoutMs: 1000,
      probeSeed: 1,
      mutation: true,
      maxMutants: 100,
      minMutationScore: 60,
      mutationTimeoutMs: 300_000,
      mutationReportDir: undefined,
      keepTemp: false,
      cacheDir: undefined,
      shard: undefined,
      signal: undefined,
      onEvent: undefined,
    });
  });

  it('passes given values through, and null counts as not given', () => {
    const signal = new AbortController().signal;
    const onEvent = (): void => {};
    expect(resolveOptions({ cwd: '/p', head: 'h', scope: ['a'], cacheDir: 'c', shard: { index: 2, count: 3 }, signal, onEvent, reruns: null as unknown as number })).toMatchObject({
      cwd: '/p',
      after: { kind: 'revision', rev: 'h' },
      scope: ['a'],
      cacheDir: path.resolve('c'),
      shard: { index: 2, count: 3 },
      signal,
      onEvent,
      reruns: 2,
    });
    expect(resolveOptions({ patch: 'p.diff', scope: [] })).toMatchObject({ after: { kind: 'patch', file: 'p.diff' }, scope: undefined });
  });

  // Each numeric option: a good value, the bounds, out of range, and a wrong type, each with its own message.
  it.each([
    [{ reruns: 0 }, 'ok'],
    [{ reruns: 20 }, 'ok'],
    [{ reruns: 21 }, `PP_USAGE: reruns must be a whole number from 0 to 20, got 21${HELP}`],
    [{ reruns: 1.5 }, `PP_USAGE: reruns must be a whole number from 0 to 20, got 1.5${HELP}`],
    [{ reruns: '3' }, `PP_USAGE: reruns must be a whole number from 0 to 20, got 3${HELP}`],
    [{ suiteTimeoutMs: 1.5 }, 'ok'],
    [{ suiteTimeoutMs: 0 }, `PP_USAGE: suite timeout must be positive, got 0${HELP}`],
    [{ suiteTimeoutMs: Number.NaN }, `PP_USAGE: suite timeout must be positive, got NaN${HELP}`],
    [{ suiteTimeoutMs: '5' }, `PP_USAGE: suite timeout must be positive, got 5${HELP}`],
    [{ typecheckTimeoutMs: 0 }, 'ok'],
    [{ typecheckTimeoutMs: 'x' }, `PP_USAGE: typecheckTimeoutMs must be a number, got x${HELP}`],
    [{ probeRuns: 1 }, 'ok'],
    [{ probeRuns: 1_000_000 }, 'ok'],
    [{ probeRuns: 0 }, `PP_USAGE: probe runs must be a whole number from 1 to 1000000, got 0${HELP}`],
    [{ probeRuns: 1_000_001 }, `PP_USAGE: probe runs must be a whole number from 1 to 1000000, got 1000001${HELP}`],
    [{ probeTimeoutMs: 10 }, 'ok'],
    [{ probeTimeoutMs: 9.9 }, `PP_USAGE: probe timeout must be at least 10 ms, got 9.9${HELP}`],
    [{ probeTimeoutMs: '50' }, `PP_USAGE: probe timeout must be at least 10 ms, got 50${HELP}`],
    [{ probeSeed: -5 }, 'ok'],
    [{ probeSeed: 2 ** 40 }, 'ok'],
    [{ probeSeed: 1.5 }, `PP_USAGE: probe seed must be a whole number, got 1.5${HELP}`],
    [{ maxMutants: 100_000 }, 'ok'],
    [{ maxMutants: 0 }, `PP_USAGE: max mutants must be a whole number from 1 to 100000, got 0${HELP}`],
    [{ minMutationScore: 50.5 }, 'ok'],
    [{ minMutationScore: 100.1 }, `PP_USAGE: min mutation score must be a percentage from 0 to 100, got 100.1${HELP}`],
    [{ minMutationScore: -1 }, `PP_USAGE: min mutation score must be a percentage from 0 to 100, got -1${HELP}`],
    [{ mutationTimeoutMs: 10_000 }, 'ok'],
    [{ mutationTimeoutMs: 9999 }, `PP_USAGE: mutation timeout must be at least 10 s, got 9.999 s${HELP}`],
    [{ mutationTimeoutMs: 'x' }, `PP_USAGE: mutation timeout must be at least 10 s, got x${HELP}`],
  ])('%j → %s', (options, expected) => {
    expect(problem(options)).toBe(expected);
  });

  it.each([
    [{ head: 'a', patch: 'b' }, 'PP_USAGE: --head and --patch cannot be used together; pass --head REV to compare two revisions, or --patch FILE to apply a diff on --base'],
    [{ shard: { index: 0, count: 2 } }, 'PP_USAGE: shard must be i/n with 1 ≤ i ≤ n ≤ 1000, got 0/2; pass --shard 1/2, then --shard 2/2, and merge the two results'],
    [{ shard: { index: 3, count: 2 } }, 'PP_USAGE: shard must be i/n with 1 ≤ i ≤ n ≤ 1000, got 3/2; pass --shard 1/2, then --shard 2/2, and merge the two results'],
    [{ shard: { index: 1, count: 1001 } }, 'PP_USAGE: shard must be i/n with 1 ≤ i ≤ n ≤ 1000, got 1/1001; pass --shard 1/2, then --shard 2/2, and merge the two results'],
    [{ shard: 5 }, 'PP_USAGE: shard must be i/n with 1 ≤ i ≤ n ≤ 1000, got undefined/undefined; pass --shard 1/2, then --shard 2/2, and merge the two results'],
    [{ cacheDir: ' ' }, 'PP_USAGE: the cache folder must not be empty; pass a folder, or leave the option out to run without a cache'],
    [{ typecheck: 'no' }, `PP_USAGE: typecheck must be true or false, got no${HELP}`],
    [{ base: 5 }, `PP_USAGE: base must be a string, got 5${HELP}`],
    [{ scope: 'src/**' }, `PP_USAGE: scope must be a list of strings, got src/**${HELP}`],
  ])('%j → %s', (options, expected) => {
    expect(problem(options)).toBe(expected);
  });
});

describe(resolveInspectOptions.name, () => {
  it("has inspectChange's defaults: verify's, but fewer probe runs and no type check", () => {
    expect(resolveInspectOptions({})).toEqual(INSPECT_DEFAULTS);
    expect(INSPECT_DEFAULTS).toEqual({ probes: true, probeRuns: 100, probeTimeoutMs: 1000, probeSeed: 1, typecheck: false, typecheckTimeoutMs: 60_000, suiteTimeoutMs: 600_000 });
    expect(resolveInspectOptions({ probeRuns: 7, probes: false })).toMatchObject({ probeRuns: 7, probes: false });
  });

  it('checks as resolveOptions does', () => {
    expect(() => resolveInspectOptions({ probeRuns: 0 })).toThrow('probe runs must be a whole number from 1 to 1000000, got 0');
  });
});

describe('CLI_FLAGS', () => {
  it('each command has each flag name once', () => {
    for (const command of ['verify', 'gate', 'merge'] as const) {
      const names = flagsOf(command).map((f) => f.name);
      expect(new Set(names).size, command).toBe(names.length);
    }
  });

  // The CLI's bounds, converted to the option's unit, are values the library takes.
  it.each(CLI_FLAGS.flatMap((f) => (f.parse.kind === 'whole' ? [[f.name, f] as const] : [])))('--%s: its range is inside its option’s', (_, flag) => {
    if (flag.parse.kind !== 'whole' || !flag.option) throw new Error('a whole-number flag sets an option');
    for (const n of [flag.parse.min, flag.parse.max]) expect(problem({ [flag.option]: n * flag.parse.scale })).toBe('ok');
    expect(flag.description).toContain(`(default: ${(OPTION_DEFAULTS as unknown as Record<string, number>)[flag.option]! / flag.parse.scale})`);
  });
});
