export type Unit = 'g' | 'kg' | 'ml' | 'l' | 'tsp' | 'tbsp' | 'cup';
export type Dimension = 'mass' | 'volume';

const UNITS: Record<Unit, { dimension: Dimension; base: number }> = {
  g: { dimension: 'mass', base: 1 },
  kg: { dimension: 'mass', base: 1000 },
  ml: { dimension: 'volume', base: 1 },
  l: { dimension: 'volume', base: 1000 },
  tsp: { dimension: 'volume', base: 5 },
  tbsp: { dimension: 'volume', base: 15 },
  cup: { dimension: 'volume', base: 240 }
};

export function dimensionOf(unit: Unit): Dimension {
  return UNITS[unit].dimension;
}

/** Converts between units of the same dimension (grams to kilograms, spoons to millilitres). */
export function convert(amount: number, from: Unit, to: Unit): number {
  if (dimensionOf(from) !== dimensionOf(to)) {
    throw new TypeError(`cannot convert ${from} to ${to}`);
  }
  return (amount * UNITS[from].base) / UNITS[to].base;
}

/** Picks the unit a cook would write: 1500 g is "1.5 kg", 3 tsp is "1 tbsp". */
export function readableUnit(amount: number, unit: Unit): Unit {
  if (dimensionOf(unit) === 'mass') return (convert(amount, unit, 'g') >= 1000) ? 'kg' : 'g';
  const ml = convert(amount, unit, 'ml');
  if (ml >= 1000) return 'l';
  if (ml >= 240) return 'cup';
  if (ml >= 15) return 'tbsp';
  return 'tsp';
}
