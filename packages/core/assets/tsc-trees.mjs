// patchprobe's type-check child: `tsc --noEmit -p tsconfig.json` on the before and the after copy in
// ONE process, with the project's own TypeScript. Started by src/static/typecheck/tsc-trees.ts.
//
// Why one process: on a small project almost all of tsc's time is the standard library and the
// installed packages' declarations (parse + bind ≈ 0.9 s of 1.3 s on an example), and both trees
// read the very same files (the copies link the same node_modules). The after program takes the
// before program's SourceFile objects for every file outside the two copies, as TypeScript's own
// language service does from one program to the next, so the second tree costs its own files only.
//
// Exactly tsc's diagnostics: the options are parsed the way tsc parses `-p tsconfig.json --noEmit`,
// and the diagnostics come from TypeScript's own emitFilesAndReportErrors (what tsc calls), printed
// with formatDiagnostics as `--pretty false` prints them, relative to the project folder.
//
// argv[2]: JSON job { typescript, sides: [{ label, project, root, scoped? }] }. For each side, in order,
// one line on stdout as soon as it is done: {"label","text","errors","reused","scope"?} (reused: files
// taken from an earlier side). A side with `scoped: { renames }` (the before tree, after the after
// tree) is checked only in the files where the first side has diagnostics, under their old names
// (`renames`: repository-relative new path → old path); `scope` lists them. With no diagnostics on
// the first side it checks nothing. When an error of the first side has no match there (same file
// under its old name, code and message, copy roots stripped, counted), the side is checked again in
// full in this same process before its line is printed, without `scope`: a partial check may miss
// what a full one finds (TypeScript relates types in the order it meets them), and a second tsc
// process would parse the library again. The first side may carry `incremental: { files, before }`
// (the patch's files `{ path, status, oldPath? }` and the before copy `{ project, root }`): it is then
// checked only in the files the patch changes when no other file's diagnostics can change (see
// `narrowed`), its line has `scope`, and the before side is checked with it and printed after it.
// A TypeScript without the API this needs prints
// {"unsupported": "<why>"} and exits 0, and the caller runs tsc itself.
//
// A side with `overlay` (label "old-type-tests") is not a tree: it puts the OLD versions of the type
// tests the patch removed or edited (`[{ file }]`, repository-relative, read from `source`: the base
// commit's versions, written out by the caller) into the after tree at their old paths and
// type-checks them there, and the same texts in the before tree (`baseline`). Not read from the
// before copy: the suites stage swaps its test files while this runs. Its line lists, per test (describe > test chain), the first error of each test that
// type-checks on the old code and not on the new: {"label","failing":[{file,test,line,code,message}]}.
// It runs before the trees, whatever its place in `sides`: the trees then reuse the files it parsed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const job = JSON.parse(process.argv[2]);
// Through V8's code cache (code-cache.cjs; the folder is the parent's: this process's TMPDIR is the run's).
const { requireWithCodeCache } = createRequire(import.meta.url)('./code-cache.cjs');
const ts = requireWithCodeCache(createRequire(job.typescript).resolve('typescript'), job.codeCacheDir);
if (typeof ts.emitFilesAndReportErrors !== 'function' || typeof ts.getParsedCommandLineOfConfigFile !== 'function') {
  process.stdout.write(`${JSON.stringify({ unsupported: `TypeScript ${ts.version} does not expose emitFilesAndReportErrors` })}\n`);
  process.exit(0);
}

const roots = job.sides.map((s) => s.root);
const insideACopy = (file) => roots.some((r) => file === r || file.startsWith(`${r}/`));
/** Files outside both copies (the lib, node_modules by their real paths), by name and parse settings. */
const shared = new Map();

/** The first side: the repository-relative files where it has diagnostics, whether it has any, and them. */
let firstSide;
const TEST_CALLS = new Set(['describe', 'suite', 'test', 'it', 'bench']);
/** Each copy's own parsed files (by root), for a later side on the same copy. */
const ownByRoot = new Map();

