import path from 'node:path';
import { splitSymbol } from '../static/types.js';
import type { Finding } from './finding.js';

/**
 * How a call of a missing export fails, in vitest's transformed modules and in native ESM: the
 * name of what is missing is captured.
 */
const MISSING_API = [/([A-Za-z_$][\w$]*)\)?\s+is not (?:a function|a constructor|defined)\b/, /does not provide an export named '([^']+)'/];

/** The name a missing-API error points at, if the error is one. */
export function missingApiName(error: string): string | undefined {
  for (const re of MISSING_API) {
    const name = re.exec(error)?.[1];
    if (name) return name;
  }
  return undefined;
}

/** `src/walk.ts#walkASTSetup` → walkASTSetup; `src/a.ts#Cache.get` → get; nested helpers and imports → undefined. */
function removedName(symbol: string): string | undefined {
  const name = symbol.slice(symbol.indexOf('#') + 1);
  if (name.includes('<') || name.includes(' ') || name.split('.').length > 2) return undefined;
  return name.split('.').at(-1);
}

/**
 * Stage 3 says `masked-regression` whenever the old version of a test the patch removed fails on
 * the new code. When the patch also removes the API that test called, and the old test fails only
 * because that API is gone (`walkASTSetup is not a function`), the test went with its subject: a
 * deliberate removal (ast-kit 18f52d97, "feat!: drop walkASTSetup"), not a break hidden by removing
 * its test. It becomes `api-removed`, substantive, for a reviewer to confirm. A test of a removed
 * API that the patch kept still fails in the after run (`test-broken`, regressive), and an old test
 * that fails for any other reason stays `masked-regression`. Pure; the rest passes through in order.
 */
export function reconcileApiRemovals(suites: readonly Finding[], statics: readonly Finding[]): Finding[] {
  const removedTests = new Set(suites.filter((f) => f.kind === 'test-removed' && f.test !== undefined).map((f) => f.test));
  const removedApis = new Set(
    statics
      .filter((f) => f.kind === 'declaration-removed' && f.symbol !== undefined)
      .map((f) => removedName(f.symbol!))
      .filter((n): n is string => n !== undefined),
  );
  if (removedTests.size === 0 || removedApis.size === 0) return [...suites];
  return suites.map((f) => {
    if (f.kind !== 'masked-regression' || f.test === undefined || !removedTests.has(f.test)) return f;
    const oldError = /fails on the new code \((.*)\); the patch removed/s.exec(f.message)?.[1] ?? '';
    const name = missingApiName(oldError);
    if (name === undefined || !removedApis.has(name)) return f;
    const removal: Finding = {
      kind: 'api-removed',
      severity: 'warning',
      message: `"${f.test}" was removed with \`${name}\`, which the patch removes: its old version fails on the new code only because \`${name}\` is gone (${oldError}). A breaking change: confirm the removal is intended`,
      test: f.test,
    };
    if (f.file !== undefined) removal.file = f.file;
    if (f.line !== undefined) removal.line = f.line;
    return removal;
  });
}

/**
 * The rename twin of reconcileApiRemovals: a `masked-regression` of an edited test becomes
 * `api-renamed` when the static stage saw that the test file's only edit renames what the source
 * renames (`test-follows-rename`, static/tampering/follows-rename.ts) and the new version of the
 * test fails on the old code and passes on the new (`fail-to-pass`). The test checks what it did,
 * under the new names (magic-string-ast 430bdf5e, "feat!: rename MagicString to MagicStringAST",
 * read regressive/high). Pure; the rest passes through in order.
 */
