export { slugify, type SlugOptions } from './slugify.js';
export { transliterate } from './transliterate.js';
