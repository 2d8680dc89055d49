// A vitest file that pins down what the patched version does on one probe input, for the user to
// paste into their suite: it passes against the new code, and states the behaviour the patch chose.
import { isNonErrorThrow } from './runtime/outcome.js';

export interface PasteableInput {
  /** Import specifier from the suggested test file location, e.g. '../src/slug' (already computed by the caller). */
  importPath: string;
  /** The export to import, e.g. 'slugify' or 'Cart' (for methods) or 'default'. */
  exportName: string;
  /** The call expression with the imported name, already rendered: 'slugify("Ä b")' or 'new Cart(2).total(-1)'. */
  callText: string;
  /** What the NEW version does, as JS expression text produced by fc.stringify in the runtime. */
  after: { kind: 'returned' | 'resolved'; valueText: string; iterated?: boolean; async?: boolean } | { kind: 'threw' | 'rejected'; errorName: string; message: string; iterated?: boolean };
  /** A short description for the test title, e.g. 'keeps the accent of "Ä b"'. */
  title: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// What fc.stringify prints for primitives; these compare with toBe, everything else with toEqual.
const PRIMITIVE = [
  /^-?\d+(?:\.\d+)?(?:e[+-]\d+)?$/, // numbers, including -0 (toBe uses Object.is, so -0 stays -0)
  /^Number\.(?:POSITIVE|NEGATIVE)_INFINITY$/,
  /^-?\d+n$/,
  /^"(?:[^"\\]|\\.)*"$/s,
  /^(?:true|false|null|undefined)$/,
];

export function pasteableTest(input: PasteableInput): string {
  const { after } = input;
  const local = localName(input);
  const readsAsync = (after.kind === 'returned' && after.async === true) || (after.kind === 'rejected' && after.iterated === true);
  const asyncKind = after.kind === 'resolved' || after.kind === 'rejected' || readsAsync;
  // An async generator is read with `for await` (Array.fromAsync needs Node 22).
  const readAll = `(async () => { const yielded = []; for await (const value of ${input.callText}) yielded.push(value); return yielded; })()`;
  let assertion: string;
  switch (after.kind) {
    case 'returned':
      // A generator: what it yields (valueText is that array).
      if (after.iterated && after.async) assertion = `await expect(${readAll}).resolves${matcher(after.valueText)};`;
      else assertion = after.iterated ? `expect([...${input.callText}])${matcher(after.valueText)};` : `expect(${input.callText})${matcher(after.valueText)};`;
      break;
    case 'resolved':
      assertion = `await expect(${input.callText}).resolves${matcher(after.valueText)};`;
      break;
    case 'threw':
      assertion = `expect(() => ${input.callText}).toThrow(${thrownMatcher(after.errorName, after.message)});`;
      break;
    case 'rejected':
      assertion = `await expect(${after.iterated ? readAll : input.callText}).rejects.toThrow(${thrownMatcher(after.errorName, after.message)});`;
      break;
  }
  return [
    "import { expect, test } from 'vitest';",
    `${importClause(input.exportName, local)} from ${singleQuoted(input.importPath)};`,
    '',
    `test(${singleQuoted(input.title)}, ${asyncKind ? 'async ' : ''}() => {`,
    `  ${assertion}`,
    '});',
    '',
  ].join('\n');
}

function matcher(valueText: string): string {
  const v = valueText.trim();
  if (v === 'Number.NaN' || v === 'NaN') return '.toBeNaN()';
  return PRIMITIVE.some((re) => re.test(v)) ? `.toBe(${v})` : `.toEqual(${v})`;
}

// toThrow(string) checks that the message contains the string. A thrown non-Error has no message,
// so the value itself (already JS text) is matched: vitest compares non-string values with equals,
// and a thrown string by substring. null and undefined would be read as "anything thrown" or crash.
function thrownMatcher(errorName: string, message: string): string {
  if (!isNonErrorThrow({ name: errorName, message })) return JSON.stringify(message);
  return message === 'null' || message === 'undefined' ? '' : message;
}

/** The name the call text uses: `slugify` in `slugify(1)`, `Cart` in `new Cart(2).total(-1)`. */
function localName(input: PasteableInput): string {
  const m = /^\s*(?:\(\s*await\s+)?(?:new\s+)?([A-Za-z_$][\w$]*)/.exec(input.callText);
  if (m?.[1] !== undefined) return m[1];
  return input.exportName === 'default' || !IDENTIFIER.test(input.exportName) ? 'subject' : input.exportName;
}

function importClause(exportName: string, local: string): string {
  if (exportName === 'default') return `import ${local}`;
  if (exportName === local) return `import { ${local} }`;
  // Arbitrary module export names (`export { x as "a-b" }`) must be quoted.
  const imported = IDENTIFIER.test(exportName) ? exportName : JSON.stringify(exportName);
  return `import { ${imported} as ${local} }`;
}

function singleQuoted(s: string): string {
  const body = JSON.stringify(s)
    .slice(1, -1)
    .replace(/\\"/g, '"')
    .replace(/'/g, "\\'")
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `'${body}'`;
}
