import path from 'node:path';
import { Kind, Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { UsageError } from '../errors.js';
import {
  INSPECT_DEFAULTS,
  MAX_SHARDS,
  OPTION_DEFAULTS,
  optionSchema,
  VerifyOptionsSchema,
  type InspectDefaults,
  type OptionDefaults,
  type OptionKey,
  type OptionMeta,
  type ResolvedVerifyOptions,
  type VerifyOptions,
} from './schema.js';

const checkOptions = TypeCompiler.Compile(VerifyOptionsSchema);

/**
 * The options with every default filled in, checked against VerifyOptionsSchema. A wrong value is
 * a one-line UsageError naming the option and its range; null counts as not given.
 */
export function resolveOptions(raw: VerifyOptions): ResolvedVerifyOptions {
  const given = givenOptions(raw);
  if (given.head !== undefined && given.patch !== undefined) {
    throw new UsageError('--head and --patch cannot be used together', 'pass --head REV to compare two revisions, or --patch FILE to apply a diff on --base');
  }
  assertValid(checkOptions, given);
  const shard = given.shard;
  if (shard !== undefined && shard.index > shard.count) throw invalidOption('shard', shard);
  return {
    ...withDefaults(given, OPTION_DEFAULTS),
    cwd: given.cwd ?? process.cwd(),
    after: given.patch !== undefined ? { kind: 'patch', file: given.patch } : given.head !== undefined ? { kind: 'revision', rev: given.head } : { kind: 'worktree' },
    scope: given.scope && given.scope.length > 0 ? given.scope : undefined,
    skipProjects: given.skipProjects && given.skipProjects.length > 0 ? [...new Set(given.skipProjects)] : undefined,
    mutationReportDir: given.mutationReportDir,
    cacheDir: given.cacheDir === undefined ? undefined : path.resolve(given.cacheDir),
    shard: shard === undefined ? undefined : { index: shard.index, count: shard.count },
    signal: given.signal,
    onEvent: given.onEvent,
  };
}

const INSPECT_KEYS = Object.keys(INSPECT_DEFAULTS) as Array<keyof InspectDefaults>;
const checkInspectOptions = TypeCompiler.Compile(Type.Pick(VerifyOptionsSchema, INSPECT_KEYS));

/**
 * What inspectChange (the vitest plugin's live verdict) uses of the options, checked as
 * resolveOptions checks them, with inspectChange's defaults (INSPECT_DEFAULTS): fewer probe runs
 * and no type check, as it runs after every test run.
 */
export function resolveInspectOptions(raw: Partial<InspectDefaults>): InspectDefaults {
  const given = givenOptions(raw);
  assertValid(checkInspectOptions, given);
  return withDefaults(given, INSPECT_DEFAULTS);
}

/** The options the schema knows, without those that are undefined or null (not given). */
function givenOptions<T extends Partial<VerifyOptions>>(raw: T): T {
  const given: Record<string, unknown> = {};
  for (const key of Object.keys(VerifyOptionsSchema.properties)) {
    const value = (raw as Record<string, unknown>)[key];
    if (value !== undefined && value !== null) given[key] = value;
  }
  return given as T;
}

function withDefaults<D extends Partial<OptionDefaults>>(given: Partial<VerifyOptions>, defaults: D): D {
  return Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, given[key as OptionKey] ?? value])) as D;
}

function assertValid(check: TypeCheck<TSchema>, given: Partial<VerifyOptions>): void {
  if (check.Check(given)) return;
  // The path of the first error is /<option>, or /shard/index inside one.
  const key = (check.Errors(given).First()?.path.split('/')[1] ?? '') as OptionKey;
  throw invalidOption(key, given[key]);
}

/** Options whose message is not "<label> must be <range>, got <value>". */
const OWN_MESSAGES: Partial<Record<OptionKey, (value: unknown) => UsageError>> = {
  cacheDir: () => new UsageError('the cache folder must not be empty', 'pass a folder, or leave the option out to run without a cache'),
  shard: (value) => {
    const shard = value as { index?: unknown; count?: unknown } | undefined;
    return new UsageError(`shard must be i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}, got ${shard?.index}/${shard?.count}`, 'pass --shard 1/2, then --shard 2/2, and merge the two results');
  },
};

function invalidOption(key: OptionKey, value: unknown): UsageError {
  const own = OWN_MESSAGES[key];
  if (own) return own(value);
  const schema = optionSchema(key);
  const shown = schema.shownIn === 's' && typeof value === 'number' ? `${value / 1000} s` : String(value);
  return new UsageError(`${schema.label ?? key} must be ${expected(schema)}, got ${shown}`);
}

/** "a whole number from 0 to 20", "positive", "at least 10 s": the range of an option, in words. */
function expected(schema: TSchema & OptionMeta): string {
  switch (schema[Kind]) {
    case 'Boolean':
      return 'true or false';
    case 'String':
      return 'a string';
    case 'Array':
      return 'a list of strings';
    case 'Integer':
    case 'Number':
      break;
    default:
      return 'valid';
  }
  const { minimum, maximum, exclusiveMinimum, shownIn } = schema as OptionMeta & { minimum?: number; maximum?: number; exclusiveMinimum?: number };
  const number = schema[Kind] === 'Integer' ? 'a whole number' : 'a number';
  const inUnit = (n: number): string => (shownIn === 's' ? `${n / 1000} s` : shownIn === 'ms' ? `${n} ms` : `${n}`);
  if (minimum !== undefined && maximum !== undefined) return `${shownIn === '%' ? 'a percentage' : number} from ${minimum} to ${maximum}`;
  if (exclusiveMinimum === 0 && maximum === undefined) return 'positive';
  if (minimum !== undefined && maximum === undefined) return `at least ${inUnit(minimum)}`;
  return number;
}
