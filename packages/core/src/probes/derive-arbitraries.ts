import { Node, ts, type ClassDeclaration, type ParameterDeclaration, type Symbol as TsSymbol, type Type } from 'ts-morph';
import { canonicalOrder, isComplete, UNDEFINED, type ConstantValue, type Descriptor } from './arbitrary-descriptor.js';
import type { DerivedParameters, ParameterDescriptor, RecordProp } from './arbitrary-descriptor.js';

/** Anything with parameters: function and method declarations, arrows, function expressions, constructors. */
export type FunctionLike = Node & { getParameters(): ParameterDeclaration[] };

// A type met this many times on the current path is cut: `Tree` → children `Tree` → (cut) [].
const MAX_DEPTH = 2;
const MAX_STRING = 20;
const MAX_ARRAY = 5;

interface Ctx {
  /** Where property types are resolved (`getTypeAtLocation`). */
  node: Node;
  visits: Map<string, number>;
}

/** `null`: a recursive type was cut here; the parent drops or empties that branch. */
type Derived = Descriptor | null;

const ANYTHING: Descriptor = { kind: 'anything' };
const CUT_REASON = `recursive type deeper than ${MAX_DEPTH} levels`;
const unsupported = (reason: string): Descriptor => ({ kind: 'unsupported', reason });
const constant = (value: ConstantValue): Descriptor => ({ kind: 'constant', value });

/** Descriptors for the parameters of `fn`, from the type checker (issue 4 §2). */
export function deriveParameters(fn: FunctionLike): DerivedParameters {
  const ctx: Ctx = { node: fn, visits: new Map() };
  const params = fn
    .getParameters()
    .filter((p) => p.getName() !== 'this')
    .map((p) => deriveParameter(p, ctx));
  return { params, complete: params.every((p) => isComplete(p.descriptor)) };
}

/** The descriptor of one type as seen from `node`. */
export function deriveType(type: Type, node: Node): Descriptor {
  return derive(type, { node, visits: new Map() }) ?? unsupported(CUT_REASON);
}

function deriveParameter(p: ParameterDeclaration, ctx: Ctx): ParameterDescriptor {
  const rest = p.isRestParameter();
  // An initializer makes the parameter optional without `?`; the probe passes undefined for both.
  const optional = !rest && (p.hasQuestionToken() || p.hasInitializer());
  const types = optional ? withoutUndefined(p.getType()) : [p.getType()];
  const descriptor = deriveAll(types, ctx) ?? unsupported(CUT_REASON);
  return { name: p.getName(), optional, rest, descriptor };
}

function withoutUndefined(t: Type): Type[] {
  return t.isUnion() ? t.getUnionTypes().filter((u) => !u.isUndefined()) : [t];
}

function deriveAll(types: Type[], ctx: Ctx): Derived {
  const [only] = types;
  return types.length === 1 && only ? derive(only, ctx) : deriveUnion(types, ctx);
}

// Order matters: boolean is the union true|false and an enum is a union of its members, so both
// are checked before isUnion(); any/unknown first because they satisfy no other check reliably.
function derive(t: Type, ctx: Ctx): Derived {
  if (t.isAny() || t.isUnknown()) return ANYTHING;
  if (t.isTypeParameter()) {
    const c = t.getConstraint();
    return c ? derive(c, ctx) : ANYTHING;
  }
  if (t.isUndefined() || t.isVoid()) return UNDEFINED;
  if (t.isNull()) return constant(null);
  if (t.isNever()) return unsupported('never has no values');
  if (t.isBoolean()) return { kind: 'boolean' };
  if (t.isBooleanLiteral()) return constant(t.getText() === 'true');
  if (t.isEnum()) return enumOf(t);
  if (t.isLiteral()) return literal(t);
  if (t.isNumber()) return { kind: 'number' };
  if (t.isString() || t.isTemplateLiteral()) return { kind: 'string', maxLength: MAX_STRING };
  if (t.isBigInt()) return { kind: 'bigint' };
  // `PropertyKey` and `keyof any` are string | number | symbol: without symbols those parameters
  // (and callbacks that return keys, radashi's `group`) could not be generated at all.
  if (t.compilerType.flags & ts.TypeFlags.ESSymbolLike) return { kind: 'symbol' };
  if (t.isUnion()) return deriveUnion(t.getUnionTypes(), ctx);
  // `keyof E` and `E[K]` over a type parameter (an emitter's `on(event: keyof Events)`): what the
  // checker makes of them under the parameters' constraints ('open' | 'close', or string).
  if (t.compilerType.flags & (ts.TypeFlags.Index | ts.TypeFlags.IndexedAccess)) return generic(t, ctx) ?? unsupported(`type ${t.getText()}`);
  // `object` (`T extends object`: zustand's `combine(initialState, create)`): any non-primitive; plain
  // objects of any values are what callers pass.
  if (t.compilerType.flags & ts.TypeFlags.NonPrimitive) return { kind: 'dictionary', key: 'string', value: ANYTHING };
  if (!t.isObject() && !t.isIntersection()) return unsupported(`type ${t.getText()}`);
  return visiting(t, ctx, () => deriveObject(t, ctx));
}

