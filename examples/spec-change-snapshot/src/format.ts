/** "65m 5s", or "45s" under a minute. */
export function formatDuration(seconds: number, options: { hours?: boolean } = {}): string {
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m}m ${seconds % 60}s` : `${seconds}s`;
}

/** Events per second, one decimal: "2.5/s". */
export function formatRate(count: number, seconds: number): string {
  return `${Math.round((count / seconds) * 10) / 10}/s`;
}
