import type { TSchema } from '@sinclair/typebox';
import { ReportSchema } from './schema.js';
import { MutationCountsSchema } from './schema-evidence.js';
import { FindingSchema, TestCountsSchema } from './schema-parts.js';

/** Schemas used more than once, published once under `definitions` and referenced from each place. */
const DEFINITIONS: Record<string, TSchema> = { counts: TestCountsSchema, finding: FindingSchema, mutationCounts: MutationCountsSchema };

/** Keys in the order the published schema shows them; others follow in their own order. */
const KEY_ORDER = ['$schema', '$id', 'title', 'description', 'type', 'const', 'enum', 'additionalProperties', 'required', 'definitions', 'properties', 'items'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * report.schema.json: ReportSchema as plain draft-07 JSON. The shared parts move to `definitions`,
 * a union of literals becomes an `enum`, and a `const` drops the `type` TypeBox adds beside it.
 */
export function reportJsonSchema(): { [key: string]: Json } {
  const refs = new Map<object, string>(Object.entries(DEFINITIONS).map(([name, schema]) => [schema, `#/definitions/${name}`]));
  const root = plain(ReportSchema, refs) as { [key: string]: Json };
  root.definitions = Object.fromEntries(Object.entries(DEFINITIONS).map(([name, schema]) => [name, plain(schema, refs, schema)]));
  return ordered(root);
}

/** The file's text: what scripts/gen-report-schema.mjs writes and a test compares. */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}

function plain(node: unknown, refs: ReadonlyMap<object, string>, self?: object): Json {
  if (Array.isArray(node)) return node.map((x) => plain(x, refs));
  if (node === null || typeof node !== 'object') return node as Json;
  // TypeBox builds schemas from the very objects it is given, so a shared part is found by identity.
  const ref = refs.get(node);
  if (ref !== undefined && node !== self) return { $ref: ref };
  // Object.entries leaves out TypeBox's symbol-keyed bookkeeping.
  const out: { [key: string]: Json } = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, plain(v, refs)]));
  const variants = out.anyOf;
  if (Array.isArray(variants) && variants.every((v) => isConst(v))) {
    delete out.anyOf;
    out.enum = variants.map((v) => (v as { const: Json }).const);
  }
  if (isConst(out)) delete out.type;
  return ordered(out);
}

const isConst = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v) && 'const' in v;

function ordered(node: { [key: string]: Json }): { [key: string]: Json } {
  const rank = (k: string): number => (KEY_ORDER.includes(k) ? KEY_ORDER.indexOf(k) : KEY_ORDER.length);
  return Object.fromEntries(Object.entries(node).sort(([a], [b]) => rank(a) - rank(b)));
}
