// Whether an error the new version throws comes from a `throw` the patch added: deliberate
// validation (`throw new TypeError('must be finite')`), whatever its class, as opposed to an
// accident of the engine (`TypeError: Cannot read properties of undefined`).
import { isEngineMessage } from './runtime/classify.js';
import type { ErrorInfo } from './runtime/outcome.js';

// A throw (or a promise rejection) and what follows it, up to the end of its statement.
const THROW_SITE = /\bthrow\b|\breject\s*\(/g;
// `new X(`, `new ns.X(`, or a capitalised `X(` (Error('…') works without new); then the first
// argument if it starts with a string or template literal.
const CONSTRUCTED = /^\s*(?:new\s+([A-Za-z_$][\w$.]*)|([A-Z][\w$.]*))\s*\(\s*(?:(['"`])((?:\\[\s\S]|(?!\3)[^\\])*)\3)?/;

/**
 * True when `addedText` (the lines the patch added, joined by newlines) has a throw that made
 * `error`: a constructor of the same class whose literal message (if it has one) matches, or a
 * throw of something else (`throw err`, `throw invalid(x)`) and a message the engine does not write.
 */
export function isDeliberateThrow(error: ErrorInfo, addedText: string): boolean {
  for (const m of addedText.matchAll(THROW_SITE)) {
    const rest = addedText.slice(m.index + m[0].length, m.index + m[0].length + 500);
    const c = CONSTRUCTED.exec(rest);
    if (!c) {
      if (!isEngineMessage(error)) return true;
      continue;
    }
    const name = (c[1] ?? c[2] ?? '').split('.').pop();
    if (name !== error.name) continue;
    if (c[3] === undefined || messageMatches(error.message, c[3], c[4] ?? '')) return true;
  }
  return false;
}

/** The message a literal builds: its static parts, in order, the first at the start (concatenation may follow). */
function messageMatches(message: string, quote: string, body: string): boolean {
  const parts = (quote === '`' ? body.split(/\$\{[^}]*\}/) : [body]).map(unescape);
  let at = 0;
  for (const [i, part] of parts.entries()) {
    if (i === 0) {
      if (!message.startsWith(part)) return false;
      at = part.length;
      continue;
    }
    const found = message.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return true;
}

function unescape(s: string): string {
  return s.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e.startsWith('u') && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e.startsWith('x') && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[e] ?? (e === '\n' ? '' : e);
  });
}
