// vitest 3.2: test.projects with one named project.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { projects: [{ test: { name: 'unit', include: ['test/**/*.test.ts'] } }] } });
