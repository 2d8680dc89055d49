import { ts } from 'ts-morph';

/**
 * Expected values that look like broken output: what a test says when its expectation was rewritten
 * to whatever the patched code now prints. The same signs as the property probes' `probe-degenerate`:
 * NaN, an Invalid Date, "[object Object]", and "undefined"/"null" printed into a string. A bare
 * `undefined` or `null` value is not counted (returning nothing can be the specification), nor are
 * words of prose or data: an error message a throw matcher expects ("must not be null"), a JSON
 * text ('{"a":null}'), or `null` anywhere but as the whole string or a path or query value
 * (`/users/null`, `?id=null`) — a deliberate new message saying "null" is not broken output.
 */

const IN_TEXT = /\bNaN\b|Invalid Date|\[object Object\]/g;
const UNDEFINED = /\bundefined\b/g;
const NULL_PRINTED = /(?:^|[/=?&#])null(?=$|[/&#?])/g;

const count = (text: string, re: RegExp): string[] => text.match(re) ?? [];

function isJsonText(text: string): boolean {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/** "undefined" and "null" printed into a string: the template artefacts, not prose or JSON data. */
function printedNothing(text: string): string[] {
  if (isJsonText(text)) return [];
  const t = text.trim();
  if (t === 'null') return ['null'];
  return [...count(text, UNDEFINED), ...(count(t, NULL_PRINTED).length > 0 ? ['null'] : [])];
}

/** The degenerate tokens in expected-value syntax: string and template text, `NaN`, and matchers such as `toBeNaN`. */
export function degenerateInExpression(nodes: readonly ts.Node[], matcher = ''): string[] {
  const out: string[] = matcher === 'toBeNaN' || matcher === 'assert.isNaN' ? ['NaN'] : [];
  // An error message is prose about values: "cannot be null" is what a new check says on purpose.
  const message = /throw|reject/i.test(matcher);
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) {
      out.push(...count(n.text, IN_TEXT), ...(message ? [] : printedNothing(n.text)));
    } else if (ts.isIdentifier(n) && n.text === 'NaN') out.push('NaN');
    ts.forEachChild(n, visit);
  };
  for (const n of nodes) visit(n);
  return out;
}

/** The degenerate tokens in snapshot text: anywhere for NaN, Invalid Date, [object Object]; inside a "…" string for undefined/null printed into it. */
export function degenerateInSnapshot(text: string): string[] {
  const strings = text.match(/"(?:\\.|[^"\\\n])*"/g) ?? [];
  return [...count(text, IN_TEXT), ...strings.flatMap((s) => printedNothing(s.slice(1, -1)))];
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
