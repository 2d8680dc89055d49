// `import * as before from '../src/slug.ts?patchprobe=base'`: a module as it is at a git revision
// (`base`, default HEAD), loaded next to the current version inside one vite/vitest process.
//
// How: an id that ends in `?patchprobe=base` is a file of the repository read from git at the base
// commit (`git cat-file`), never from the disk. The query stays in the module id, so the base and
// the current version are two module instances, each with its own module-level state, and vite still
// transpiles `.ts?patchprobe=base` (its transforms key on the extension before the query). Imports
// made INSIDE a base module follow the base tree as well:
// - relative ones resolve against the file list at base, so a file deleted or renamed in the working
//   tree still loads;
// - aliases and tsconfig paths go through the project's own resolution, and a project file it finds
//   is mapped back to base; vite's alias plugin runs before every other plugin, so an aliased import
//   reaches `resolveId` already rewritten to an ABSOLUTE working-tree path, which is treated like a
//   relative one (beforeTreePlugin learned this the hard way);
// - packages (node_modules, builtins, virtual modules) are not versioned in git: both versions share
//   the one installed instance.
// Files are never written and git is only read (GIT_OPTIONAL_LOCKS=0: no index refresh either).
//
// Kept free of imports beyond node builtins (and git/run-git-sync.ts, which is too): it is loaded
// by the project's vite config bundler.
import fs from 'node:fs';
import path from 'node:path';
import { runGitSync } from '../git/run-git-sync.js';

/** The query that asks for the base version; the module ids of base modules end with it. */
export const BASE_QUERY = '?patchprobe=base';

export interface BaseQueryOptions {
  /** Any folder inside the git repository (usually vite's root). Bare project paths such as
   * `'src/slug.ts?patchprobe=base'` that the project's resolution does not know are taken relative to it. */
  root: string;
  /** The revision the base versions come from (a branch, tag, `HEAD~1`, a commit). Default `HEAD`. */
  base?: string;
  /**
   * Serve base versions from a folder instead of git: `{ root: <tree root>, dir: <base tree root> }`.
   * patchprobe's own runs of a project happen in private copies without a `.git`; there the base is
   * the before copy (set through PATCHPROBE_TREE_ROOT / PATCHPROBE_BASE_DIR by patchprobe itself).
   */
  baseTree?: { root: string; dir: string };
}

const BASE_TREE_PREFIX = 'dir:';

function listTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (abs: string, rel: string): void => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(abs, e.name), r);
      else if (e.isFile()) files.set(r, BASE_TREE_PREFIX + r);
    }
  };
  walk(dir, '');
  return files;
}

interface ResolvedLike {
  id: string;
  external?: boolean | 'absolute' | 'relative';
}
interface PluginContextLike {
  resolve(source: string, importer?: string, options?: Record<string, unknown>): Promise<ResolvedLike | null>;
}
/** What vitest (>= 3.1) hands `configureVitest`; only the part used here (the hook is 4.0.11+). */
interface VitestPluginContextLike {
  vitest: unknown;
  experimental_defineCacheKeyGenerator?: (generator: (context: { id: string }) => string | undefined | false) => void;
}

/** The minimal vite plugin shape, so this file needs no vite types. */
export interface BaseQueryPlugin {
  name: string;
  enforce: 'pre';
  configResolved(config: { root: string }): void;
  resolveId(this: PluginContextLike, source: string, importer: string | undefined, options?: Record<string, unknown>): Promise<string | ResolvedLike | null>;
  load(id: string): { code: string; map: null } | null;
  configureVitest(context: VitestPluginContextLike): void;
}

// Vite's default `resolve.extensions` order, then folder indexes: a base import picks the file the
// current version's resolution would pick when both exist.
const EXTS = ['.mjs', '.js', '.mts', '.ts', '.jsx', '.tsx', '.json'];
const CANDIDATE_SUFFIXES = ['', ...EXTS, ...EXTS.map((e) => `/index${e}`)];
// `./b.js` written in a TS file means `./b.ts` (TS ESM convention; vite resolves it the same way).
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

interface GitState {
  repoRoot: string;
  commit: string;
  /** Repository-relative path (with '/') → blob id, for every file at the base commit. */
  files: Map<string, string>;
}