export function reconcileApiRenames(suites: readonly Finding[], statics: readonly Finding[]): Finding[] {
  const following = new Map(statics.filter((f) => f.kind === 'test-follows-rename' && f.file !== undefined).map((f) => [f.file!, f.message]));
  if (following.size === 0) return [...suites];
  const demonstrated = new Set(suites.filter((f) => f.kind === 'fail-to-pass' && f.test !== undefined).map((f) => f.test));
  return suites.map((f) => {
    if (f.kind !== 'masked-regression' || f.test === undefined || f.file === undefined || !following.has(f.file) || !demonstrated.has(f.test)) return f;
    const renames = /renames: (.*)$/.exec(following.get(f.file)!)?.[1] ?? '';
    const oldError = /fails on the new code \((.*)\); the patch edited/s.exec(f.message)?.[1];
    const renamed: Finding = {
      kind: 'api-renamed',
      severity: 'warning',
      message: `"${f.test}" follows the patch's rename (${renames}): its old version fails on the new code${oldError ? ` (${oldError})` : ''} because the old name is gone, and its renamed version fails on the old code and passes on the new. A breaking change: confirm the rename is intended`,
      test: f.test,
      file: f.file,
    };
    if (f.line !== undefined) renamed.line = f.line;
    return renamed;
  });
}

/**
 * The parameter twin of reconcileApiRenames: a `masked-regression` of an edited test becomes
 * `api-changed` when the static stage saw that the test's only edit changes the arguments of its
 * calls of a function whose parameters the patch changes (`test-follows-signature`,
 * static/tampering/follows-signature.ts), with the same expected values, and the new version of
 * the test fails on the old code and passes on the new (`fail-to-pass`). The test checks what it
 * did, through the new calling convention (valibot 0f060d6b, "make stringifyJson config an
 * object"). An edit that moves a test off the input it caught passes on the old code too: no
 * fail-to-pass, so it stays `masked-regression`. Pure; the rest passes through in order.
 */
export function reconcileApiSignatures(suites: readonly Finding[], statics: readonly Finding[]): Finding[] {
  const following = new Map(statics.filter((f) => f.kind === 'test-follows-signature' && f.test !== undefined).map((f) => [f.test!, f.message]));
  if (following.size === 0) return [...suites];
  const demonstrated = new Set(suites.filter((f) => f.kind === 'fail-to-pass' && f.test !== undefined).map((f) => f.test));
  return suites.map((f) => {
    if (f.kind !== 'masked-regression' || f.test === undefined || !following.has(f.test) || !demonstrated.has(f.test)) return f;
    const calls = /its calls of (.*), whose parameters/.exec(following.get(f.test)!)?.[1] ?? 'a function';
    const oldError = /fails on the new code \((.*)\); the patch edited/s.exec(f.message)?.[1];
    const changed: Finding = {
      kind: 'api-changed',
      severity: 'warning',
      message: `"${f.test}" follows the patch's change of parameters of ${calls}: its old calls fail on the new code${oldError ? ` (${oldError})` : ''}, and its new version, with only the calls' arguments changed and the same expected values, fails on the old code and passes on the new. A breaking change for callers: confirm it is intended`,
      test: f.test,
    };
    if (f.file !== undefined) changed.file = f.file;
    if (f.line !== undefined) changed.line = f.line;
    return changed;
  });
}

/**
 * The return-value twin of reconcileApiSignatures: a `masked-regression` in a test file whose only
 * edit changes whether callbacks return a call's value (`test-discards-return`) becomes
 * `api-return-changed` when the patch also edits a declared type of the source. pmndrs/zustand
 * feddc0c2 makes persist's `setState` return the storage's promise and says so in its types; the
 * tests' `act(() => store.setState(x))` then hands React a promise, and the old versions of that
 * test file fail on the new code, the tests after it included (their own text is the same: the
 * failure comes from the old callbacks before them). Its edit wraps those callbacks in braces, and
 * changes no input and no expected value. A function whose inferred return type changes with its
 * code says nothing on purpose: without a declared type edit it stays `masked-regression`.
 * Pure; the rest passes through in order.
 */