/** Set when the after side was checked only where the patch can change a diagnostic, with its before side. */
let narrowedPair;

// The old type tests first: they need only the files they use, so their evidence is in even when the
// whole-tree check then runs out of time (valibot's 968 files under load). The trees reuse their parse.
const ordered = [...job.sides.filter((s) => s.overlay), ...job.sides.filter((s) => !s.overlay)];
for (const side of ordered) {
  if (side.overlay) {
    // Evidence beside the type-check, never a reason for it to fail: an error here reports none.
    let failing = [];
    try {
      failing = oldTypeTests(side);
    } catch {}
    process.stdout.write(`${JSON.stringify({ label: side.label, failing })}\n`);
    continue;
  }
  // The before side was checked with the narrowed after side, and printed with it.
  if (side.scoped && narrowedPair) continue;
  let scope;
  if (side.scoped) {
    scope = [...new Set((firstSide?.files ?? []).map((f) => side.scoped.renames?.[f] ?? f))].sort();
    if (!firstSide?.any) {
      process.stdout.write(`${JSON.stringify({ label: side.label, text: '', errors: 0, reused: 0, scope })}\n`);
      continue;
    }
  }
  const own = ownByRoot.get(side.root) ?? new Map();
  ownByRoot.set(side.root, own);
  if (firstSide === undefined && side.incremental) {
    narrowedPair = narrowed(side, own, job.sides.find((s) => s.scoped));
    if (narrowedPair) {
      for (const line of narrowedPair) process.stdout.write(`${JSON.stringify(line)}\n`);
      continue;
    }
  }
  let checked = check(side, scope, own);
  if (scope !== undefined && !covers(checked.diagnostics, side)) {
    scope = undefined;
    checked = check(side, undefined, own);
  }
  const { diagnostics, reused } = checked;
  if (firstSide === undefined) firstSide = firstSideOf(side, diagnostics);
  process.stdout.write(`${JSON.stringify(lineOf(side, diagnostics, reused, scope))}\n`);
}

function firstSideOf(side, diagnostics) {
  const files = diagnostics.flatMap((d) => (d.file && insideACopy(d.file.fileName) ? [path.relative(side.root, d.file.fileName).split(path.sep).join('/')] : []));
  return { files, any: diagnostics.length > 0, diagnostics, root: side.root };
}

function lineOf(side, diagnostics, reused, scope) {
  const formatHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => side.project, getNewLine: () => '\n' };
  const text = ts.formatDiagnostics(diagnostics, formatHost);
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  return { label: side.label, text, errors, reused, ...(scope ? { scope } : {}) };
}

/**
 * The after side checked only in the files the patch can change a diagnostic of, and the before side
 * where that finds diagnostics: both lines, or undefined for the whole tree as without narrowing.
 *
 * A file's diagnostics depend on its own text and on what it sees of other files: their declared
 * shapes (what TypeScript's declaration emit writes, the signature its own --incremental builder
 * compares) and the global scope. When every file the patch changes keeps its declared shape and
 * none touches the global scope, only the changed files can have other diagnostics (valibot, 968
 * files: 0.3 s instead of a 15 s check). Anything else, or any doubt, is the whole tree. The
 * narrowed result stands only when it finds no error the before tree lacks: TypeScript's checker
 * can report an error in one file or another depending on the order it checks them, so a possible
 * new error is decided by the whole-tree checks, exactly as without narrowing.
 */
