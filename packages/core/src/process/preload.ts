// Imported first by the package's entry: ts-morph's TypeScript from V8's code cache (code-cache.ts)
// before any module that imports ts-morph is evaluated (ES modules evaluate in import order).
import { preloadTsMorphTypeScript } from './code-cache.js';

preloadTsMorphTypeScript();
