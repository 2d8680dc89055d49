// Documented examples as oracles: `R.add(1, 2) //=> 3` in a JSDoc comment is behaviour the library's
// authors promised, so one that held before a patch and differs after it is evidence no generated
// input gives. collectDocExamples reads them from a module's source (pure, no file system);
// evaluateDocExample(Async) runs one against the module's exports (no TypeScript needed there).
import { ts } from 'ts-morph';
import type { DocExample, DocExampleForm, DocExampleSkipReason } from './runtime/doc-example-eval.js';

export type { DocExample, DocExampleForm, DocExampleOutcome, DocExampleSkipReason } from './runtime/doc-example-eval.js';
export { docValuesEqual, evaluateDocExample, evaluateDocExampleAsync } from './runtime/doc-example-eval.js';

export interface SkippedDocExample {
  symbol: string;
  line: number;
  reason: DocExampleSkipReason;
  /** The example as written, for reports. */
  text: string;
}

export interface DocExampleSet {
  examples: DocExample[];
  skipped: SkippedDocExample[];
}

export interface DocExampleInput {
  fileName: string;
  text: string;
  /** Only these declarations (by exported name; "Class.method" for methods). */
  symbols?: readonly string[];
}

// ─── collecting ──────────────────────────────────────────────────────────────────────────────────

interface DocLine { line: number; text: string }
interface Chunk { sf: ts.SourceFile; first: number }
interface Parsed { chunk: Chunk; state: 'clean' | 'incomplete' | 'broken' }
interface Marker { at: number; comment: string; kind: 'arrow-comment' | 'returns-comment' | 'throws'; expected: string }
/** A statement and the value the docs say it gives, without a marker: `f(x) => y`, `f(x) // y`. */
interface Claim { chunk: Chunk; stmt: ts.ExpressionStatement; expected: ts.Expression; form: 'bare-arrow' | 'value-comment' }
interface Comment { at: number; text: string }
interface Block {
  symbol: string;
  out: DocExampleSet;
  setup: string[];
  declared: Set<string>;
}

/** Every documented example of the module's exported functions, methods and constants. */
export function collectDocExamples(input: DocExampleInput): DocExampleSet {
  const sf = ts.createSourceFile(input.fileName, input.text, ts.ScriptTarget.Latest, true);
  const wanted = input.symbols === undefined ? undefined : new Set(input.symbols);
  const out: DocExampleSet = { examples: [], skipped: [] };
  for (const { symbol, node } of exportedDeclarations(sf)) {
    if (wanted !== undefined && !wanted.has(symbol)) continue;
    for (const lines of sections(docLines(sf, node)).flatMap(codeBlocks)) readBlock(lines, { symbol, out, setup: [], declared: new Set() });
  }
  // An overload and its implementation often repeat one comment: the same example once is enough.
  return {
    examples: once(out.examples, (e) => [e.symbol, e.code, e.expected, ...e.setup].join('\0')),
    skipped: once(out.skipped, (s) => [s.symbol, s.reason, s.text].join('\0')),
  };
}

function once<T>(items: readonly T[], key: (x: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const x of items) if (!byKey.has(key(x))) byKey.set(key(x), x);
  return [...byKey.values()];
}

function exportedDeclarations(sf: ts.SourceFile): Array<{ symbol: string; node: ts.Node }> {
  const listed = new Map<string, string>(); // `export { local as name }`, `export default local`
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && !st.isTypeOnly && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) listed.set((el.propertyName ?? el.name).text, el.name.text);
    } else if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) listed.set(st.expression.text, 'default');
  }
  const exportName = (st: ts.Statement, local: string | undefined): string | undefined => {
    const mods = ts.canHaveModifiers(st) ? (ts.getModifiers(st) ?? []) : [];
    if (mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return 'default';
    if (mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return local;
    return local === undefined ? undefined : listed.get(local);
  };
  const out: Array<{ symbol: string; node: ts.Node }> = [];
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) {
      const symbol = exportName(st, st.name?.text);
      if (symbol === undefined) continue;
      out.push({ symbol, node: st });
      if (ts.isClassDeclaration(st)) out.push(...methodsOf(st, symbol));
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const symbol = ts.isIdentifier(d.name) ? exportName(st, d.name.text) : undefined;
        if (symbol !== undefined) out.push({ symbol, node: st }); // the comment belongs to the statement
      }
    }
  }
  return out;
}

