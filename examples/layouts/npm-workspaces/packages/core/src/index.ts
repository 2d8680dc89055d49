/** "ada lovelace" → "Ada Lovelace". */
export function titleCase(name: string): string {
  return name
    .split(' ')
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
}
