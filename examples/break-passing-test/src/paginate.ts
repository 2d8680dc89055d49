export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** Returns page `page` (1-based) of `items`. Pages past the end are empty. */
export function paginate<T>(items: readonly T[], page: number, pageSize: number): Page<T> {
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a positive integer, got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);

  const totalPages = Math.ceil(items.length / pageSize);
  const start = (page - 1) * pageSize;
  const pageItems = items.slice(start, start + pageSize);

  return {
    items: pageItems,
    page,
    pageSize,
    totalItems: items.length,
    totalPages,
    hasPrevious: page > 1,
    hasNext: page < totalPages,
  };
}

/** Page numbers to show in a pager: the current page, `radius` pages each side, and the ends. */
export function pageWindow(current: number, totalPages: number, radius = 2): number[] {
  const pages = new Set<number>([1, totalPages]);
  for (let p = current - radius; p <= current + radius; p++) {
    if (p >= 1 && p <= totalPages) pages.add(p);
  }
  return [...pages].filter((p) => p >= 1).sort((a, b) => a - b);
}
