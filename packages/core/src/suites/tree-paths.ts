import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a copy's repository root reads as in test titles, suite names and messages. */
export const ROOT_PLACEHOLDER = '<root>';

/** [absolute folder, placeholder]: every spelling of the folder in a string becomes the placeholder. */
export type TreePathPairs = ReadonlyArray<readonly [string, string]>;

/**
 * The spellings a folder can have in what a test prints: as given, its realpath, with or without
 * macOS's /private prefix (/var and /tmp are symlinks to /private/…), with the other separator on
 * Windows, and as a file:// URL (import.meta.url).
 */
export function pathSpellings(dir: string): string[] {
  const out = new Set<string>();
  const add = (p: string): void => {
    if (!p) return;
    out.add(p);
    if (p.includes('\\')) out.add(p.split('\\').join('/'));
    if (p.startsWith('/private/')) out.add(p.slice('/private'.length));
    else if (/^\/(var|tmp|etc)\//.test(p)) out.add(`/private${p}`);
  };
  add(dir);
  try {
    add(fs.realpathSync.native(dir));
  } catch {
    // the folder may be gone (a test of this function, a removed copy): its given spelling is enough
  }
  // In a file:// URL the path is percent-encoded (and on Windows starts with /C:/): the URL's path part.
  for (const p of [...out]) if (path.isAbsolute(p)) out.add(pathToFileURL(p).pathname);
  return [...out];
}

/** A folder at least two levels deep: `/`, `/tmp` or a drive root would replace far too much. */
const deepEnough = (dir: string): boolean => dir.split(/[\\/]+/).filter(Boolean).length >= 2 + (/^[A-Za-z]:/.test(dir) ? 1 : 0);

/**
 * A function that replaces the copy-dependent folders in a string by stable placeholders, so a test
 * whose title is `loads ${path.resolve(__dirname, 'a.json')}` has the same title in the before and
 * after copies (which live in different folders) and in a cached run of an earlier verify.
 * A folder matches only as a whole path (not `/x/before` inside `/x/before-old` or `/x/before.bak`,
 * but at the end of a sentence: `/x/before.`); longer folders go
 * first, so a tree root wins over the workspace that holds it.
 */
export function treePathReplacer(pairs: TreePathPairs): (s: string) => string {
  const spelled = pairs
    .flatMap(([dir, placeholder]) => (deepEnough(dir) ? pathSpellings(dir).map((s) => [s, placeholder] as const) : []))
    .sort(([a], [b]) => b.length - a.length);
  if (spelled.length === 0) return (s) => s;
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:${spelled.map(([s]) => escape(s)).join('|')})(?![\\w-]|\\.\\w)`, 'g');
  const to = new Map(spelled.map(([s, p]) => [s, p]));
  return (s) => (s.includes('/') || s.includes('\\') ? s.replace(pattern, (m) => to.get(m) ?? m) : s);
}
