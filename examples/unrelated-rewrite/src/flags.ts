import { bucketOf } from './hash.js';

export interface User {
  id: string;
  country?: string;
}

export interface Flag {
  key: string;
  /** The kill switch: a disabled flag is off for everyone. */
  enabled: boolean;
  /** User ids that always get the feature while the flag is enabled (staff, beta testers). */
  allow?: string[];
  /** Restricts the rollout to these countries. */
  countries?: string[];
  /** Percentage of the remaining users that get the feature, 0–100. */
  rollout: number;
}

export function isEnabled(flag: Flag, user: User): boolean {
  if (flag.allow?.includes(user.id)) return true;
  if (!flag.enabled) return false;
  if (flag.countries && !(user.country !== undefined && flag.countries.includes(user.country))) return false;
  return bucketOf(flag.key, user.id) < flag.rollout;
}

/** Keys of the flags that are on for the user, sorted. */
export function enabledFlags(flags: Flag[], user: User): string[] {
  return flags
    .filter((flag) => isEnabled(flag, user))
    .map((flag) => flag.key)
    .sort();
}
