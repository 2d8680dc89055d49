// vitest 0.34 (vite 4): the test block inside vite.config.ts, the layout most projects of 2023 had.
/// <reference types="vitest" />
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/**/*.test.ts'] },
});