function narrowed(side, own, beforeSide) {
  let result;
  try {
    result = narrowedCheck(side, own);
  } catch {
    return undefined;
  }
  if (result === undefined) return undefined;
  const { diagnostics, reused, scope } = result;
  firstSide = firstSideOf(side, diagnostics);
  const afterLine = lineOf(side, diagnostics, reused, scope);
  // The before tree from the baseline cache: the caller compares, and checks again in full on a doubt.
  if (beforeSide === undefined) return [afterLine];
  const beforeScope = [...new Set(firstSide.files.map((f) => beforeSide.scoped.renames?.[f] ?? f))].sort();
  if (!firstSide.any) return [afterLine, lineOf(beforeSide, [], 0, beforeScope)];
  const beforeOwn = ownByRoot.get(beforeSide.root) ?? new Map();
  ownByRoot.set(beforeSide.root, beforeOwn);
  const checked = check(beforeSide, beforeScope, beforeOwn);
  if (!covers(checked.diagnostics, beforeSide)) {
    firstSide = undefined;
    return undefined;
  }
  return [afterLine, lineOf(beforeSide, checked.diagnostics, checked.reused, beforeScope)];
}

function narrowedCheck(side, own) {
  const configDiagnostics = [];
  const built = programOf(side, own, configDiagnostics);
  if (built === undefined || configDiagnostics.length > 0) return undefined;
  const { program, parsed } = built;
  // tsc holds the semantic check back on a syntax error, and reports these for the whole program:
  // with any of them the whole tree is what tsc would print.
  const general = [...program.getConfigFileParsingDiagnostics(), ...program.getSyntacticDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (general.length > 0) return undefined;
  const scope = affectedFiles(side, program);
  if (scope === undefined) return undefined;
  const diagnostics = [];
  scopedDiagnostics(program, parsed, scope.map((f) => path.join(side.root, f)), diagnostics);
  return { diagnostics, reused: built.reused(), scope };
}

const SOURCE = /\.(?:[cm]?[jt]sx?|json)$/;

/**
 * The repository-relative files whose diagnostics the patch can change, when that is only the files
 * it changes; undefined when another file's could change too (or it cannot tell).
 */
function affectedFiles(side, program) {
  const { files, before } = side.incremental;
  for (const f of files) {
    if (/(^|\/)(package\.json|[jt]sconfig[^/]*\.json)$/.test(f.path) || /\.d\.[cm]?ts$/.test(f.path)) return undefined;
    // A file moved or removed changes what its importers resolve.
    if ((f.status === 'deleted' || f.status === 'renamed') && (SOURCE.test(f.path) || SOURCE.test(f.oldPath ?? ''))) return undefined;
  }
  const beforeOwn = ownByRoot.get(before.root) ?? new Map();
  ownByRoot.set(before.root, beforeOwn);
  const old = programOf(before, beforeOwn, []);
  if (old === undefined) return undefined;
  const afterFiles = ownFiles(program, side.root);
  const beforeFiles = ownFiles(old.program, before.root);
  const changed = new Map(files.map((f) => [f.path, f]));
  // A file the program newly reaches through an import (or no longer reaches) would be checked for
  // the first time (or not at all): only the files the patch added may differ.
  for (const f of afterFiles) if (!beforeFiles.has(f) && changed.get(f)?.status !== 'added') return undefined;
  for (const f of beforeFiles) if (!afterFiles.has(f)) return undefined;
  const scope = [];
  for (const f of files) {
    if (!afterFiles.has(f.path)) continue; // not in the program (outside the tsconfig, or not code)
    const sf = program.getSourceFile(path.join(side.root, f.path));
    if (sf === undefined || f.path.endsWith('.json') || affectsGlobalScope(sf)) return undefined;
    if (f.status === 'added') {
      if (importedByAnother(program, side.root, f.path, changed)) return undefined;
    } else {
      const was = old.program.getSourceFile(path.join(before.root, f.path));
      if (was === undefined || affectsGlobalScope(was)) return undefined;
      const shape = declarationShape(program, sf);
      if (shape === undefined || shape !== declarationShape(old.program, was)) return undefined;
    }
    scope.push(f.path);
  }
  return scope;
}

/** The program's files inside the copy (not its node_modules), repository-relative. */
function ownFiles(program, root) {
  const out = new Set();
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(`${root}/`) || sf.fileName.split('/').includes('node_modules')) continue;
    out.add(path.relative(root, sf.fileName).split(path.sep).join('/'));
  }
  return out;
}

