// vitest 2.x: vitest.config.mts with the default include.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: {} });