export function baseQueryPlugin(options: BaseQueryOptions): BaseQueryPlugin {
  const base = options.base ?? 'HEAD';
  const root = path.resolve(options.root);
  let state: GitState | undefined;
  // Where root-relative URLs ('/src/x.ts') start; vite's root once the config is resolved.
  let viteRoot = root;

  const run = runGitSync;

  // Git is asked lazily, and once: a project that never imports `?patchprobe=base` pays nothing
  // (and needs no repository), and `base` is pinned to one commit for the life of the plugin, so
  // every base module of a run comes from the same revision even if a branch moves meanwhile.
  const baseTree =
    options.baseTree ??
    (process.env.PATCHPROBE_TREE_ROOT && process.env.PATCHPROBE_BASE_DIR ? { root: process.env.PATCHPROBE_TREE_ROOT, dir: process.env.PATCHPROBE_BASE_DIR } : undefined);
  const git = (): GitState => {
    if (state) return state;
    if (baseTree) {
      state = { repoRoot: fs.realpathSync(baseTree.root), commit: 'before-copy', files: listTree(baseTree.dir) };
      return state;
    }
    let repoRoot: string;
    try {
      // Real path: vite's module ids are real paths (it resolves symlinks, e.g. macOS /tmp).
      repoRoot = fs.realpathSync(run(['rev-parse', '--show-toplevel'], root).trim());
    } catch (error) {
      throw new Error(`patchprobe: ?patchprobe=base needs a git repository, and ${root} is not inside one (${firstLine(error)})`);
    }
    if (base.startsWith('-')) throw new Error(`patchprobe: base '${base}' is not a revision`);
    let commit: string;
    try {
      commit = run(['rev-parse', '--verify', '--quiet', `${base}^{commit}`], repoRoot).trim();
    } catch {
      throw new Error(`patchprobe: base '${base}' is not a commit of the repository at ${repoRoot}`);
    }
    const files = new Map<string, string>();
    // `<mode> <type> <blob id>\t<path>` per file; -z keeps unusual file names verbatim. Submodules
    // (type commit) have no files here, so a file inside one has no base version.
    for (const entry of run(['ls-tree', '-r', '-z', '--full-tree', commit], repoRoot).split('\0')) {
      const tab = entry.indexOf('\t');
      if (tab < 0) continue;
      const [, type, oid] = entry.slice(0, tab).split(' ');
      if (type === 'blob' && oid) files.set(entry.slice(tab + 1), oid);
    }
    state = { repoRoot, commit, files };
    return state;
  };

  /** Repository-relative path with '/', or null when `abs` is outside the repository. */
  const toRel = (abs: string): string | null => {
    const rel = path.relative(git().repoRoot, abs);
    if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
    return rel.split(path.sep).join('/');
  };
  const isProjectFile = (abs: string): boolean => {
    const rel = toRel(abs);
    return rel !== null && !`/${rel}/`.includes('/node_modules/');
  };
  const toAbs = (rel: string): string => path.join(git().repoRoot, ...rel.split('/'));
  const describeBase = (): string => `${base}, ${git().commit.slice(0, 7)}`;

  /** The file at base that an import of `abs` (maybe without extension) means, or null. */
  const resolveAtBase = (abs: string): string | null => {
    const rel = toRel(abs);
    if (rel === null) return null;
    const { files } = git();
    for (const suffix of CANDIDATE_SUFFIXES) if (files.has(rel + suffix)) return rel + suffix;
    const ext = path.posix.extname(rel);
    for (const ts of JS_TO_TS[ext] ?? []) if (files.has(rel.slice(0, -ext.length) + ts)) return rel.slice(0, -ext.length) + ts;
    return null;
  };
  /** The same lookup on the disk (the working tree), for error messages. */
  const resolveOnDisk = (abs: string): string | null => {
    const isFile = (p: string): boolean => fs.statSync(p, { throwIfNoEntry: false })?.isFile() === true;
    for (const suffix of CANDIDATE_SUFFIXES) if (isFile(abs + suffix)) return abs + suffix;
    const ext = path.extname(abs);
    for (const ts of JS_TO_TS[ext] ?? []) if (isFile(abs.slice(0, -ext.length) + ts)) return abs.slice(0, -ext.length) + ts;
    return null;
  };
  /** An absolute specifier as a path inside the repository: itself, or relative to vite's root. */
  const fromAbsolute = (spec: string): string | null => {
    if (toRel(spec) !== null) return spec;
    const underRoot = path.join(viteRoot, spec);
    return toRel(underRoot) !== null ? underRoot : null;
  };
  const baseId = (rel: string): string => slash(toAbs(rel)) + BASE_QUERY;

  const noBaseVersion = (abs: string): Error => {
    const rel = toRel(abs) ?? abs;
    let ignored = false;
    try {
      run(['check-ignore', '-q', '--', rel], git().repoRoot);
      ignored = true;
    } catch {
      // exit code 1: not ignored
    }
    return new Error(
      ignored
        ? `patchprobe: ${rel} is ignored by git, so it has no base version (${describeBase()}); import it without ${BASE_QUERY}`
        : `patchprobe: ${rel} did not exist at base (${describeBase()}): it was added after base, so it has no base version; import it without ${BASE_QUERY}`,
    );
  };

  const notVersioned = (source: string, file: string): Error =>
    new Error(
      `patchprobe: '${source}' resolves to ${file}, which is not a file of this repository (a package, or outside it): packages are not versioned in git, so it has no base version; import it without ${BASE_QUERY}`,
    );

  /** `<path>?patchprobe=base` written in a test (or in a base module): the file at base. */
  async function resolveExplicit(ctx: PluginContextLike, bare: string, source: string, importerFile: string | undefined, resolveOptions: Record<string, unknown> | undefined): Promise<string> {
    const fromDir = importerFile && path.isAbsolute(importerFile) ? path.dirname(importerFile) : root;
    let abs: string | null = null;
    if (isRelative(bare)) abs = path.resolve(fromDir, bare);
    // Absolute: a path the test wrote, vite re-resolving an id it already gave out, an alias
    // ('@/slug?patchprobe=base') that vite's alias plugin has already rewritten, or a root-relative
    // URL ('/src/slug.ts?patchprobe=base': vitest 3's vite-node fetches modules inside the root so).
    else if (path.isAbsolute(bare)) abs = fromAbsolute(bare);
    if (abs !== null) {
      const rel = resolveAtBase(abs);
      if (rel !== null) return baseId(rel);
      const onDisk = resolveOnDisk(abs);
      if (onDisk !== null) throw isProjectFile(onDisk) ? noBaseVersion(onDisk) : notVersioned(source, onDisk);
      throw new Error(`patchprobe: cannot find '${bare}' (${toRel(abs) ?? abs}) at base (${describeBase()}) nor in the working tree`);
    }
    // Anything else goes through the project's resolution (tsconfig paths plugins, vite 8's
    // resolve.tsconfigPaths, a workspace package linked into node_modules that lives in this repo).
    const resolved = await ctx.resolve(bare, importerFile, { ...resolveOptions, skipSelf: true });
    if (resolved && !resolved.external) {
      const file = stripQuery(resolved.id);
      if (!isProjectFile(file)) throw notVersioned(source, file);
      const rel = toRel(file);
      if (rel !== null && git().files.has(rel)) return baseId(rel);
      // The working tree resolves to another file (e.g. slug.ts became slug/index.ts): look for
      // what the same path without its extension meant at base.
      const stem = file.replace(/(?:[/\\]index)?\.[cm]?[jt]sx?$|\.json$/, '');
      const atBase = resolveAtBase(stem);
      if (atBase !== null) return baseId(atBase);
      throw noBaseVersion(file);
    }
    // A bare project path ('src/slug.ts'), as a tsconfig `paths` entry '*?patchprobe=base' → './*' types it.
    const rel = resolveAtBase(path.resolve(root, bare));
    if (rel !== null) return baseId(rel);
    throw new Error(`patchprobe: cannot resolve '${source}': neither the project's resolution nor ${slash(root)}/${bare} at base (${describeBase()}) knows it`);
  }

  /** An import made by a base module: keep it in the base tree unless it is a package. */
  async function resolveInsideBase(ctx: PluginContextLike, source: string, importerFile: string, resolveOptions: Record<string, unknown> | undefined): Promise<string | ResolvedLike | null> {
    // Virtual modules, builtins, URLs, and imports with a query of their own (`?raw`, `?worker`):
    // left to vite, that is, shared with the current version.
    if (source.startsWith('\0') || source.includes('?') || (/^[a-z][a-z0-9+.-]*:/i.test(source) && !path.isAbsolute(source))) return null;
    const abs = isRelative(source) ? path.resolve(path.dirname(importerFile), source) : path.isAbsolute(source) ? fromAbsolute(source) : null;
    if (abs !== null && isProjectFile(abs)) {
      const rel = resolveAtBase(abs);
      // A file missing at base that the base module imports can only be one git does not track
      // (generated, ignored): the working-tree file is the only version there is, so vite's own
      // resolution (null) picks it.
      return rel === null ? null : baseId(rel);
    }
    const resolved = await ctx.resolve(source, importerFile, { ...resolveOptions, skipSelf: true });
    if (!resolved || resolved.external || resolved.id.includes('?')) return resolved;
    if (!path.isAbsolute(resolved.id) || !isProjectFile(resolved.id)) return resolved;
    const rel = toRel(resolved.id);
    return rel !== null && git().files.has(rel) ? baseId(rel) : resolved;
  }

  return {
    name: 'patchprobe:base-query',
    enforce: 'pre',
    async resolveId(source, importer, resolveOptions) {
      const importerFile = importer === undefined ? undefined : stripBaseQuery(importer);
      const q = source.indexOf('?');
      if (q >= 0) {
        const query = source.slice(q);
        if (query === BASE_QUERY) return resolveExplicit(this, source.slice(0, q), source, importerFile, resolveOptions);
        // A near miss would load the CURRENT file under a base-looking name: refuse it.
        if (/[?&]patchprobe\b/i.test(query)) {
          throw new Error(`patchprobe: '${source}': write the query exactly as ${BASE_QUERY}, as the only query of the import`);
        }
      }
      if (importer !== undefined && importerFile !== undefined && isBaseId(importer)) return resolveInsideBase(this, source, importerFile, resolveOptions);
      return null;
    },
    configResolved(config) {
      viteRoot = config.root;
    },
    load(id) {
      if (!isBaseId(id)) return null;
      const file = stripBaseQuery(id);
      const rel = toRel(file);
      const oid = rel === null ? undefined : git().files.get(rel);
      if (rel === null || oid === undefined) throw noBaseVersion(file);
      if (baseTree && oid.startsWith(BASE_TREE_PREFIX)) return { code: fs.readFileSync(path.join(baseTree.dir, ...rel.split('/')), 'utf8'), map: null };
      // cat-file prints the blob exactly as committed (no textconv). `map: null`: the code is the
      // base file itself, so stack traces point at the base file's own lines.
      return { code: run(['cat-file', 'blob', oid], git().repoRoot), map: null };
    },
    configureVitest(context) {
      // vitest >= 4.0.11 `experimental.fsModuleCache` keys a cached module on its id plus the
      // content of the file on DISK at that id (for `x.ts?patchprobe=base`: the working-tree
      // x.ts), not on what `load` returned. Without more, a base module cached while base was one
      // commit would be served again after base moved (a commit, a new `base` option) as long as
      // the working-tree file is unchanged. The blob id at base completes the key.
      context.experimental_defineCacheKeyGenerator?.(({ id }) => {
        if (!isBaseId(id)) return undefined;
        const rel = toRel(stripBaseQuery(id));
        return `patchprobe-base:${(rel !== null && git().files.get(rel)) || 'missing'}`;
      });
    },
  };
}

function isBaseId(id: string): boolean {
  return id.endsWith(BASE_QUERY);
}
function stripBaseQuery(id: string): string {
  return isBaseId(id) ? id.slice(0, -BASE_QUERY.length) : id;
}
function stripQuery(id: string): string {
  const q = id.indexOf('?');
  return q < 0 ? id : id.slice(0, q);
}
function isRelative(spec: string): boolean {
  return spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('.\\') || spec.startsWith('..\\');
}
/** Vite's ids use '/' on every platform. */
function slash(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() ? stderr : error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0] ?? '';
}