export function reconcileApiReturns(suites: readonly Finding[], statics: readonly Finding[]): Finding[] {
  const files = new Map(statics.filter((f) => f.kind === 'test-discards-return' && f.file !== undefined).map((f) => [f.file!, f.message]));
  if (files.size === 0 || !statics.some(editsDeclaredType)) return [...suites];
  return suites.map((f) => {
    if (f.kind !== 'masked-regression' || f.file === undefined || !files.has(f.file)) return f;
    const oldError = /fails on the new code \((.*)\); the patch /s.exec(f.message)?.[1];
    const calls = /return the value of (.*) \(`\(\) => x`/.exec(files.get(f.file)!)?.[1] ?? 'calls';
    const changed: Finding = {
      kind: 'api-return-changed',
      severity: 'warning',
      message: `the old version of "${f.test ?? f.file}" fails on the new code${oldError ? ` (${oldError})` : ''}; the patch's only edit of ${f.file} changes whether callbacks return the value of ${calls}, and it edits declared types of the source: a function the tests call returns something new, which what calls the callback reads. A breaking change for callers that return it: confirm it is intended`,
      file: f.file,
    };
    if (f.test !== undefined) changed.test = f.test;
    if (f.line !== undefined) changed.line = f.line;
    return changed;
  });
}

/** How a test file's own import of a missing module fails: vite's import analysis, then Node's resolver. */
const MISSING_MODULE = [/Failed to resolve import "([^"]+)" from "([^"]+)"/, /Cannot find module '([^']+)' imported from '?([^'\s]+)'?/];
const MODULE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js', '/index.mjs'];

/** The repository files a relative `specifier` imported by `testFile` may name (`./json.js` may be `json.ts`). */
function moduleCandidates(specifier: string, testFile: string): string[] {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(testFile), specifier));
  const stems = [base, base.replace(/\.[cm]?jsx?$/, '')];
  return [...new Set(stems.flatMap((s) => MODULE_SUFFIXES.map((x) => `${s}${x}`)))];
}

/**
 * The module twin of reconcileApiRemovals: the old version of a test whose file the patch removed
 * fails on the new code only because a module its file imports itself (`./json.ts`) is one the
 * patch deletes (valibot 7fb268be moves `json.ts` and its test to `jsonParse/`; 797047fc moves
 * three methods and their tests out of `metadata/`). The test went with its subject: `api-removed`.
 * Only the test file's own import counts: an old test that fails because the code it calls imports
 * a deleted helper shows a break, and stays `masked-regression`. `changes` are the change facts
 * (diff/describe-changes.ts), which say which files the patch deletes. Pure.
 */
