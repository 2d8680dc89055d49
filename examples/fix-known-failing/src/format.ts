import { roundTo } from './round.js';

const SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£' };

/** Formats a price for an invoice line: `€1,234.50`. */
export function formatPrice(amount: number, currency = 'EUR'): string {
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  const rounded = roundTo(Math.abs(amount), 2);
  const [whole, fraction = ''] = String(rounded).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = amount < 0 ? '-' : '';
  return `${sign}${symbol}${grouped}.${fraction.padEnd(2, '0')}`;
}

/** Formats a rate such as 0.2 as `20%`. */
export function formatPercent(rate: number): string {
  return `${roundTo(rate * 100, 1)}%`;
}
