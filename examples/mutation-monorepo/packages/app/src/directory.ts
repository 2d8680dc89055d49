import { displayName, emailDomain, isValidEmail, normalizeEmail } from '@examples/mm-core';

export interface User {
  id: number;
  email: string;
  name: string;
}

export class DuplicateUserError extends Error {
  constructor(email: string) {
    super(`a user with email ${email} already exists`);
    this.name = 'DuplicateUserError';
  }
}

/** In-memory user directory; users are identified by their normalised email. */
export class UserDirectory {
  private readonly byEmail = new Map<string, User>();
  private nextId = 1;

  register(email: string, name: string): User {
    if (!isValidEmail(email)) throw new TypeError(`invalid email: ${email}`);
    const key = normalizeEmail(email);
    if (this.byEmail.has(key)) throw new DuplicateUserError(key);
    const user: User = { id: this.nextId++, email: key, name: displayName(name) };
    this.byEmail.set(key, user);
    return user;
  }

  findByEmail(email: string): User | undefined {
    return this.byEmail.get(normalizeEmail(email));
  }

  /** Users whose email is at the given domain. */
  inDomain(domain: string): User[] {
    const wanted = domain.toLowerCase();
    return [...this.byEmail.values()].filter((user) => emailDomain(user.email) === wanted);
  }
}
