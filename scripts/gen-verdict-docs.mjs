// Regenerates the finding-kind table of docs/verdict.md from the registry of finding kinds
// (packages/core/src/verdict/finding-kinds.ts, built), between <!-- finding-kinds:start --> and
// <!-- finding-kinds:end -->.
// Run: pnpm --filter @patchprobe/core build && node scripts/gen-verdict-docs.mjs. A test fails when the two drift apart.
import fs from 'node:fs';
import { withFindingKindsTable } from '../packages/core/dist/verdict/finding-kinds-doc.js';

const file = new URL('../docs/verdict.md', import.meta.url);
fs.writeFileSync(file, withFindingKindsTable(fs.readFileSync(file, 'utf8')));
