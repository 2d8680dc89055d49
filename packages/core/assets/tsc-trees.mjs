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
// the first side it checks nothing. A TypeScript without the API this needs prints
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

/** Repository-relative files where the first side has diagnostics; whether it has any at all. */
let firstSide;

for (const side of job.sides) {
  const diagnostics = [];
  let reused = 0;
  let scope;
  if (side.scoped) {
    scope = [...new Set((firstSide?.files ?? []).map((f) => side.scoped.renames?.[f] ?? f))].sort();
    if (!firstSide?.any) {
      process.stdout.write(`${JSON.stringify({ label: side.label, text: '', errors: 0, reused, scope })}\n`);
      continue;
    }
  }
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
      if (insideACopy(fileName)) return read.call(host, fileName, settings, onError, fresh);
      const how = typeof settings === 'object' ? [settings.languageVersion, settings.impliedNodeFormat, settings.jsDocParsingMode] : [settings];
      const key = `${fileName}\0${JSON.stringify(how)}\0${optionsKey}`;
      let file = shared.get(key);
      if (file !== undefined) reused++;
      else {
        file = read.call(host, fileName, settings, onError, fresh);
        if (file !== undefined) shared.set(key, file);
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
  if (firstSide === undefined) {
    const files = diagnostics.flatMap((d) => (d.file && insideACopy(d.file.fileName) ? [path.relative(side.root, d.file.fileName).split(path.sep).join('/')] : []));
    firstSide = { files, any: diagnostics.length > 0 };
  }
  const formatHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => side.project, getNewLine: () => '\n' };
  const text = ts.formatDiagnostics(diagnostics, formatHost);
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  process.stdout.write(`${JSON.stringify({ label: side.label, text, errors, reused, ...(scope ? { scope } : {}) })}\n`);
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
