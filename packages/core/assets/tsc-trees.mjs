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
// process would parse the library again. A TypeScript without the API this needs prints
// {"unsupported": "<why>"} and exits 0, and the caller runs tsc itself.
//
// A side with `overlay` (label "old-type-tests") is not a tree: it puts the OLD versions of the type
// tests the patch removed or edited (`[{ file }]`, repository-relative, read from `source`: the base
// commit's versions, written out by the caller) into the after tree at their old paths and
// type-checks them there, and the same texts in the before tree (`baseline`). Not read from the
// before copy: the suites stage swaps its test files while this runs. Its line lists, per test (describe > test chain), the first error of each test that
// type-checks on the old code and not on the new: {"label","failing":[{file,test,line,code,message}]}.
// The after tree's own files are reused from its side, so this costs the old test files' check.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const job = JSON.parse(process.argv[2]);
const ts = createRequire(job.typescript)('typescript');
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

for (const side of job.sides) {
  if (side.overlay) {
    // Evidence beside the type-check, never a reason for it to fail: an error here reports none.
    let failing = [];
    try {
      failing = oldTypeTests(side);
    } catch {}
    process.stdout.write(`${JSON.stringify({ label: side.label, failing })}\n`);
    continue;
  }
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
  let checked = check(side, scope, own);
  if (scope !== undefined && !covers(checked.diagnostics, side)) {
    scope = undefined;
    checked = check(side, undefined, own);
  }
  const { diagnostics, reused } = checked;
  if (firstSide === undefined) {
    const files = diagnostics.flatMap((d) => (d.file && insideACopy(d.file.fileName) ? [path.relative(side.root, d.file.fileName).split(path.sep).join('/')] : []));
    firstSide = { files, any: diagnostics.length > 0, diagnostics, root: side.root };
  }
  const formatHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => side.project, getNewLine: () => '\n' };
  const text = ts.formatDiagnostics(diagnostics, formatHost);
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  process.stdout.write(`${JSON.stringify({ label: side.label, text, errors, reused, ...(scope ? { scope } : {}) })}\n`);
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
      rootNames: [...new Set([...parsed.fileNames, ...overlay.keys()])],
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
    const built = programOf(tree, ownByRoot.get(tree.root) ?? new Map(), diagnostics, overlay);
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
