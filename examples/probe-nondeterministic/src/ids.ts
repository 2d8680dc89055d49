/** A short random id for a new record: "ord_k3x9q2mz". Not for secrets. */
export function makeId(prefix: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `${prefix}_${random}`;
}

/** The prefix of an id made by makeId ("ord_k3x9q2mz" → "ord"). */
export function idPrefix(id: string): string {
  const separator = id.lastIndexOf('_');
  return separator === -1 ? '' : id.slice(0, separator);
}
