// npm workspaces with one root vitest: the tests of every package run from the root.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['packages/*/test/**/*.test.ts'] } });
