import { Type, type ObjectOptions, type SchemaOptions, type Static, type TInteger, type TLiteral, type TNull, type TObject, type TProperties, type TSchema, type TString, type TUnion } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';

/**
 * The building blocks of the report schema (schema.ts) and of the schemas that check what
 * patchprobe reads back (shard partials, baseline-cache entries).
 */

/** An object with exactly these properties: the report admits no others (`additionalProperties: false`). */
export const Closed = <T extends TProperties>(properties: T, options?: ObjectOptions): TObject<T> => Type.Object(properties, { ...options, additionalProperties: false });

/** One of these strings; the published schema lists them as an `enum`. */
export const StringEnum = <const T extends string>(values: readonly T[], options?: SchemaOptions): TUnion<Array<TLiteral<T>>> =>
  Type.Union(values.map((v) => Type.Literal(v)), options) as TUnion<Array<TLiteral<T>>>;

/** The schema, or null (a stage that did not run). */
export const Nullable = <T extends TSchema>(schema: T, options?: SchemaOptions): TUnion<[TNull, T]> => Type.Union([Type.Null(), schema], options);

/** A count or a duration in whole milliseconds. */
export const Count = (): TInteger => Type.Integer({ minimum: 0 });

/** A 1-based line or column. */
export const Line = (): TInteger => Type.Integer({ minimum: 1 });

/** A sha256 in hex. */
export const Sha256 = (): TString => Type.String({ pattern: '^[0-9a-f]{64}$' });

/**
 * True when A and B are the same type, not merely assignable one way. `true satisfies Equal<…>`
 * then fails to compile when a schema and a type declared elsewhere drift apart.
 */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** A compiled check, built on first use (compiling the bigger schemas costs milliseconds at startup otherwise). */
export function lazyCheck<T extends TSchema>(schema: T): { Check: (value: unknown) => value is Static<T>; Errors: (value: unknown) => Iterable<ValueError> } {
  let compiled: TypeCheck<T> | undefined;
  const check = (): TypeCheck<T> => (compiled ??= TypeCompiler.Compile(schema));
  return { Check: (value): value is Static<T> => check().Check(value), Errors: (value) => check().Errors(value) };
}

/**
 * The paths (`/suites/runs/0/setup`) of every place a value breaks its schema. A union reports
 * the errors of its variants that matched the value's outer shape (a nullable section that is an
 * object reports what is wrong inside it), or itself when none did.
 */
export function errorPaths(errors: Iterable<ValueError>): string[] {
  const out: string[] = [];
  for (const e of errors) {
    if (e.type !== ValueErrorType.Union) {
      out.push(e.path);
      continue;
    }
    const inner = e.errors.map((variant) => [...variant]).filter((list) => list.every((x) => x.path !== e.path));
    if (inner.length === 0) out.push(e.path);
    else for (const list of inner) out.push(...errorPaths(list));
  }
  return out;
}

/** Whether a path is the given one or lies inside it. */
export const within = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`);
