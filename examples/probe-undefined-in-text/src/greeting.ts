export interface User {
  name: string;
  nickname?: string;
}

/** The line at the top of the dashboard: the nickname if the user chose one. */
export function greeting(user: User): string {
  return `Welcome back, ${user.nickname ?? user.name}!`;
}
