// Every piece of report text (test names, code, messages) is untrusted: a test titled
// "<script>…" must show as text. So markup is only ever built through `h`, which escapes each
// interpolated value unless it is already Markup, and nothing concatenates raw strings into HTML.

/** HTML that is safe to insert as is: only `h` and `raw` make one. */
export interface Markup {
  readonly __html: string;
}

type Value = Markup | string | number | boolean | null | undefined | readonly Value[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and for quoted attribute values alike. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Trusted markup, for the renderer's own constant strings (the style sheet, the script). */
export function raw(html: string): Markup {
  return { __html: html };
}

function isMarkup(v: unknown): v is Markup {
  return typeof v === 'object' && v !== null && '__html' in v;
}

function toHtml(v: Value): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (isMarkup(v)) return v.__html;
  if (Array.isArray(v)) return v.map(toHtml).join('');
  return esc(String(v));
}

/** Tagged template: `h\`<td>${name}</td>\`` escapes `name`; arrays are joined; null/false render nothing. */
export function h(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += toHtml(v) + (strings[i + 1] ?? '');
  });
  return { __html: out };
}

/** Long values (a 50 kB counterexample, a crash message with a stack) would bloat the page; the JSON keeps them whole. */
export function clip(text: string, max = 2000): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters in the JSON report)`;
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Report messages quote code in backticks, as in markdown: show those parts as code, the rest as text. */
export function prose(text: string): Markup {
  const parts = text.split('`');
  if (parts.length < 3 || parts.length % 2 === 0) return h`${text}`;
  return h`${parts.map((p, i) => (i % 2 === 1 ? h`<code>${p}</code>` : p))}`;
}