function methodsOf(cls: ts.ClassDeclaration, className: string): Array<{ symbol: string; node: ts.Node }> {
  return cls.members.flatMap((m) => {
    if (!ts.isMethodDeclaration(m) || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) return [];
    const isPrivate = ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword) === true; // examples cannot call it
    return isPrivate ? [] : [{ symbol: `${className}.${m.name.text}`, node: m }];
  });
}

/** The JSDoc comment nearest the declaration, `*` gutters removed, with file lines. */
function docLines(sf: ts.SourceFile, node: ts.Node): DocLine[] {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const doc = ranges.filter((r) => sf.text.startsWith('/**', r.pos) && r.end - r.pos > 4).at(-1);
  if (doc === undefined) return [];
  const first = sf.getLineAndCharacterOfPosition(doc.pos).line + 1;
  return sf.text
    .slice(doc.pos + 3, doc.end - 2)
    .split(/\r?\n/)
    .map((text, i) => ({ line: first + i, text: i === 0 ? text : text.replace(/^\s*\*\s?/, '') }));
}

const FENCE = /^\s*(?:```|~~~)\s*([\w+-]*)/;
const JS_FENCE = /^(?:|[jt]sx?|[cm][jt]s|javascript|typescript)$/i;

/** The description (tag undefined) and each block tag; a `@` inside a code fence starts nothing. */
function sections(lines: readonly DocLine[]): Array<{ tag: string | undefined; lines: DocLine[] }> {
  const out: Array<{ tag: string | undefined; lines: DocLine[] }> = [{ tag: undefined, lines: [] }];
  let fenced = false;
  for (const l of lines) {
    const tag = fenced ? null : /^\s*@(\w+)\s?(.*)$/.exec(l.text);
    const line = tag ? { line: l.line, text: (tag[2] ?? '').replace(/<caption>.*?<\/caption>/, '') } : l;
    if (tag) out.push({ tag: tag[1], lines: [] });
    out.at(-1)?.lines.push(line);
    if (FENCE.test(line.text)) fenced = !fenced;
  }
  return out;
}

/**
 * The code of a section: an @example's fenced blocks, or all of it when it has none; in the
 * description only fenced blocks and lone `f(x) //=> y` lines, because the rest is prose.
 */
function codeBlocks(section: { tag: string | undefined; lines: DocLine[] }): DocLine[][] {
  if (section.tag !== undefined && section.tag !== 'example') return [];
  const fenced: DocLine[][] = [];
  const loose: DocLine[] = [];
  let current: DocLine[] | undefined;
  let inFence = false;
  for (const l of section.lines) {
    const fence = FENCE.exec(l.text);
    if (fence && inFence && current) fenced.push(current);
    if (fence) [inFence, current] = [!inFence, !inFence && JS_FENCE.test(fence[1] ?? '') ? [] : undefined];
    else if (inFence) current?.push(l);
    else loose.push(l);
  }
  if (inFence && current) fenced.push(current);
  if (section.tag === 'example') return fenced.length > 0 ? fenced : [loose];
  return [...fenced, ...loose.filter((l) => markerOf(l.text) !== undefined).map((l) => [l])];
}

/**
 * Splits a block into statements line by line: a line with a `// =>` marker, a bare `=>` or a value
 * comment ends an example; lines that parse are flushed unless the next line continues them;
 * leading lines that can never parse (prose such as "Basic usage:") are dropped.
 */
function readBlock(lines: readonly DocLine[], block: Block): void {
  let buffer: DocLine[] = [];
  lines.forEach((l, i) => {
    const marker = markerOf(l.text);
    const claim = marker ? undefined : (bareArrowOf(buffer, l, block.declared) ?? valueCommentOf(buffer, l, lines[i + 1], block.declared));
    if (claim) {
      onClaim(block, claim);
      buffer = [];
      return;
    }
    buffer.push(marker ? { line: l.line, text: l.text.slice(0, marker.at) } : l);
    const { rest, parsed } = dropBroken(buffer);
    buffer = rest;
    if (marker) {
      onMarker(block, parsed, marker, l);
      buffer = [];
    } else if (parsed?.state === 'clean' && !continues(lines[i + 1], block.declared)) {
      parsed.chunk.sf.statements.forEach((s) => onStatement(block, s, parsed.chunk));
      buffer = [];
    }
  });
  const { parsed } = dropBroken(buffer);
  if (parsed?.state === 'clean') parsed.chunk.sf.statements.forEach((s) => onStatement(block, s, parsed.chunk));
}

const CONTINUATION = /^\s*(?:[.)\]},:?]|&&|\|\||=>)/;

