import path from 'node:path';

const TEST_SUFFIX = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
const SOURCE_EXT = /\.[cm]?[jt]sx?$/;

export interface SuggestedTestPlace {
  /** Repository-relative path of the suggested test file. */
  file: string;
  /** The source module as the test file imports it ('./shipping', '../src/shipping'). */
  importPath: string;
}

/**
 * Where a suggested test goes so that the project's own vitest runs it once pasted: beside the
 * source when the project's include globs take a test there, else in the folder of a test file
 * that already tests this code (then any collected test file), with that file's suffix
 * (`.spec.ts` where the project uses it). A suggestion vitest never collects would "pass" by never
 * running. Without a folder the project collects, it stays beside the source.
 */
export function suggestedTestPlace(
  source: string,
  options: { runsAsTest?: ((file: string) => boolean) | undefined; reachingTests: readonly string[]; collectedTests: readonly string[] },
): SuggestedTestPlace {
  const base = path.posix.basename(source).replace(SOURCE_EXT, '');
  const at = (dir: string, suffix: string): string => `${dir === '.' ? '' : `${dir}/`}${base}.patchprobe${suffix}`;
  const beside = at(path.posix.dirname(source), '.test.ts');
  const collects = options.runsAsTest;
  const place = (file: string): SuggestedTestPlace => {
    let rel = path.posix.relative(path.posix.dirname(file), source).replace(SOURCE_EXT, '');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return { file, importPath: rel };
  };
  if (!collects || collects(beside)) return place(beside);
  for (const test of [...options.reachingTests, ...[...options.collectedTests].sort()]) {
    const suffix = TEST_SUFFIX.exec(test)?.[0] ?? '.test.ts';
    // A .js test file gets a .ts suggestion only when the project collects .ts there.
    for (const s of [suffix.replace(/\.[cm]?jsx?$/, (e) => e.replace('j', 't')), suffix]) {
      const candidate = at(path.posix.dirname(test), s);
      if (collects(candidate)) return place(candidate);
    }
  }
  return place(beside);
}
