export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** Reads the `retry` section of a service's config file. */
export function readRetryPolicy(raw: unknown): RetryPolicy {
  const section = (raw ?? {}) as Partial<RetryPolicy>;
  return { attempts: section.attempts ?? 3, backoffMs: section.backoffMs ?? 200 };
}

/** The waits between attempts: exponential backoff. */
export function delays(policy: RetryPolicy): number[] {
  return Array.from({ length: Math.max(policy.attempts - 1, 0) }, (_, i) => policy.backoffMs * 2 ** i);
}
