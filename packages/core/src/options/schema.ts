import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { ProgressListener } from '../events.js';
import type { Verdict } from '../report/report.js';

/**
 * The options of verifyPatch, runShard and inspectChange, declared once: type, range and default of
 * each (TypeBox), the words its messages use, and its default in the live verdict where that
 * differs. `VerifyOptions` is derived from this schema, resolveOptions (resolve.ts) validates with
 * it, and the CLI's flags (flags.ts) and the vitest plugin's options take their ranges, defaults
 * and types from it.
 *
 * Besides TypeBox's keywords (`default`, `minimum`, …) a property may carry:
 * - `label`: what a message calls the option ("probe runs must be …"; without it, its key);
 * - `shownIn`: how a message states the range: `'ms'`, `'s'` (a value in ms, said in seconds) or `'%'`;
 * - `inspectDefault`: the default of inspectChange (the vitest plugin's live verdict), when it differs.
 */
export interface OptionMeta {
  default?: unknown;
  label?: string;
  shownIn?: 'ms' | 's' | '%';
  inspectDefault?: unknown;
}

export const VERDICTS: readonly Verdict[] = ['substantive', 'cosmetic', 'regressive'];

/** `--fail-on` when not given, and the plugin's `failOn`: the CLI fails on a regression, the plugin never fails a run unless asked. */
export const FAIL_ON_DEFAULTS: { readonly cli: readonly Verdict[]; readonly plugin: readonly Verdict[] } = { cli: ['regressive'], plugin: [] };

/** Slices of one verification at most: `shard.count`, and `--shard I/N`'s N. */
export const MAX_SHARDS = 1000;

/** What the caller passes in as is (not data): accepted without a check. */
const handle = <T>() => Type.Unsafe<T>(Type.Any());

export const VerifyOptionsSchema = Type.Object({
  /** The project under test: a folder inside a git repository. @default process.cwd() */
  cwd: Type.Optional(Type.String()),
  /** The revision before the patch. @default 'HEAD' */
  base: Type.Optional(Type.String({ default: 'HEAD' })),
  /** The revision after the patch. Without `head` and `patch`, "after" is the working tree (untracked, non-ignored files included). */
  head: Type.Optional(Type.String()),
  /** A unified diff (git format) applied on top of `base` to make "after". */
  patch: Type.Optional(Type.String()),
  /** How often a test whose outcome changed is rerun in each setup to rule out flakiness. @default 2 */
  reruns: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, default: 2, label: 'reruns' })),
  /** Wall-clock limit for one vitest run, in milliseconds. @default 600000 */
  suiteTimeoutMs: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 600_000, label: 'suite timeout' })),
  /** Globs (repository-relative) of the files the patch was meant to change; behaviour changes elsewhere are flagged. */
  scope: Type.Optional(Type.Array(Type.String())),
  /**
   * vitest projects (their `test.name`) left out of every run, on both trees: a project of type
   * tests (`typecheck.only`) or of slow browser tests that the patch cannot affect. `*` matches any
   * run of characters and case is ignored, as in vitest's `--project`.
   */
  skipProjects: Type.Optional(Type.Array(Type.String({ pattern: '\\S' }))),
  /** Run the project's TypeScript on both versions and report new errors. @default true */
  typecheck: Type.Optional(Type.Boolean({ default: true, inspectDefault: false })),
  /** Time limit for tsc on each tree (a large project checks them one after the other), in milliseconds; past it the stage is skipped and says so. @default 60000 */
  typecheckTimeoutMs: Type.Optional(Type.Number({ default: 60_000 })),
  /** Run property probes: before vs after of every semantically changed function on generated inputs. @default true */
  probes: Type.Optional(Type.Boolean({ default: true })),
  /** Generated inputs per probed function. @default 200 */
  probeRuns: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 200, inspectDefault: 100, label: 'probe runs' })),
  /** Limit for one call of a probed function, in milliseconds. @default 1000 */
  probeTimeoutMs: Type.Optional(Type.Number({ minimum: 10, default: 1000, label: 'probe timeout', shownIn: 'ms' })),
  /** Seed of the probes' input generation; the same seed gives the same inputs. @default 1 */
  probeSeed: Type.Optional(Type.Integer({ default: 1, label: 'probe seed' })),
  /** Run mutation probes: StrykerJS on the touched declarations, to measure what the tests pin. @default true */
  mutation: Type.Optional(Type.Boolean({ default: true })),
  /** Mutants per Stryker run at most; past it whole lines are sampled evenly over the declarations. @default 100 */
  maxMutants: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 100, label: 'max mutants' })),
  /** A touched declaration whose mutation score (percent) is below this is an `untested-change`. @default 60 */
  minMutationScore: Type.Optional(Type.Number({ minimum: 0, maximum: 100, default: 60, label: 'min mutation score', shownIn: '%' })),
  /** Wall-clock budget of the mutation stage, in milliseconds; a run it stops keeps the mutants tested by then. @default 300000 */
  mutationTimeoutMs: Type.Optional(Type.Number({ minimum: 10_000, default: 300_000, label: 'mutation timeout', shownIn: 's' })),
  /** Write StrykerJS's HTML report of the touched code here (index.html). */
  mutationReportDir: Type.Optional(Type.String()),
  /** Keep the temporary copies for inspection instead of removing them. @default false */
  keepTemp: Type.Optional(Type.Boolean({ default: false })),
  /**
   * Folder of the baseline cache: the before tree's results are stored there and reused by a later
   * run on the same base (same tree, lockfile, vitest config and versions). Absent: no cache, and
   * nothing is written outside the temporary folder. The CLI's `gate` passes
   * `<project>/node_modules/.cache/patchprobe`.
   */
  cacheDir: Type.Optional(Type.String({ pattern: '\\S' })),
  /** Run slice `index` (1-based) of `count` of each suite run: for `runShard`, not `verifyPatch`. */
  shard: Type.Optional(Type.Object({ index: Type.Integer({ minimum: 1 }), count: Type.Integer({ minimum: 1, maximum: MAX_SHARDS }) })),
  /** Aborting cancels the run: child processes are killed and temporary copies removed. */
  signal: Type.Optional(handle<AbortSignal>()),
  onEvent: Type.Optional(handle<ProgressListener>()),
});