/** The next line goes on with the statement (`.map(…)`, `)`) or says what it gives (`// => y` or `// y` alone, lodash style). */
function continues(next: DocLine | undefined, declared: ReadonlySet<string>): boolean {
  if (next === undefined) return false;
  const marker = markerOf(next.text);
  if (marker !== undefined && next.text.slice(0, marker.at).trim() === '') return true;
  const comment = lastComment(next.text);
  if (comment !== undefined && next.text.slice(0, comment.at).trim() === '' && commentValue(comment.text, declared) !== undefined) return true;
  return CONTINUATION.test(next.text);
}

function parse(lines: readonly DocLine[]): Parsed {
  const text = lines.map((l) => l.text).join('\n');
  const sf = ts.createSourceFile('example.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const errors = parseErrors(sf);
  const end = text.trimEnd().length;
  const state = errors.length === 0 ? 'clean' : errors.every((d) => d.start >= end) ? 'incomplete' : 'broken';
  return { chunk: { sf, first: lines[0]?.line ?? 0 }, state };
}

// Parse errors only at the very end mean "not finished yet"; anywhere else the first line is prose.
function dropBroken(lines: readonly DocLine[]): { rest: DocLine[]; parsed: Parsed | undefined } {
  for (let i = 0; i < lines.length; i++) {
    const parsed = parse(lines.slice(i));
    if (parsed.state !== 'broken') return { rest: lines.slice(i), parsed };
  }
  return { rest: [], parsed: undefined };
}

const parseErrors = (sf: ts.SourceFile): Array<{ start: number }> => (sf as unknown as { parseDiagnostics?: Array<{ start: number }> }).parseDiagnostics ?? [];
const MARKER = /^\/\/\s*(?:(=>|->|→)|(returns?)\b:?|(throws?)\b)\s*(.*)$/i;

/** The line's tokens, comments included; the scanner keeps `"http://x"` a string. */
function tokensOf(text: string): Array<{ kind: ts.SyntaxKind; at: number; text: string }> {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const out: Array<{ kind: ts.SyntaxKind; at: number; text: string }> = [];
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) out.push({ kind: k, at: scanner.getTokenStart(), text: scanner.getTokenText() });
  return out;
}

const lastComment = (text: string): Comment | undefined => tokensOf(text).filter((t) => t.kind === ts.SyntaxKind.SingleLineCommentTrivia).at(-1);

/** The line's last `//` comment when it is a marker. */
function markerOf(text: string): Marker | undefined {
  const comment = lastComment(text);
  const m = comment && MARKER.exec(comment.text);
  if (!comment || !m) return undefined;
  const kind = m[1] ? 'arrow-comment' : m[2] ? 'returns-comment' : 'throws';
  return { at: comment.at, comment: comment.text, kind, expected: (m[4] ?? '').replace(/\s+\/\/.*$/, '').replace(/;\s*$/, '').trim() };
}

function onMarker(block: Block, parsed: Parsed | undefined, marker: Marker, markerLine: DocLine): void {
  const chunk = parsed?.state === 'clean' ? parsed.chunk : undefined;
  const stmts = chunk?.sf.statements ?? [];
  stmts.slice(0, -1).forEach((s) => chunk && onStatement(block, s, chunk));
  const last = stmts.at(-1);
  const line = chunk && last ? lineOf(chunk, last) : markerLine.line;
  const source = last ? last.getText() : markerLine.text.slice(0, marker.at).trim();
  const skip = (reason: DocExampleSkipReason): void => void block.out.skipped.push({ symbol: block.symbol, line, reason, text: `${source} ${marker.comment}`.trim() });
  // Before the code is read: a throwing declaration must not become setup that fails every later example.
  if (marker.kind === 'throws' || THROWS.test(marker.expected)) return skip('throws');
  const code = last && codeOf(block, last);
  if (marker.expected === '' || unbalanced(marker.expected)) return skip('multiline-expected');
  if (code === undefined) return skip('not-an-expression');
  const expected = valueOf(marker.expected, block.declared);
  if (expected === undefined) return skip('prose-expected');
  emit(block, line, code, toJs(expected), marker.kind);
}

