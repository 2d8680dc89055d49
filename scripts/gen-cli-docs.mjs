// Regenerates docs/cli.md from the CLI's option table (packages/cli/src/options-table.ts, built).
// Run: pnpm build && node scripts/gen-cli-docs.mjs. A test fails when the two drift apart.
import fs from 'node:fs';
import { VERIFY_OPTIONS_DOC } from './lib/cli-doc-source.mjs';

const cell = (text) => text.replaceAll('|', '\\|');
const rows = VERIFY_OPTIONS_DOC.map((o) => `| \`--${o.name}${o.value ? ` ${cell(o.value)}` : ''}\` | ${cell(o.description)} |`);
const doc = fs.readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8');
const start = doc.indexOf('<!-- options:start -->');
const end = doc.indexOf('<!-- options:end -->');
const table = ['<!-- options:start -->', '| option | meaning |', '| --- | --- |', ...rows, ''].join('\n');
fs.writeFileSync(new URL('../docs/cli.md', import.meta.url), doc.slice(0, start) + table + doc.slice(end));