/** Options as a caller writes them. Everything is optional except what makes "after". */
export interface VerifyOptions extends Static<typeof VerifyOptionsSchema> {}

export type OptionKey = keyof VerifyOptions;

/** The schema of one option, with its patchprobe metadata. */
export function optionSchema(key: OptionKey): TSchema & OptionMeta {
  return VerifyOptionsSchema.properties[key];
}

/** The options that have a default: resolveOptions fills them in. */
type DefaultedKey = 'base' | 'reruns' | 'suiteTimeoutMs' | 'typecheck' | 'typecheckTimeoutMs' | 'probes' | 'probeRuns' | 'probeTimeoutMs' | 'probeSeed' | 'mutation' | 'maxMutants' | 'minMutationScore' | 'mutationTimeoutMs' | 'keepTemp';
export type OptionDefaults = Required<Pick<VerifyOptions, DefaultedKey>>;
/** The options of each value type that have a default. */
export type DefaultedOf<T> = { [K in DefaultedKey]: OptionDefaults[K] extends T ? K : never }[DefaultedKey];

/** Every option's default, from the schema. */
export const OPTION_DEFAULTS = Object.freeze(
  Object.fromEntries(Object.entries(VerifyOptionsSchema.properties).flatMap(([key, s]: [string, OptionMeta]) => ('default' in s ? [[key, s.default]] : []))),
) as Readonly<OptionDefaults>;

/** What inspectChange (the vitest plugin's live verdict) uses of the options. */
export type InspectKey = 'probes' | 'probeRuns' | 'probeTimeoutMs' | 'probeSeed' | 'typecheck' | 'typecheckTimeoutMs' | 'suiteTimeoutMs';
export type InspectDefaults = Pick<OptionDefaults, InspectKey>;
const INSPECT_KEYS: readonly InspectKey[] = ['probes', 'probeRuns', 'probeTimeoutMs', 'probeSeed', 'typecheck', 'typecheckTimeoutMs', 'suiteTimeoutMs'];

/** The defaults of inspectChange: verify's, except fewer probe runs and no type check (it runs after every test run). */
export const INSPECT_DEFAULTS = Object.freeze(
  Object.fromEntries(INSPECT_KEYS.map((key) => [key, (optionSchema(key).inspectDefault ?? OPTION_DEFAULTS[key]) as unknown])),
) as Readonly<InspectDefaults>;

/** The options not filled in by a default: they stay undefined when not given. */
type PassedKey = 'scope' | 'skipProjects' | 'mutationReportDir' | 'shard' | 'signal' | 'onEvent';

type PassedOptions = { [K in PassedKey]: VerifyOptions[K] };

export interface ResolvedVerifyOptions extends OptionDefaults, PassedOptions {
  cwd: string;
  after: { kind: 'worktree' } | { kind: 'revision'; rev: string } | { kind: 'patch'; file: string };
  /** Absolute. */
  cacheDir: string | undefined;
}