// ─── claims without a marker ─────────────────────────────────────────────────────────────────────
// `capitalize('hello') => 'Hello'` and `objectMap(…) // { A: '1' }` (antfu/utils, remeda's string
// functions) say what a statement gives without `//=>`. Nothing marks them as examples, so each is
// taken only when both sides read unambiguously: a misread example is a false alarm later.

/**
 * `<call or member> => <value>` on one line (or the last line of a multi-line call): not JavaScript
 * as written. `x => x * 2` and `(a, b) => a + b` have a name or a parameter list on the left: code.
 */
function bareArrowOf(buffer: readonly DocLine[], l: DocLine, declared: ReadonlySet<string>): Claim | undefined {
  const tokens = tokensOf(l.text);
  const end = tokens.find((t) => t.kind === ts.SyntaxKind.SingleLineCommentTrivia)?.at ?? l.text.length;
  for (const arrow of tokens.filter((t) => t.kind === ts.SyntaxKind.EqualsGreaterThanToken && t.at < end)) {
    const left = lastStatement([...buffer, { line: l.line, text: l.text.slice(0, arrow.at) }]);
    const e = left && unwrapAwait(left.stmt.expression);
    if (!left || !e || !(ts.isCallExpression(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))) continue; // `=>` inside `f(x => 1)` leaves `f(x` on the left
    if (parse([...buffer, l]).state === 'clean') return undefined;
    const expected = valueOf(l.text.slice(arrow.at + 2, end).replace(/;\s*$/, '').trim(), declared);
    return expected && isClosed(expected, declared) ? { ...left, expected, form: 'bare-arrow' } : undefined;
  }
  return undefined;
}

/**
 * `f(x) // value` on one line, or `// value` alone on the line after the statement (lodash style
 * without the `=>`), when the comment is nothing but a value (commentValue) and the statement one
 * whose result it can be (answers). A lone comment directly above lines that carry comments of
 * their own heads them (remeda's `// true` above `isPlainObject({}) //=> true`): not taken.
 */
function valueCommentOf(buffer: readonly DocLine[], l: DocLine, next: DocLine | undefined, declared: ReadonlySet<string>): Claim | undefined {
  const comment = lastComment(l.text);
  const expected = comment && commentValue(comment.text, declared);
  if (!comment || !expected) return undefined;
  const before = l.text.slice(0, comment.at);
  const alone = before.trim() === '';
  // Alone: a heading, see above. After code: the next line may go on with the statement (`.map(…)`), so the comment is mid-expression.
  if (alone ? next !== undefined && lastComment(next.text) !== undefined : CONTINUATION.test(next?.text ?? '')) return undefined;
  const code = lastStatement(alone ? buffer : [...buffer, { line: l.line, text: before }]);
  return code && answers(code.stmt.expression, expected) ? { ...code, expected, form: 'value-comment' } : undefined;
}

/** The last statement of lines that parse (leading prose dropped), when it is an expression. */
function lastStatement(lines: readonly DocLine[]): { chunk: Chunk; stmt: ts.ExpressionStatement } | undefined {
  const { parsed } = dropBroken(lines);
  const last = parsed?.state === 'clean' ? parsed.chunk.sf.statements.at(-1) : undefined;
  const stmt = last && unlabel(last);
  return parsed && stmt && ts.isExpressionStatement(stmt) ? { chunk: parsed.chunk, stmt } : undefined;
}

/**
 * The value a `// …` comment consists of: valueOf's rules on the whole text (no remark cut off, the
 * comment must be ONLY a value), and stricter ones, because ordinary comments are far more common
 * than results: no two words in a row (prose), no operators (`// 1-2` is a range, `// 1, 2` a list),
 * no calls (commented-out code), no name that is not a global or declared (`// {a: string}` is a type).
 */
