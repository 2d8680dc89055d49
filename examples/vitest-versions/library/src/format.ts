/** Formats cents as a price: 1999 → "19.99", with the currency sign in front. */
export function formatPrice(cents: number, currency = '$'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${sign}${currency}${whole}.${fraction}`;
}

/** Upper-cases a SKU and trims it: " ab-1 " → "AB-1". */
export function normalizeSku(sku: string): string {
  return sku.trim().toUpperCase();
}
