// Types for `?patchprobe=base` imports (a module as it is at git revision `base`; see
// @patchprobe/core/base-modules). Load this file once, e.g. in a tsconfig `"types"` entry or with
// `/// <reference types="@patchprobe/vitest/base" />`.
//
// TypeScript (5.9) cannot give such an import the types of the file it names. It treats the query as
// part of the file name ('../src/slug.ts?patchprobe=base' is looked up as a file literally called
// `slug.ts?patchprobe=base.ts`, `slug.d.ts?patchprobe=base.ts`, …), there is no option to strip a
// suffix and resolve the rest (microsoft/TypeScript#37319, open; #45277, closed), and `paths` never
// applies to relative specifiers (#10988). What remains:
//
// 1. Relative imports (this declaration): the module is `any`, any import form compiles. Cast it to
//    the current module's types where you use it:
//
//      import * as baseSlug from '../src/slug.ts?patchprobe=base';
//      import * as slug from '../src/slug.ts';
//      const before = baseSlug as typeof slug; // or: as typeof import('../src/slug.ts')
//      expect(before.slugify('A b')).toBe('a-b');
//
//    The cast claims that the base version has the current version's exports and signatures; when
//    the patch changed them, call the base module through `any` instead.
//
// 2. Non-relative imports get the real types through a tsconfig `paths` entry whose pattern ends
//    with the query (a resolved path wins over ambient declarations such as the one below):
//
//      "paths": { "@/*?patchprobe=base": ["./src/*"], "@/*": ["./src/*"], "*?patchprobe=base": ["./*"] }
//
//    With it, `import * as before from '@/slug?patchprobe=base'` (a vite alias `@` → src) and
//    `import * as before from 'src/slug.ts?patchprobe=base'` (a path from vite's root, which the
//    plugin also understands; `./*` is taken from the tsconfig's folder) have the types of
//    src/slug.ts. List the query pattern BEFORE the plain one with the same prefix: TypeScript
//    uses the pattern with the longest prefix and, on a tie, the first listed, and it does not try
//    another pattern when that one's target is missing. Under moduleResolution node16/nodenext,
//    write the extension ('@/slug.ts?patchprobe=base').
//
// This file must stay a script (no top-level import/export): in a module, `declare module` would be
// an augmentation and would not match anything.
declare module '*?patchprobe=base';