function commentValue(comment: string, declared: ReadonlySet<string>): ts.Expression | undefined {
  const text = comment.replace(/^\/\/\s*/, '').replace(/;\s*$/, '').trim();
  if (text === '' || isProse(text)) return undefined;
  const value = parseValue(text);
  const plain = value !== undefined && !ts.isBinaryExpression(value) && !ts.isCallExpression(value) && isValue(value, declared) && isClosed(value, declared);
  return plain ? value : undefined;
}

/** A word, a space and another word outside quotes: `Hello Inès! My name is Anthony.`, `the first item`; `new Date(0)` aside. */
function isProse(text: string): boolean {
  const bare = text.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""');
  return /(?<![\p{L}\p{N}_$])(?!new\s)[\p{L}_$][\p{L}\p{N}_$]*\s+[\p{L}_$]/u.test(bare);
}

/** Every name the value reads is declared in the block, a global (`Date`, `Symbol`) or `undefined`/`NaN`/`Infinity`. */
function isClosed(node: ts.Node, declared: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(node)) return LITERAL_NAMES.has(node.text) || declared.has(node.text) || Object.hasOwn(globalThis, node.text);
  if (ts.isFunctionLike(node)) return false; // a function equals only itself: such an example can never hold
  if (ts.isTypeNode(node)) return true; // `[] as string[]`: removed before it runs
  if (ts.isPropertyAccessExpression(node)) return isClosed(node.expression, declared);
  if (ts.isPropertyAssignment(node)) return (!ts.isComputedPropertyName(node.name) || isClosed(node.name, declared)) && isClosed(node.initializer, declared);
  return ts.forEachChild(node, (child) => (isClosed(child, declared) ? undefined : true)) !== true;
}

/**
 * Whether a comment value can be the statement's result. What `console.log(x)` prints is x; a
 * comment after code that logs inside (`pipe(o, forEachObj((v) => console.log(v))) // "a: 1"`) shows
 * the output, not the result. A lone number after anything but a call is more often a count or a
 * step (`xs.length // 3` next to a mutation, `i++ // 1`) than a result, so only `f(x) // 3` counts;
 * the other statements must compute something (not `x = 1`, not a bare name).
 */
function answers(statement: ts.Expression, value: ts.Expression): boolean {
  const e = unwrapAwait(statement);
  const shown = unwrapLog(e);
  if (logs(shown)) return false;
  if (shown !== e) return true;
  if (isNumber(value)) return ts.isCallExpression(e);
  if (ts.isBinaryExpression(e)) return !isAssignment(e.operatorToken.kind) && e.operatorToken.kind !== ts.SyntaxKind.CommaToken;
  return ts.isCallExpression(e) || ts.isNewExpression(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isTaggedTemplateExpression(e);
}

const logs = (node: ts.Node): boolean =>
  (ts.isCallExpression(node) && /^console\./.test(node.expression.getText())) || ts.forEachChild(node, (child) => logs(child) || undefined) === true;
const isAssignment = (kind: ts.SyntaxKind): boolean => kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
const isNumber = (e: ts.Expression): boolean =>
  ts.isNumericLiteral(e) || ts.isBigIntLiteral(e) || (ts.isPrefixUnaryExpression(e) && (ts.isNumericLiteral(e.operand) || ts.isBigIntLiteral(e.operand)));

function onClaim(block: Block, claim: Claim): void {
  claim.chunk.sf.statements.slice(0, -1).forEach((s) => onStatement(block, s, claim.chunk));
  const code = toJs(unwrapLog(unwrapAwait(claim.stmt.expression)));
  emit(block, lineOf(claim.chunk, claim.stmt), code, toJs(claim.expected), claim.form);
}

const THROWS = /^(?:throws?\b|(?:Uncaught\s+)?(?:[A-Z]\w*)?Error\b)/;

/** The example's expression; `const r = f(x) //=> y` runs as setup and the example reads `r`. */
function codeOf(block: Block, stmt: ts.Statement): string | undefined {
  const s = unlabel(stmt);
  if (ts.isExpressionStatement(s)) return toJs(unwrapLog(unwrapAwait(s.expression)));
  const name = declaredName(s);
  if (name !== undefined) addSetup(block, s);
  return name;
}

function onStatement(block: Block, stmt: ts.Statement, chunk: Chunk): void {
  const s = unlabel(stmt);
  if (ts.isExpressionStatement(s)) {
    const check = checkOf(s.expression);
    const line = lineOf(chunk, s);
    if (check === 'throws') return void block.out.skipped.push({ symbol: block.symbol, line, reason: 'throws', text: s.getText(chunk.sf) });
    if (check) return emit(block, line, toJs(unwrapAwait(check.code)), check.want ? toJs(check.want) : (check.expected ?? ''), check.form);
    // A check we cannot read, a log or a bare name does nothing a later example needs.
    if (ts.isIdentifier(s.expression) || ts.isLiteralExpression(s.expression) || CHECKERS.has(rootName(s.expression))) return;
  }
  if (ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s)) return;
  addSetup(block, s);
}

