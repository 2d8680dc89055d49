import { patchprobe } from '@patchprobe/vitest';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [patchprobe({ base: 'HEAD', probes: { runs: 200 } })],
  test: { include: ['test/**/*.test.ts'] },
});
