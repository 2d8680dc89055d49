// Regenerates the option tables of docs/cli.md from the CLI's option tables
// (packages/cli/src/options-table.ts, built: a view of the flags declared in
// packages/core/src/options/flags.ts): one table per command, between
// <!-- options:<command>:start --> and <!-- options:<command>:end -->.
// Run: pnpm build && node scripts/gen-cli-docs.mjs. A test fails when the two drift apart.
import fs from 'node:fs';
import { COMMANDS_DOC } from './lib/cli-doc-source.mjs';

const cell = (text) => text.replaceAll('|', '\\|');
const file = new URL('../docs/cli.md', import.meta.url);
let doc = fs.readFileSync(file, 'utf8');
for (const command of Object.values(COMMANDS_DOC)) {
  const startMark = `<!-- options:${command.name}:start -->`;
  const endMark = `<!-- options:${command.name}:end -->`;
  const start = doc.indexOf(startMark);
  const end = doc.indexOf(endMark);
  if (start < 0 || end < start) throw new Error(`docs/cli.md has no ${startMark} … ${endMark} section`);
  const rows = command.options.map((o) => `| \`--${o.name}${o.value ? ` ${cell(o.value)}` : ''}\` | ${cell(o.description)} |`);
  const table = [startMark, '| option | meaning |', '| --- | --- |', ...rows, ''].join('\n');
  doc = doc.slice(0, start) + table + doc.slice(end);
}
fs.writeFileSync(file, doc);