const CHECKERS = new Set(['expect', 'assert', 'console']);
const EQUAL_MATCHERS = new Set(['toBe', 'toEqual', 'toStrictEqual']);
const FIXED_MATCHERS: Record<string, string> = { toBeUndefined: 'undefined', toBeNull: 'null', toBeNaN: 'NaN' };
const ASSERT_EQUAL = new Set(['assert.equal', 'assert.strictEqual', 'assert.deepEqual', 'assert.deepStrictEqual']);
type Check = { code: ts.Expression; want?: ts.Expression; expected?: string; form: DocExampleForm };

/** `a === b`, `assert.equal(a, b)`, `assert(a === b)`, `expect(a).toBe(b)`; 'throws' for toThrow/assert.throws. */
function checkOf(e: ts.Expression): Check | 'throws' | undefined {
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken) return { code: e.left, want: e.right, form: 'strict-equal' };
  if (!ts.isCallExpression(e)) return undefined;
  const [first, second] = e.arguments;
  const callee = e.expression;
  if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(callee.expression) && rootName(callee.expression) === 'expect' && ts.isIdentifier(callee.expression.expression)) {
    const subject = callee.expression.arguments[0];
    const matcher = callee.name.text;
    if (subject === undefined) return undefined;
    if (matcher.startsWith('toThrow')) return 'throws';
    if (EQUAL_MATCHERS.has(matcher) && first) return { code: subject, want: first, form: 'assertion' };
    const fixed = FIXED_MATCHERS[matcher];
    return fixed === undefined ? undefined : { code: subject, expected: fixed, form: 'assertion' };
  }
  const path = callee.getText();
  if (path === 'assert.throws' || path === 'assert.rejects') return 'throws';
  if (ASSERT_EQUAL.has(path) && first && second) return { code: first, want: second, form: 'assertion' };
  const inner = (path === 'assert' || path === 'assert.ok') && first ? checkOf(first) : undefined;
  return inner && inner !== 'throws' && inner.form === 'strict-equal' ? { ...inner, form: 'assertion' } : undefined;
}

function emit(block: Block, line: number, code: string, expected: string, form: DocExampleForm): void {
  block.out.examples.push({ symbol: block.symbol, line, code, expected, form, setup: [...block.setup] });
}

function addSetup(block: Block, s: ts.Statement): void {
  const js = toJs(s);
  if (js !== '') block.setup.push(js);
  if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) block.declared.add(d.name.text);
  if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) block.declared.add(s.name.text);
}

const lineOf = (chunk: Chunk, node: ts.Node): number => chunk.first + chunk.sf.getLineAndCharacterOfPosition(node.getStart(chunk.sf)).line;
const unlabel = (s: ts.Statement): ts.Statement => (ts.isLabeledStatement(s) ? unlabel(s.statement) : s); // "Example:" before code parses as a label
const unwrapAwait = (e: ts.Expression): ts.Expression => (ts.isAwaitExpression(e) ? e.expression : e);
const unwrapLog = (e: ts.Expression): ts.Expression =>
  ts.isCallExpression(e) && e.expression.getText() === 'console.log' && e.arguments.length === 1 && e.arguments[0] ? e.arguments[0] : e;

