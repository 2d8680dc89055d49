/** Collapses every run of whitespace (spaces, tabs, line breaks, no-break spaces) to one space and trims. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
