import { patchprobe } from '@patchprobe/vitest';
import { defineConfig } from 'vitest/config';

// Two projects, to show the plugin inside a `test.projects` setup: the plugin is declared once at
// the root; every project gets the matcher, and the verdict is printed once per run.
export default defineConfig({
  plugins: [patchprobe({ base: 'HEAD', probes: { runs: 200 } })],
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/*.test.ts'], exclude: ['test/*.behaviour.test.ts'] } },
      { extends: true, test: { name: 'behaviour', include: ['test/*.behaviour.test.ts'] } },
    ],
  },
});
