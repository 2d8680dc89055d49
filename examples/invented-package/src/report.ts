export interface Sale {
  region: string;
  cents: number;
}

/** Total sales per region, largest first. */
export function byRegion(sales: readonly Sale[]): Array<{ region: string; cents: number }> {
  const totals = new Map<string, number>();
  for (const sale of sales) totals.set(sale.region, (totals.get(sale.region) ?? 0) + sale.cents);
  return [...totals].map(([region, cents]) => ({ region, cents })).sort((a, b) => b.cents - a.cents);
}