export function reconcileModuleRemovals(suites: readonly Finding[], changes: readonly Finding[]): Finding[] {
  const deleted = new Set(
    changes.filter((f) => (f.kind === 'source-changed' || f.kind === 'source-formatting-only') && f.file !== undefined && f.message.startsWith(`${f.file} deleted`)).map((f) => f.file!),
  );
  const removedTests = new Set(suites.filter((f) => f.kind === 'test-removed' && f.test !== undefined).map((f) => f.test));
  if (deleted.size === 0 || removedTests.size === 0) return [...suites];
  return suites.map((f) => {
    if (f.kind !== 'masked-regression' || f.test === undefined || f.file === undefined || !removedTests.has(f.test)) return f;
    const oldError = /fails on the new code \((.*)\); the patch removed/s.exec(f.message)?.[1] ?? '';
    const match = MISSING_MODULE.map((re) => re.exec(oldError)).find((m) => m !== null);
    if (!match) return f;
    const [, specifier, from] = match;
    const importer = from!.replace(/^file:\/\//, '');
    // The failing import must be the test file's own, not one of the code it calls.
    if (!specifier!.startsWith('.') || !(f.file.endsWith(importer) || importer.endsWith(f.file))) return f;
    const gone = moduleCandidates(specifier!, f.file).find((c) => deleted.has(c));
    if (gone === undefined) return f;
    const removal: Finding = {
      kind: 'api-removed',
      severity: 'warning',
      message: `"${f.test}" was removed with \`${gone}\`, which the patch deletes: its old version fails on the new code only because that module is gone (${oldError}). A breaking change: confirm the removal (or the move) is intended`,
      test: f.test,
      file: f.file,
    };
    if (f.line !== undefined) removal.line = f.line;
    return removal;
  });
}

const DECLARATION_KINDS = new Set(['declaration-added', 'declaration-removed', 'declaration-changed', 'declaration-moved', 'declaration-renamed']);

/** A static finding on an interface or a type alias of the source (`src/a.ts#interface Meta`, `#type GetMeta`). */
function editsDeclaredType(f: Finding): boolean {
  if (!DECLARATION_KINDS.has(f.kind) || f.symbol === undefined) return false;
  const { file, name } = splitSymbol(f.symbol);
  return /^(?:interface|type) /.test(name) && !/\.(?:test|spec)(?:-d)?\.[cm]?[jt]sx?$/.test(file);
}

/** `a/x.test.ts` → `a/x.test-d.ts` (and `.spec` → `.spec-d`): where vitest keeps a test's type twin. */
function typeTwinOf(file: string): string | undefined {
  const twin = file.replace(/\.(test|spec)(\.[cm]?[jt]sx?)$/, '.$1-d$2');
  return twin === file ? undefined : twin;
}

/**
 * The declared-types twin of the reconcilers above: a `masked-regression` (the old version of a test
 * the patch removed or edited fails on the new code) becomes `api-types-changed` when the same test
 * — same describe > test names — in the old version of the type test file beside it
 * (`x.test.ts` → `x.test-d.ts`) type-checks on the old code and not on the new (`old-type-test-fails`,
 * static/typecheck). The behaviour and its declared types changed together, and the patch changed
 * both tests: valibot 7993f2e6 ("split into separate getTitle, getDescription and getMetadata
 * functions") drops `title` and `description` from what getMetadata returns and from its declared
 * return type. A break that keeps the declared types (the code no longer does what its types say)
 * leaves the old type test green, and stays `masked-regression`. Pure; the rest passes through in order.
 */
export function reconcileApiTypeChanges(suites: readonly Finding[], statics: readonly Finding[]): Finding[] {
  const typeFailures = new Map(statics.filter((f) => f.kind === 'old-type-test-fails' && f.test !== undefined).map((f) => [f.test!, f]));
  // A function whose return type is inferred changes its type with its code: a break of it fails
  // its old type test too. Only a patch that edits a declared type (an interface or a type alias of
  // the source, not of a test) says that the types changed on purpose.
  if (typeFailures.size === 0 || !statics.some(editsDeclaredType)) return [...suites];
  return suites.map((f) => {
    if (f.kind !== 'masked-regression' || f.test === undefined) return f;
    const at = f.test.indexOf(' > ');
    const twinFile = at < 0 ? undefined : typeTwinOf(f.test.slice(0, at));
    const twin = twinFile === undefined ? undefined : typeFailures.get(`${twinFile}${f.test.slice(at)}`);
    if (twin === undefined) return f;
    const oldError = /fails on the new code \((.*)\); the patch (?:removed|edited)/s.exec(f.message)?.[1];
    const typeError = /on the new \((TS\d+ at line \d+: .*)\): the patch changes/s.exec(twin.message)?.[1];
    const changed: Finding = {
      kind: 'api-types-changed',
      severity: 'warning',
      message: `"${f.test}" checked behaviour the patch changes together with its declared types: its old version fails on the new code${oldError ? ` (${oldError})` : ''}, and the old version of "${twin.test}", which type-checked on the old code, does not on the new${typeError ? ` (${typeError})` : ''}. A breaking change: confirm it is intended`,
      test: f.test,
    };
    if (f.file !== undefined) changed.file = f.file;
    if (f.line !== undefined) changed.line = f.line;
    return changed;
  });
}