/**
 * `keyof E` and `E[K]` where E is a type parameter, read through E's constraint C: the keys of C
 * (its property names, `string` for a string index signature), and the values of C's properties.
 * E may have more keys than C, so a key that is a name of C is drawn as a constant and, when C has
 * an index signature, as any string. ts-morph has no public way to wrap a compiler type, so the
 * value types go through its type factory (guarded: without it they stay unsupported).
 */
function generic(t: Type, ctx: Ctx): Derived | undefined {
  const checker = ctx.node.getProject().getTypeChecker().compilerObject;
  const factory = (ctx.node as unknown as { _context?: { compilerFactory?: { getType(x: ts.Type): Type } } })._context?.compilerFactory;
  const isIndex = (t.compilerType.flags & ts.TypeFlags.Index) !== 0;
  const object = isIndex ? (t.compilerType as ts.IndexType).type : (t.compilerType as ts.IndexedAccessType).objectType;
  const constraint = object.flags & ts.TypeFlags.TypeParameter ? checker.getBaseConstraintOfType(object) : object;
  if (!constraint || constraint.flags & ts.TypeFlags.TypeParameter) return undefined;
  const props = checker.getPropertiesOfType(constraint).filter((p) => !p.getName().startsWith('__'));
  const indexes = checker.getIndexInfosOfType(constraint);
  if (isIndex) {
    const keys: Descriptor[] = props.map((p) => constant(p.getName()));
    if (indexes.some((i) => i.keyType.flags & ts.TypeFlags.String)) keys.push({ kind: 'string', maxLength: MAX_STRING });
    if (indexes.some((i) => i.keyType.flags & ts.TypeFlags.Number)) keys.push({ kind: 'number' });
    const [first] = keys;
    if (!first) return undefined;
    return keys.length === 1 ? first : { kind: 'oneof', options: canonicalOrder(keys) };
  }
  if (!factory) return undefined;
  const values = [...props.map((p) => checker.getTypeOfSymbolAtLocation(p, ctx.node.compilerNode)), ...indexes.map((i) => i.type)].map((v) => factory.getType(v));
  if (values.length === 0) return undefined;
  return deriveAll(values, ctx);
}

function visiting(t: Type, ctx: Ctx, fn: () => Derived): Derived {
  const key = t.getText();
  const seen = ctx.visits.get(key) ?? 0;
  if (seen >= MAX_DEPTH) return null;
  ctx.visits.set(key, seen + 1);
  try {
    return fn();
  } finally {
    ctx.visits.set(key, seen);
  }
}

function enumOf(t: Type): Descriptor {
  const values = t.getUnionTypes().map((m) => m.getLiteralValue());
  const plain = values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  const name = t.getSymbol()?.getName() ?? t.getText();
  return { kind: 'enum', name, values: plain };
}

function literal(t: Type): Descriptor {
  const v = t.getLiteralValue();
  if (typeof v === 'string' || typeof v === 'number') return constant(v);
  if (v !== undefined) return constant({ bigint: `${v.negative ? '-' : ''}${v.base10Value}` });
  return unsupported(`literal ${t.getText()}`);
}

function deriveUnion(types: Type[], ctx: Ctx): Derived {
  // `boolean | undefined` arrives as `undefined | false | true`: fold the pair back into boolean.
  const isTrue = (u: Type) => u.isBooleanLiteral() && u.getText() === 'true';
  const isFalse = (u: Type) => u.isBooleanLiteral() && u.getText() === 'false';
  const folded = types.some(isTrue) && types.some(isFalse);
  const rest = folded ? types.filter((u) => !u.isBooleanLiteral()) : types;
  const options = rest.map((u) => derive(u, ctx)).filter((d): d is Descriptor => d !== null);
  if (folded) options.push({ kind: 'boolean' });
  const [first] = options;
  if (!first) return null; // every member was cut: the parent must avoid this branch
  return options.length === 1 ? first : { kind: 'oneof', options: canonicalOrder(options) };
}

