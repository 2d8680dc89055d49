import { ts } from 'ts-morph';

/**
 * Expected values that look like broken output: what a test says when its expectation was rewritten
 * to whatever the patched code now prints. The same signs as the property probes' `probe-degenerate`:
 * NaN, an Invalid Date, "[object Object]", and "undefined"/"null" inside a string. A bare
 * `undefined` or `null` value is not counted (returning nothing can be the specification).
 */

const IN_TEXT = /\bNaN\b|Invalid Date|\[object Object\]/g;
const IN_STRING = /\bundefined\b|\bnull\b/g;

const count = (text: string, re: RegExp): string[] => text.match(re) ?? [];

/** The degenerate tokens in expected-value syntax: string and template text, `NaN`, and matchers such as `toBeNaN`. */
export function degenerateInExpression(nodes: readonly ts.Node[], matcher = ''): string[] {
  const out: string[] = matcher === 'toBeNaN' || matcher === 'assert.isNaN' ? ['NaN'] : [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      out.push(...count(n.text, IN_TEXT), ...count(n.text, IN_STRING));
    } else if (ts.isIdentifier(n) && n.text === 'NaN') out.push('NaN');
    ts.forEachChild(n, visit);
  };
  for (const n of nodes) visit(n);
  return out;
}

/** The degenerate tokens in snapshot text: anywhere for NaN, Invalid Date, [object Object]; inside a "…" string for undefined/null. */
export function degenerateInSnapshot(text: string): string[] {
  const strings = text.match(/"(?:\\.|[^"\\\n])*"/g) ?? [];
  return [...count(text, IN_TEXT), ...strings.flatMap((s) => count(s, IN_STRING))];
}

/** Tokens `after` has more of than `before`: the broken output the new expectation accepts. */
export function newDegenerate(before: readonly string[], after: readonly string[]): string[] {
  const left = [...before];
  const added: string[] = [];
  for (const t of after) {
    const i = left.indexOf(t);
    if (i >= 0) left.splice(i, 1);
    else if (!added.includes(t)) added.push(t);
  }
  return added;
}