/** A script, a `declare global` or `declare module '…'`, or a triple-slash directive: seen by every file. */
function affectsGlobalScope(sf) {
  if (!ts.isExternalModule(sf)) return true;
  if (sf.referencedFiles.length + sf.typeReferenceDirectives.length + (sf.libReferenceDirectives?.length ?? 0) > 0) return true;
  return sf.statements.some((s) => ts.isModuleDeclaration(s) && (ts.isStringLiteral(s.name) || (s.flags & ts.NodeFlags.GlobalAugmentation) !== 0));
}

/**
 * Does a file the patch did not change import the added file `rel`? Then what that file resolves may
 * have changed (foo.ts added beside foo/index.ts). By specifier, conservatively: a bare specifier
 * ending in the file's name counts (a path alias), and a file whose imports the parse does not
 * expose counts as importing it.
 */
function importedByAnother(program, root, rel, changed) {
  const added = path.join(root, rel).replace(/\.[cm]?[jt]sx?$/, '');
  const base = path.basename(added);
  const targets = new Set([added, ...(base === 'index' ? [path.dirname(added)] : [])]);
  const names = new Set([base, ...(base === 'index' ? [path.basename(path.dirname(added))] : [])]);
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(`${root}/`) || sf.fileName.split('/').includes('node_modules')) continue;
    if (changed.has(path.relative(root, sf.fileName).split(path.sep).join('/'))) continue;
    if (!Array.isArray(sf.imports)) return true;
    for (const spec of [...sf.imports.map((s) => s.text), ...sf.referencedFiles.map((r) => r.fileName)]) {
      if (spec.startsWith('.')) {
        if (targets.has(path.resolve(path.dirname(sf.fileName), spec).replace(/\.[cm]?[jt]sx?$/, ''))) return true;
      } else if (names.has(spec.split('/').pop()?.replace(/\.[cm]?[jt]sx?$/, ''))) return true;
    }
  }
  return false;
}

/**
 * What other files see of `sf`: its declaration emit (as TypeScript's incremental builder computes a
 * file's signature, whatever the project's emit options), as tokens, so comments and layout do not
 * count. Undefined when this TypeScript does not emit it.
 */
function declarationShape(program, sf) {
  let text = '';
  try {
    program.emit(sf, (name, t) => {
      if (/\.d\.[cm]?ts$/.test(name)) text += t;
    }, undefined, true, undefined, true);
  } catch {
    return undefined;
  }
  if (text === '') return undefined;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const tokens = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) tokens.push(scanner.getTokenText());
  return tokens.join(' ');
}

/**
 * tsc's diagnostics of one side: all of them, or (`scope`) those scopedDiagnostics gives for the
 * files listed. `own` keeps the side's own parsed files for a second check of the same side.
 */
function check(side, scope, own) {
  const diagnostics = [];
  const built = programOf(side, own, diagnostics);
  if (built !== undefined) {
    const { program, parsed } = built;
    if (scope === undefined) ts.emitFilesAndReportErrors(program, (d) => diagnostics.push(d));
    else scopedDiagnostics(program, parsed, scope.map((f) => path.join(side.root, f)), diagnostics);
  }
  return { diagnostics, reused: built?.reused() ?? 0 };
}

/**
 * The side's program as tsc builds it from `tsconfig.json`, its files parsed once per copy (`own`)
 * and once for both copies outside them (`shared`). `overlay` (absolute path → text) adds files, or
 * replaces them, with other text: never cached. Config errors go to `diagnostics`.
 */
