/** Lower-cases and strips accents, so "Crème Brûlée" and "creme brulee" give the same slug. */
function normalize(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** A URL path segment for a post title: "Ten Tips for TypeScript!" → "ten-tips-for-typescript". */
export function slugify(title: string): string {
  return normalize(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The post's path under the blog root. */
export function postPath(year: number, title: string): string {
  return `/blog/${year}/${slugify(title)}`;
}
