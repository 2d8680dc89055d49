import { runDiff } from '../diff/change-set.js';
import { defineStage } from './context.js';

/** 2. Which files changed, how, and whether only in whitespace or comments. */
export const diffStage = defineStage({
  name: 'diff',
  needs: ['snapshot'],
  run: async (_ctx, { snapshot }) => ({ changes: await runDiff(snapshot) }),
});
