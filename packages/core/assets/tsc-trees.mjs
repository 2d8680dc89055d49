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

for (const side of job.sides) {
  let scope;
  if (side.scoped) {
    scope = [...new Set((firstSide?.files ?? []).map((f) => side.scoped.renames?.[f] ?? f))].sort();
    if (!firstSide?.any) {
      process.stdout.write(`${JSON.stringify({ label: side.label, text: '', errors: 0, reused: 0, scope })}\n`);
      continue;
    }
  }
  const own = new Map();
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
    host.getSourceFile = (fileName, settings, onError, fresh) => {
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
      rootNames: parsed.fileNames,
      options: parsed.options,
      host,
      projectReferences: parsed.projectReferences,
      configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
    });
    if (scope === undefined) ts.emitFilesAndReportErrors(program, (d) => diagnostics.push(d));
    else scopedDiagnostics(program, parsed, scope.map((f) => path.join(side.root, f)), diagnostics);
  }
  return { diagnostics, reused };
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
