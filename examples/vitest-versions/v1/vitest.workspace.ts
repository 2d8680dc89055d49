// vitest 1.x: a workspace file with one named project (read by vitest 1.x–3.x, ignored by 4).
import { defineWorkspace } from 'vitest/config';

export default defineWorkspace([{ test: { name: 'unit', include: ['test/**/*.test.ts'] } }]);
