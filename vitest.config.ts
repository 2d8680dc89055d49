import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace.ts';

// Most test files here wait on child processes (the examples' own vitest, StrykerJS, tsc), so two
// files at a time keep a 2-core CI machine busy; vitest's default there is one (cores − 1).
export default defineConfig({ test: { projects, maxWorkers: 2 } });