function declaredName(s: ts.Statement): string | undefined {
  const [d, ...more] = ts.isVariableStatement(s) ? s.declarationList.declarations : [];
  return d && more.length === 0 && d.initializer && ts.isIdentifier(d.name) ? d.name.text : undefined;
}

function rootName(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isAwaitExpression(e)) return rootName(e.expression);
  return '';
}

function skipOuter(e: ts.Expression): ts.Expression {
  const wrapped = ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e);
  return wrapped ? skipOuter(e.expression) : e;
}

const LITERAL_NAMES = new Set(['undefined', 'NaN', 'Infinity']);

/**
 * The expected value, or the value before a remark (`"a,b" (typed \`string\`)`, `[2, 5], with type …`);
 * undefined for prose ("a new array", a bare name like `string`) and for lists (`"[1]", "[1, 2]"`).
 */
function valueOf(text: string, declared: ReadonlySet<string>): ts.Expression | undefined {
  const whole = parseValue(text);
  if (whole !== undefined && isValue(whole, declared)) return whole;
  if (whole !== undefined && ts.isBinaryExpression(whole) && whole.operatorToken.kind === ts.SyntaxKind.CommaToken) return undefined;
  for (const cut of text.matchAll(/,\s+|\s+\(|\.\s*$/g)) {
    const value = parseValue(text.slice(0, cut.index));
    if (value !== undefined && isValue(value, declared)) return value;
  }
  return undefined;
}

function parseValue(text: string): ts.Expression | undefined {
  const sf = ts.createSourceFile('expected.ts', `(${text}\n)`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const [stmt, ...more] = sf.statements;
  return parseErrors(sf).length === 0 && stmt && more.length === 0 && ts.isExpressionStatement(stmt) ? skipOuter(stmt.expression) : undefined;
}

function isValue(e: ts.Expression, declared: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(e)) return LITERAL_NAMES.has(e.text) || declared.has(e.text);
  if (ts.isBinaryExpression(e)) return e.operatorToken.kind !== ts.SyntaxKind.CommaToken;
  if (!ts.isCallExpression(e)) return true;
  const callee = skipOuter(e.expression); // `[1, 2] (mutated)` parses as a call
  return !(ts.isLiteralExpression(callee) || ts.isArrayLiteralExpression(callee) || ts.isObjectLiteralExpression(callee));
}

function unbalanced(text: string): boolean {
  const bare = text.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '');
  return (bare.match(/[([{]/g)?.length ?? 0) > (bare.match(/[)\]}]/g)?.length ?? 0);
}

const JS_OPTIONS: ts.CompilerOptions = { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, removeComments: true };
const HOLE = 'const __docExample = ';

/**
 * The node as JavaScript: its source as written when it has no TypeScript syntax (so reports quote
 * the docs, and most examples skip the transpiler, which costs a millisecond a call), else transpiled.
 */
function toJs(node: ts.Node): string {
  const source = node.getText();
  if (!hasTypeSyntax(node)) return source;
  const statement = ts.isStatement(node);
  const input = statement ? source : `${HOLE}${source}\n;`;
  const out = ts.transpileModule(input, { compilerOptions: JS_OPTIONS, reportDiagnostics: false }).outputText.replace(/^"use strict";\s*/, '').trim();
  return statement ? out : out.slice(HOLE.length).replace(/;$/, '').trim();
}

const TS_ONLY = new Set([
  ts.SyntaxKind.AsExpression, ts.SyntaxKind.SatisfiesExpression, ts.SyntaxKind.NonNullExpression, ts.SyntaxKind.TypeAssertionExpression,
  ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.TypeAliasDeclaration, ts.SyntaxKind.EnumDeclaration, ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.TypeParameter, ts.SyntaxKind.DeclareKeyword, ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword, ts.SyntaxKind.AbstractKeyword, ts.SyntaxKind.OverrideKeyword,
]);

function hasTypeSyntax(node: ts.Node): boolean {
  if (TS_ONLY.has(node.kind) || ts.isTypeNode(node)) return true;
  if ((ts.isParameter(node) || ts.isPropertyDeclaration(node)) && node.questionToken) return true;
  if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.exclamationToken) return true;
  return ts.forEachChild(node, (child) => hasTypeSyntax(child) || undefined) === true;
}