function deriveObject(t: Type, ctx: Ctx): Derived {
  if (t.isTuple()) return tuple(t, ctx);
  if (t.isArray() || t.isReadonlyArray()) return array(t, ctx);
  if (t.getConstructSignatures().length > 0) return unsupported(`constructor type ${t.getText()}`);
  const builtin = builtinCollection(t, ctx);
  if (builtin !== undefined) return builtin;
  const [call] = t.getCallSignatures();
  if (call && t.getProperties().length === 0) {
    const declared = call.getDeclaration();
    const rest = Node.isFunctionLikeDeclaration(declared) || Node.isFunctionTypeNode(declared) || Node.isCallSignatureDeclaration(declared) || Node.isMethodSignature(declared)
      ? declared.getParameters().some((p) => p.isRestParameter())
      : true;
    const returns = derive(call.getReturnType(), ctx) ?? unsupported(CUT_REASON);
    return rest ? { kind: 'func', returns } : { kind: 'func', returns, arity: call.getParameters().length };
  }
  const cls = classOf(t.getSymbol());
  if (cls) return instance(cls, ctx);
  if (t.isIntersection() && !t.getIntersectionTypes().every((u) => u.isObject())) {
    return unsupported(`intersection with a primitive ${t.getText()}`);
  }
  const name = t.getSymbol()?.getName();
  if (name && !name.startsWith('__') && fromLibrary(t.getSymbol())) return unsupported(`library type ${name}`);
  return objectShape(t, ctx);
}

function tuple(t: Type, ctx: Ctx): Derived {
  const flags = (t.compilerType as ts.TupleTypeReference).target.elementFlags;
  if (flags.some((f) => (f & ts.ElementFlags.Variable) !== 0)) return unsupported(`tuple with rest ${t.getText()}`);
  // Optional elements already carry `| undefined` in their type (no exactOptionalPropertyTypes).
  const items: Descriptor[] = [];
  for (const e of t.getTupleElements()) {
    const d = derive(e, ctx);
    if (d === null) return null;
    items.push(d);
  }
  return { kind: 'tuple', items };
}

function array(t: Type, ctx: Ctx): Derived {
  const [elem] = t.getTypeArguments();
  const item = elem ? derive(elem, ctx) : ANYTHING;
  // Past the depth limit an array of the recursive type is simply empty: an empty tuple.
  if (item === null) return { kind: 'tuple', items: [] };
  const d: Descriptor = { kind: 'array', item, maxLength: MAX_ARRAY };
  return t.isReadonlyArray() ? { ...d, readonly: true } : d;
}

function builtinCollection(t: Type, ctx: Ctx): Derived | undefined {
  const symbol = t.getSymbol();
  if (!symbol || !fromLibrary(symbol)) return undefined;
  const [a, b] = t.getTypeArguments().map((u) => derive(u, ctx) ?? unsupported(CUT_REASON));
  switch (symbol.getName()) {
    case 'Date':
      return { kind: 'date' };
    case 'Map':
    case 'ReadonlyMap':
      return { kind: 'map', key: a ?? ANYTHING, value: b ?? ANYTHING };
    case 'Set':
    case 'ReadonlySet':
      return { kind: 'set', item: a ?? ANYTHING };
    // radashi's async `reduce(array, reducer, init)`: the reducer returns `Promise<K>`.
    case 'Promise':
    case 'PromiseLike':
      return { kind: 'promise', value: a ?? ANYTHING };
    default:
      return undefined;
  }
}

// lib.d.ts and @types live under node_modules (in memory too); their named object types (Promise,
// RegExp, Buffer…) are not plain data, so they are not derived as records of their members.
function fromLibrary(symbol: TsSymbol | undefined): boolean {
  const decls = symbol?.getDeclarations() ?? [];
  return decls.length > 0 && decls.every((d) => d.getSourceFile().isDeclarationFile() && d.getSourceFile().isInNodeModules());
}

function classOf(symbol: TsSymbol | undefined): ClassDeclaration | undefined {
  return symbol?.getDeclarations().find(Node.isClassDeclaration);
}

function instance(cls: ClassDeclaration, ctx: Ctx): Descriptor {
  // A class without its own constructor takes its base class's parameters.
  let ctor = cls.getConstructors()[0];
  for (let base = cls.getBaseClass(); !ctor && base; base = base.getBaseClass()) ctor = base.getConstructors()[0];
  const args = (ctor?.getParameters() ?? [])
    .filter((p) => !p.isRestParameter())
    .map((p) => deriveParameter(p, ctx))
    .map((p): Descriptor => (p.optional ? { kind: 'oneof', options: [UNDEFINED, p.descriptor] } : p.descriptor));
  return { kind: 'instance', className: cls.getName() ?? 'default', module: cls.getSourceFile().getFilePath(), args };
}

function objectShape(t: Type, ctx: Ctx): Derived {
  const props = t.getProperties();
  const index = t.getStringIndexType() ?? t.getNumberIndexType();
  if (props.length === 0 && index) {
    const value = derive(index, ctx) ?? unsupported(CUT_REASON);
    return { kind: 'dictionary', key: t.getStringIndexType() ? 'string' : 'number', value };
  }
  const out: RecordProp[] = [];
  for (const p of props) {
    const optional = p.isOptional();
    const type = p.getTypeAtLocation(ctx.node);
    const value = deriveAll(optional ? withoutUndefined(type) : [type], ctx);
    if (value === null && !optional) return null; // a required recursive member: cut the whole object
    if (value !== null) out.push({ name: p.getName(), value, optional });
  }
  return { kind: 'record', props: out };
}
