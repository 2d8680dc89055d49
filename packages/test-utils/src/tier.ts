import { it } from 'vitest';

/**
 * patchprobe's own tests come in two tiers (docs/development.md "Test tiers").
 *
 * - `pnpm test` (the README's command, what CI runs) is the fast tier: every unit test, every
 *   example that pins a rule that can say regressive together with the honest change of the same
 *   shape, one verdict per vitest major, and one end-to-end run of each stage, mode and safety
 *   guarantee. On a 2-core machine it takes about ten minutes.
 * - `pnpm test:full` (PATCHPROBE_TEST_TIER=full) adds the rest: the other examples (more shapes of
 *   the same verdicts), the per-version matrices of the warm host and the reporter on every major,
 *   and the costlier variants of the cache, shard and mutation-worker tests. About half an hour.
 *   Run it before changing a verdict rule, a stage's mechanics or the examples.
 *
 * A test of the full tier reads as skipped in the fast one, so the count says what was left out.
 */
export const FULL_TIER = process.env.PATCHPROBE_TEST_TIER === 'full';

/** A test that runs only in the full tier. */
export const itFull: ReturnType<typeof it.runIf> = it.runIf(FULL_TIER);

/**
 * Whether a test of a per-version (or per-variant) matrix runs: always when `fast` (the variant
 * is one the fast tier keeps: for vitest versions, the oldest and the newest, the two ends of what
 * the adapters bridge), otherwise only in the full tier. Use as `it.runIf(runsInTier(fast))`.
 */
export function runsInTier(fast: boolean): boolean {
  return fast || FULL_TIER;
}

/**
 * The vitest versions a per-version matrix runs in the fast tier: the oldest and the newest, one on
 * each of the two paths the adapters take (globTestFiles/runFiles up to 2.0, the newer API after).
 */
export const FAST_TIER_VITEST: readonly string[] = ['v0.34', 'v4'];
