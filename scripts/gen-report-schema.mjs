// Regenerates packages/core/report.schema.json from the report's TypeBox schema
// (packages/core/src/report/schema.ts, built). Run: pnpm build && node scripts/gen-report-schema.mjs.
// A test (packages/core/test/report-schema.test.ts) fails when the file is out of date.
import fs from 'node:fs';
import { reportJsonSchemaText } from '../packages/core/dist/report/json-schema.js';

fs.writeFileSync(new URL('../packages/core/report.schema.json', import.meta.url), reportJsonSchemaText());
