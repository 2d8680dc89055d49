// vitest 4.1: vitest.config.ts, explicit include.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['test/**/*.test.ts'] } });
