/** One step of a field's pipe: a title, a description, free metadata, or a nested pipe. */
export type Item =
  | { kind: 'title'; title: string }
  | { kind: 'description'; description: string }
  | { kind: 'metadata'; metadata: Record<string, string> }
  | { kind: 'pipe'; pipe: Item[] };

export interface Field {
  name: string;
  pipe: Item[];
}

export const field = (name: string, ...pipe: Item[]): Field => ({ name, pipe });
export const title = (text: string): Item => ({ kind: 'title', title: text });
export const description = (text: string): Item => ({ kind: 'description', description: text });
export const metadata = (entries: Record<string, string>): Item => ({ kind: 'metadata', metadata: entries });
export const nested = (...pipe: Item[]): Item => ({ kind: 'pipe', pipe });
