import { expect, it } from 'vitest';
import { scaledMs, timeScale } from '../packages/test-utils/src/time-scale.ts';

// The time limits of the whole suite hang on this: the factor measured when the run started
// (vitest.workspace.ts) must reach the workers, or every scaledMs() is the idle machine's limit.
it('the workers see the time scale measured at the start of the run', () => {
  expect(process.env.PP_TIME_SCALE).toMatch(/^\d+(\.\d)?$/);
  expect(timeScale()).toBeGreaterThanOrEqual(1);
  expect(timeScale()).toBeLessThanOrEqual(4);
  expect(scaledMs(1000)).toBe(Math.round(1000 * timeScale()));
});