function programOf(side, own, diagnostics, overlay = new Map()) {
  let reused = 0;
  const configHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => diagnostics.push(d) };
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(side.project, 'tsconfig.json'), { noEmit: true, pretty: false }, configHost);
  if (parsed) {
    const host = ts.createCompilerHost(parsed.options);
    const read = host.getSourceFile;
    // The options hash keeps two trees whose tsconfig differs from sharing a file bound under other
    // options. Paths in it (baseUrl, paths, rootDir, typeRoots…) are absolute, inside each copy:
    // compared relative to the copy, or two identical configs would never share anything.
    const optionsKey = JSON.stringify(parsed.options, (k, v) =>
      k === 'configFilePath' || k === 'pathsBasePath' ? undefined : typeof v === 'string' ? v.split(side.root).join('<copy>') : v,
    );
    const [exists, readFile] = [host.fileExists, host.readFile];
    host.fileExists = (fileName) => overlay.has(fileName) || exists.call(host, fileName);
    host.readFile = (fileName) => overlay.get(fileName) ?? readFile.call(host, fileName);
    host.getSourceFile = (fileName, settings, onError, fresh) => {
      if (overlay.has(fileName)) return ts.createSourceFile(fileName, overlay.get(fileName), settings, true);
      const how = typeof settings === 'object' ? [settings.languageVersion, settings.impliedNodeFormat, settings.jsDocParsingMode] : [settings];
      const cache = insideACopy(fileName) ? own : shared;
      const key = `${fileName}\0${JSON.stringify(how)}\0${optionsKey}`;
      let file = cache.get(key);
      if (file !== undefined) reused++;
      else {
        file = read.call(host, fileName, settings, onError, fresh);
        if (file !== undefined) cache.set(key, file);
      }
      return file;
    };
    const program = ts.createProgram({
      // Without the probes' generated files (src/probes/execute.ts PROBE_DIR): the probes run beside
      // this check and may have written them into the after copy when the tree is globbed.
      rootNames: [...new Set([...parsed.fileNames.filter((f) => !f.split('/').includes('__patchprobe__')), ...overlay.keys()])],
      options: parsed.options,
      host,
      projectReferences: parsed.projectReferences,
      configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
    });
    return { program, parsed, reused: () => reused };
  }
  return undefined;
}

/**
 * The old type tests (side.overlay) on the new code and on the old: per test, the first error on the
 * new code of a test without errors on the old code. An error outside every test counts for the
 * tests that use the name it is on (`import { FieldMetadata }` of a type the patch removed); other
 * such errors are left to the rest of the type-check. A test that did not type-check before says
 * nothing about the patch.
 */
function oldTypeTests(side) {
  const errorsPerTest = (tree, overlay) => {
    const diagnostics = [];
    if (!ownByRoot.has(tree.root)) ownByRoot.set(tree.root, new Map());
    const built = programOf(tree, ownByRoot.get(tree.root), diagnostics, overlay);
    const out = new Map();
    if (built === undefined) return out;
    for (const file of side.overlay) {
      const sf = built.program.getSourceFile(path.join(tree.root, file.file));
      if (sf === undefined) continue;
      const tests = testsOf(sf);
      const found = [...built.program.getSyntacticDiagnostics(sf), ...built.program.getSemanticDiagnostics(sf)];
      for (const d of found) {
        if (d.category !== ts.DiagnosticCategory.Error || d.start === undefined) continue;
        const inside = tests.filter((t) => d.start >= t.start && d.start < t.end);
        const word = sf.text.slice(d.start, d.start + (d.length ?? 0));
        const hit = inside.length > 0 ? inside.slice(-1) : /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u.test(word) ? tests.filter((t) => t.names.has(word)) : [];
        const line = sf.getLineAndCharacterOfPosition(d.start).line + 1;
        const message = ts.flattenDiagnosticMessageText(d.messageText, '\n').split(tree.root).join('<copy>').slice(0, 400);
        for (const t of hit) {
          const test = `${file.file} > ${t.chain.join(' > ')}`;
          if (!out.has(test)) out.set(test, { file: file.file, test, line, code: d.code, message });
        }
      }
    }
    return out;
  };
  const text = new Map(side.overlay.map((f) => [f.file, fs.readFileSync(path.join(side.source, f.file), 'utf8')]));
  const at = (root) => new Map(side.overlay.map((f) => [path.join(root, f.file), text.get(f.file)]));
  const onNew = errorsPerTest(side, at(side.root));
  if (onNew.size === 0) return [];
  const onOld = errorsPerTest(side.baseline, at(side.baseline.root));
  return [...onNew.values()].filter((f) => !onOld.has(f.test));
}

