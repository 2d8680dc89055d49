/** 32-bit FNV-1a over the UTF-16 code units of `text`. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A stable bucket 0–99 for a user in a flag's rollout: the same user always lands in the same bucket. */
export function bucketOf(flagKey: string, userId: string): number {
  return fnv1a(`${flagKey}:${userId}`) % 100;
}
