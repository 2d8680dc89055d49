/**
 * Orders two versions "MAJOR.MINOR.PATCH[-PRERELEASE]": negative when `a` comes first, 0 when they
 * are the same, positive when `b` does.
 */
export function compareVersions(a: string, b: string): number {
  const [coreA] = a.split('-');
  const [coreB] = b.split('-');
  const partsA = coreA!.split('.').map(Number);
  const partsB = coreB!.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (partsA[i] ?? 0) - (partsB[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}
