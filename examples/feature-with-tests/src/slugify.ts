import { transliterate } from './transliterate.js';

export interface SlugOptions {
  /** Separator between words, `-` by default. */
  separator?: string;
  /** Maximum length; the slug is cut at a word boundary. */
  maxLength?: number;
}

export function slugify(title: string, options: SlugOptions = {}): string {
  const separator = options.separator ?? '-';
  const words = transliterate(title)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

  let slug = words.join(separator);
  if (options.maxLength !== undefined && slug.length > options.maxLength) {
    const cut = slug.slice(0, options.maxLength + 1);
    const lastSeparator = cut.lastIndexOf(separator);
    slug = lastSeparator > 0 ? cut.slice(0, lastSeparator) : slug.slice(0, options.maxLength);
  }
  return slug;
}