/**
 * The tests of a file (test/it/bench calls, `test.each(…)('name', …)` too): their describe > test
 * names, their span and the identifiers they use.
 */
function testsOf(sf) {
  const out = [];
  const rootName = (callee) => {
    let e = callee;
    while (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) e = e.expression;
    return ts.isIdentifier(e) ? e.text : undefined;
  };
  const namesIn = (node, names = new Set()) => {
    if (ts.isIdentifier(node)) names.add(node.text);
    // forEachChild stops at the first callback that returns a value.
    ts.forEachChild(node, (c) => void namesIn(c, names));
    return names;
  };
  const visit = (node, chain) => {
    let inner = chain;
    if (ts.isCallExpression(node)) {
      const kind = rootName(node.expression);
      const first = node.arguments[0];
      if (kind !== undefined && TEST_CALLS.has(kind) && first !== undefined && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
        inner = [...chain, first.text];
        if (kind !== 'describe' && kind !== 'suite') out.push({ chain: inner, start: node.getStart(sf), end: node.getEnd(), names: namesIn(node) });
      }
    }
    ts.forEachChild(node, (c) => void visit(c, inner));
  };
  visit(sf, []);
  return out;
}

/**
 * Does a scoped check of `side` hold every error of the first side, counted, keyed the way the
 * caller matches them (file under its old name, code, message without the copy roots)? Conservative:
 * any doubt means no, and costs only the full check.
 */
function covers(diagnostics, side) {
  const toOld = side.scoped.renames ?? {};
  const counts = new Map();
  const keyOf = (d, root, rename) => {
    const file = d.file ? rename(path.relative(root, d.file.fileName).split(path.sep).join('/')) : '';
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n').map((l) => l.trim()).join('\n').split(root).join('<copy>');
    return `${file}\0${d.code}\0${message}`;
  };
  // The caller reads only errors in the copies' own files (not node_modules) and those without a file.
  const own = (d) => !d.file || (insideACopy(d.file.fileName) && !d.file.fileName.split('/').includes('node_modules'));
  const errorsOf = (list) => list.filter((d) => d.category === ts.DiagnosticCategory.Error && own(d));
  for (const d of errorsOf(diagnostics)) {
    const key = keyOf(d, side.root, (f) => f);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const d of errorsOf(firstSide.diagnostics)) {
    const key = keyOf(d, firstSide.root, (f) => toOld[f] ?? f);
    const left = counts.get(key) ?? 0;
    if (left === 0) return false;
    counts.set(key, left - 1);
  }
  return true;
}

/**
 * What tsc reports for `files` alone: the configuration's, the options' and the global diagnostics,
 * every file's syntax errors, and the semantic (and, where tsc reports them with noEmit, declaration)
 * diagnostics of `files`. A superset of what emitFilesAndReportErrors reports of those files: it does
 * not hold the semantic check back when some file has a syntax error. The caller only matches the
 * first side's errors against it, and checks the whole tree when one is not matched.
 */
function scopedDiagnostics(program, parsed, files, out) {
  out.push(...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(), ...program.getGlobalDiagnostics());
  const declarations = parsed.options.noEmit && (parsed.options.declaration || parsed.options.composite);
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (sf === undefined) continue;
    out.push(...program.getSemanticDiagnostics(sf));
    if (declarations) out.push(...program.getDeclarationDiagnostics(sf));
  }
}
