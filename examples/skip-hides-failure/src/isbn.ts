/** Drops spaces and hyphens; an x check digit becomes X. */
export function compact(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** ISBN-10: nine digits and a check digit (0–9 or X for ten); the weighted sum is divisible by 11. */
export function isValidIsbn10(input: string): boolean {
  const isbn = compact(input);
  if (!/^\d{9}[\dX]$/.test(isbn)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = isbn[i] === 'X' ? 10 : Number(isbn[i]);
    sum += digit * (10 - i);
  }
  return sum % 11 === 0;
}

/** The ISBN-13 check digit for the first twelve digits (weights 1, 3, 1, 3, …). */
export function checkDigit13(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidIsbn13(input: string): boolean {
  const isbn = compact(input);
  if (!/^97[89]\d{10}$/.test(isbn)) return false;
  return checkDigit13(isbn.slice(0, 12)) === Number(isbn[12]);
}
