export interface Version {
  major: number;
  minor: number;
  patch: number;
}

const PATTERN = /^v?(\d+)\.(\d+)\.(\d+)$/;

export function parseVersion(text: string): Version {
  const match = PATTERN.exec(text.trim());
  if (!match) throw new SyntaxError(`not a version: ${text}`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** Negative if `a` is older than `b`, positive if newer, 0 if they are the same release. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch;
}
