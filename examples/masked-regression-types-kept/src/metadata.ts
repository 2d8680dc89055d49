import type { Field, Item } from './schema.js';

/** What a field's pipe says about it: the last title and description, and every metadata entry. */
export interface FieldMetadata {
  title: string | undefined;
  description: string | undefined;
  entries: Record<string, string>;
}

/**
 * Collects the metadata of a field, nested pipes included; a later item wins.
 *
 * @example getMetadata(field('email', title('Email'))) // => { title: 'Email', description: undefined, entries: {} }
 */
export function getMetadata(field: Field): FieldMetadata {
  const out: FieldMetadata = { title: undefined, description: undefined, entries: {} };
  const walk = (pipe: Item[]): void => {
    for (const item of pipe) {
      if (item.kind === 'title') out.title = item.title;
      else if (item.kind === 'description') out.description = item.description;
      else if (item.kind === 'metadata') Object.assign(out.entries, item.metadata);
      else walk(item.pipe);
    }
  };
  walk(field.pipe);
  return out;
}
