const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Canonical form of an email address, used as an identity key: trimmed and lowercased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return EMAIL.test(email.trim());
}

/** The part after the `@`, lowercased. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) throw new SyntaxError(`not an email address: ${email}`);
  return email.slice(at + 1).trim().toLowerCase();
}
