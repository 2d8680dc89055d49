import { ts } from 'ts-morph';

/** Which parser a source needs: the declaration's own file decides (`<T>x` is a cast in .ts, JSX in .tsx). */
export type SourceFlavour = 'ts' | 'tsx' | 'js' | 'jsx';

const FLAVOURS: Record<string, SourceFlavour> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'jsx',
};

export function sourceFlavour(file: string): SourceFlavour | undefined {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? undefined : FLAVOURS[file.slice(dot)];
}

export interface EmitRequest {
  text: string;
  flavour: SourceFlavour;
}

// What `ts.transpileModule` does, with the options: types and comments go, runtime TS
// (enums, parameter properties, decorators) is emitted, class fields keep define semantics.
const EMIT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  jsx: ts.JsxEmit.Preserve,
  removeComments: true,
  useDefineForClassFields: true,
  alwaysStrict: false,
  ignoreDeprecations: '6.0',
  isolatedModules: true,
  verbatimModuleSyntax: false,
  allowJs: true,
  // The options transpileModule forces: no type checking, no other files.
  noCheck: true,
  noLib: true,
  noResolve: true,
  types: [],
  declaration: false,
  sourceMap: false,
  noEmitOnError: false,
  suppressOutputPathCheck: true,
  allowNonTsExtensions: true,
};

const SCRIPT_KINDS: Record<SourceFlavour, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
};

/**
 * Emits each source as JavaScript and parses the result back. One program with one file per source
 * behaves like `transpileModule` per source (isolatedModules: no file sees another) but costs a
 * fraction: about 0.5 ms per source instead of 2–3 ms. A source with syntax errors gives undefined.
 */
export function emitAll(requests: readonly EmitRequest[]): (ts.SourceFile | undefined)[] {
  if (requests.length === 0) return [];
  const inputs = new Map<string, ts.SourceFile>();
  requests.forEach((r, i) => {
    const name = `/${i}.${r.flavour}`;
    inputs.set(name, ts.createSourceFile(name, r.text, ts.ScriptTarget.ESNext, false, SCRIPT_KINDS[r.flavour]));
  });
  const outputs = new Map<string, string>();
  const host = programHost(inputs, (text, source) => outputs.set(source, text));
  const program = ts.createProgram({ rootNames: [...inputs.keys()], options: EMIT_OPTIONS, host });
  program.emit();
  return requests.map((r, i) => {
    const name = `/${i}.${r.flavour}`;
    const input = inputs.get(name)!;
    const text = outputs.get(name);
    if (text === undefined || program.getSyntacticDiagnostics(input).length > 0) return undefined;
    const jsx = r.flavour === 'tsx' || r.flavour === 'jsx';
    return ts.createSourceFile(jsx ? 'out.jsx' : 'out.js', text, ts.ScriptTarget.ESNext, true, jsx ? ts.ScriptKind.JSX : ts.ScriptKind.JS);
  });
}

function programHost(inputs: Map<string, ts.SourceFile>, write: (text: string, source: string) => void): ts.CompilerHost {
  return {
    getSourceFile: (name) => inputs.get(name),
    writeFile: (_name, text, _bom, _onError, sources) => {
      const source = sources?.[0]?.fileName;
      if (source !== undefined) write(text, source);
    },
    getDefaultLibFileName: () => '/lib.d.ts',
    useCaseSensitiveFileNames: () => true,
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => '/',
    getNewLine: () => '\n',
    fileExists: (name) => inputs.has(name),
    readFile: (name) => inputs.get(name)?.text,
    directoryExists: () => true,
    getDirectories: () => [],
  };
}
