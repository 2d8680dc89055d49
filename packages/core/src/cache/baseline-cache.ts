import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Finding } from '../verdict/finding.js';

/**
 * Results of the BEFORE tree that a later run on the same base can reuse (issue 7 §3). Stages ask
 * for a named part; `get` returns a value only after `validate` accepted it, so a stage never sees
 * a corrupt, foreign or outdated entry. Both calls fail soft: a problem becomes a `cache-ignored`
 * warning and the stage computes the part itself.
 */
export interface BaselineCache {
  get<T>(part: string, validate: (v: unknown) => v is T): T | undefined;
  set(part: string, value: unknown): void;
}

/** Bump when the entry layout or the meaning of a part changes: older entries are then ignored. */
// 2: test titles, suite names and messages read with the copy folders as placeholders (`<root>`, issue 16).
export const CACHE_FORMAT = 2;

/** Key directories kept in the cache folder; older ones are removed after a write. */
const MAX_KEYS = 32;

/** What the key is made of; every field that can change the before tree's results. */
export interface CacheKeyInputs {
  /** git tree id of the base commit: the before copy's exact content. */
  beforeTree: string;
  /** The project folder inside the repository ('' = root). */
  project: string;
  /** sha256 of each lockfile in the user's working tree (root and project folder): the dependencies installed now, which the before copy links. */
  lockfiles: Record<string, string>;
  /** sha256 of each vitest/vite config file of the before copy. */
  vitestConfigs: Record<string, string>;
  vitestVersion: string;
  patchprobeVersion: string;
  /** sha256 of the reporter patchprobe loads into vitest (its output is what gets cached). */
  reporter: string;
  runtime: { node: string; platform: string; arch: string; tz: string; nodeOptions: string };
}

/** sha256 of the inputs in a canonical form, with the cache format version. */
export function cacheKey(inputs: CacheKeyInputs): string {
  return createHash('sha256').update(canonicalJson({ format: CACHE_FORMAT, ...inputs })).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** One entry file: a header that ties it to its key and part, then the value. */
const EntrySchema = Type.Object({
  format: Type.Literal(CACHE_FORMAT),
  key: Type.String(),
  part: Type.String(),
  /** ISO time of the write. */
  created: Type.String(),
  value: Type.Unknown(),
});
type Entry = Static<typeof EntrySchema>;
const checkEntry = TypeCompiler.Compile(EntrySchema);

export interface FileBaselineCache extends BaselineCache {
  readonly key: string;
  readonly dir: string;
  /** `cache-ignored` warnings: entries that failed validation, writes that failed. */
  readonly findings: Finding[];
  /** Parts found and accepted, and parts looked up but not usable. */
  readonly hits: number;
  readonly misses: number;
}

/**
 * The cache on disk: `<dir>/<key>/<part>-<hash>.json`, one file per part, so concurrent writers
 * of different parts never touch the same file, and writers of the same part each rename a
 * complete file into place (the last one wins; a reader sees one whole entry or none).
 */
export function createFileBaselineCache(dir: string, key: string): FileBaselineCache {
  const findings: Finding[] = [];
  const warned = new Set<string>();
  let hits = 0;
  let misses = 0;
  const keyDir = path.join(dir, key);
  const fileOf = (part: string): string => {
    const slug = part.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
    return path.join(keyDir, `${slug}-${createHash('sha256').update(part).digest('hex').slice(0, 16)}.json`);
  };
  const warn = (part: string, message: string): void => {
    if (warned.has(part)) return;
    warned.add(part);
    findings.push({ kind: 'cache-ignored', severity: 'warning', message });
  };

  return {
    key,
    dir,
    findings,
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
    get<T>(part: string, validate: (v: unknown) => v is T): T | undefined {
      const file = fileOf(part);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        misses++;
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(part, `baseline cache entry ${file} could not be read (${errorText(error)}); the base was run again`);
        return undefined;
      }
      const problem = entryProblem(text, key, part, validate);
      if (problem !== undefined) {
        misses++;
        warn(part, `baseline cache entry ${file} ignored: ${problem}; the base was run again and the entry replaced`);
        return undefined;
      }
      hits++;
      return (JSON.parse(text) as Entry).value as T;
    },
    set(part: string, value: unknown): void {
      const file = fileOf(part);
      const entry: Entry = { format: CACHE_FORMAT, key, part, created: new Date().toISOString(), value };
      const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      try {
        fs.mkdirSync(keyDir, { recursive: true });
        fs.writeFileSync(tmp, JSON.stringify(entry));
        fs.renameSync(tmp, file);
      } catch (error) {
        try {
          fs.rmSync(tmp, { force: true });
        } catch {
          // the folder itself is unusable: there is no temp file to remove
        }
        // One warning per run, naming the folder's real problem: a recursive mkdir on a read-only
        // disk succeeds silently, so the write's own error reads ENOENT.
        warn('write', `the baseline cache in ${dir} could not be written (${errorText(whyNotWritable(keyDir) ?? error)}); this run went on without storing its results, and the next run will run the base again`);
        return;
      }
      prune(dir, key);
    },
  };
}

/** Why an entry's text cannot be trusted for (key, part), or undefined when it can. */
export function entryProblem(text: string, key: string, part: string, validate: (v: unknown) => boolean): string | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return 'it is not valid JSON (truncated or corrupt)';
  }
  // The header fields that break the schema, by name ('' when the entry is no object at all).
  const broken = new Set(checkEntry.Check(entry) ? [] : [...checkEntry.Errors(entry)].map((error) => error.path.split('/')[1] ?? ''));
  if (broken.has('')) return 'it is not a cache entry';
  const e = entry as Entry;
  if (broken.has('format')) return `it has cache format ${JSON.stringify(e.format)}, this patchprobe reads format ${CACHE_FORMAT}`;
  if (broken.has('key') || e.key !== key) return 'it belongs to another key (a foreign entry)';
  if (broken.has('part') || e.part !== part) return `it holds part ${JSON.stringify(e.part)}, not ${JSON.stringify(part)}`;
  if (broken.has('created') || Number.isNaN(Date.parse(e.created))) return 'its header has no creation time';
  if (broken.has('value') || !validate(e.value)) return 'its content does not have the expected shape';
  return undefined;
}

/** Keeps the MAX_KEYS most recently written key folders. Best effort: another process may be pruning too. */
function prune(dir: string, current: string): void {
  try {
    const keys = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && /^[0-9a-f]{64}$/.test(d.name) && d.name !== current)
      .map((d) => ({ name: d.name, mtime: fs.statSync(path.join(dir, d.name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of keys.slice(MAX_KEYS - 1)) fs.rmSync(path.join(dir, old.name), { recursive: true, force: true });
  } catch {
    // pruning is housekeeping; a failure costs disk space, not correctness
  }
}

/** The error a plain mkdir of `keyDir` gives, unless it exists (then the folder is not the problem). */
function whyNotWritable(keyDir: string): unknown {
  try {
    fs.mkdirSync(keyDir);
    fs.rmdirSync(keyDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return error;
  }
  return undefined;
}

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? (error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : String(error));
}
