// The trivial baselines patchprobe is measured against, computed on the same clone as its verdict.
// Research on patch-correctness checkers found such baselines beating published detectors in most
// settings, so they are printed beside every figure.
//
// - ci: what a green/red CI run says. A test that did not fail before and fails after (or a suite
//   that no longer loads) is `regressive`; anything else is accepted, `substantive`. CI has no way
//   to say "nothing changed".
// - ci+textdiff: ci, but `cosmetic` when the patch only touches whitespace, comments and docs: every
//   changed code file has the same tokens (TypeScript's scanner, which skips comments and
//   whitespace), every other changed file the same text without whitespace, or it is documentation.
// - always-substantive: every patch is accepted as a real change.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const ts = require('typescript');

export const PREDICTORS = ['patchprobe', 'ci', 'ci+textdiff', 'always-substantive'];

const CODE = /\.(?:[cm]?[jt]sx?)$/;
const DOCS = /(?:\.(?:md|mdx|txt|rst)|(?:^|\/)(?:LICENSE|CHANGELOG|AUTHORS)[^/]*)$/i;

/**
 * What CI says, from the suite before and after (see suite.mjs for the shape).
 * @param {{ failed: Set<string>, loadError: boolean }} before
 * @param {{ failed: Set<string>, loadError: boolean }} after
 */
export function ciVerdict(before, after) {
  if (after.loadError && !before.loadError) return 'regressive';
  for (const name of after.failed) if (!before.failed.has(name)) return 'regressive';
  return 'substantive';
}

// Tokens after which a `/` divides; elsewhere it starts a regular expression.
const ENDS_EXPRESSION = new Set([
  ts.SyntaxKind.Identifier, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.BigIntLiteral, ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.CloseBraceToken, ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateTail, ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken, ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword,
]);

/** The file's tokens without comments and whitespace ("kind:text" each), or null when it does not scan. */
export function codeTokens(text) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const out = [];
  const braces = []; // 'template' for the `${` of a template literal, 'brace' for any other `{`
  let previous;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.TemplateHead) braces.push('template');
    else if (kind === ts.SyntaxKind.OpenBraceToken) braces.push('brace');
    else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (braces.at(-1) === 'template') {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) braces.pop();
      } else braces.pop();
    } else if ((kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) && !ENDS_EXPRESSION.has(previous)) {
      kind = scanner.reScanSlashToken();
    }
    if (kind === ts.SyntaxKind.Unknown) return null;
    out.push(`${kind}:${scanner.getTokenText()}`);
    previous = kind;
  }
  return out.join('\n');
}

/**
 * Whether a patch changes only whitespace, comments and documentation.
 * @param {{ path: string, before: string | null, after: string | null }[]} files changed files (null = absent on that side)
 */
export function onlyLayoutAndComments(files) {
  for (const f of files) {
    if (DOCS.test(f.path)) continue;
    if (f.before === null || f.after === null) return false; // a code file added or removed
    if (CODE.test(f.path)) {
      const a = codeTokens(f.before);
      const b = codeTokens(f.after);
      if (a === null || b === null || a !== b) return false;
    } else if (f.before.replace(/\s+/g, '') !== f.after.replace(/\s+/g, '')) {
      return false;
    }
  }
  return true;
}

/** Paths a git-format diff touches (both sides of a rename). */
export function patchPaths(diff) {
  const paths = new Set();
  for (const m of diff.matchAll(/^diff --git a\/(.+?) b\/(.+)$/gm)) {
    paths.add(m[1]);
    paths.add(m[2]);
  }
  return [...paths];
}

/** Reads a file of the working tree, null when absent. */
export function readOrNull(root, file) {
  try {
    return fs.readFileSync(path.join(root, file), 'utf8');
  } catch {
    return null;
  }
}

/**
 * The three baselines for one case.
 * @returns {Record<'ci' | 'ci+textdiff' | 'always-substantive', string>}
 */
export function baselines({ before, after, layoutOnly }) {
  const ci = ciVerdict(before, after);
  return { ci, 'ci+textdiff': layoutOnly ? 'cosmetic' : ci, 'always-substantive': 'substantive' };
}
