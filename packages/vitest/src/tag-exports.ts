import { init, parse } from 'es-module-lexer';

/** Where `toBehaveLike` finds a function's module, to derive inputs from its parameter types. */
export const SOURCE_TAG = 'patchprobe.source';

/**
 * Appends, to a transformed (plain JS) module, a tag on every exported local function saying
 * which file and export it is. Non-enumerable and keyed by a registered symbol, so nothing the
 * project does with its functions can see it. Returns null when there is nothing to tag.
 */
export async function tagExports(code: string, file: string): Promise<string | null> {
  await init;
  let exports: ReturnType<typeof parse>[1];
  try {
    [, exports] = parse(code);
  } catch {
    return null; // not plain JS (yet): leave it alone
  }
  const tags = exports
    .filter((e) => e.ln && /^[A-Za-z_$][\w$]*$/.test(e.ln))
    .map(
      (e) =>
        `if (typeof ${e.ln} === 'function') Object.defineProperty(${e.ln}, Symbol.for(${JSON.stringify(SOURCE_TAG)}), { value: { file: ${JSON.stringify(file)}, exportName: ${JSON.stringify(e.n)} } });`,
    );
  if (tags.length === 0) return null;
  return `${code}\n;try { ${tags.join(' ')} } catch {}\n`;
}
