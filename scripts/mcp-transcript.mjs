// A real agent-loop session with @patchprobe/mcp, printed as Markdown for docs/agents.md: the SDK's
// own client starts the built server over stdio in a temp copy of an example project, makes the
// edit an agent would make, calls the tools, and prints each call and the text the agent reads.
//   node scripts/mcp-transcript.mjs > /tmp/transcript.md
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { createExampleRepo } from './lib/example-repo.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The SDK is a dependency of packages/mcp, not of the root.
const require = createRequire(path.join(ROOT, 'packages/mcp/package.json'));
const { Client } = await import(require.resolve('@modelcontextprotocol/sdk/client/index.js'));
const { StdioClientTransport } = await import(require.resolve('@modelcontextprotocol/sdk/client/stdio.js'));
const BIN = path.join(ROOT, 'packages/mcp/bin/patchprobe-mcp.js');

const out = [];
const say = (s = '') => out.push(s);

async function session(example, steps) {
  const repo = createExampleRepo(path.join(ROOT, 'examples', example));
  // A fresh baseline cache, so that the first call of a session is a miss as it is for a new user.
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-transcript-cache-'));
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--cache-dir', cache], cwd: repo.dir, stderr: 'inherit' });
  const client = new Client({ name: 'transcript', version: '0' });
  await client.connect(transport);
  const call = async (name, args) => {
    say(`**→ ${name}** \`${JSON.stringify(args)}\``);
    const t0 = Date.now();
    const r = await client.callTool({ name, arguments: args }, undefined, { timeout: 600_000, resetTimeoutOnProgress: true });
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    say('');
    say(`**←** (${secs} s${r.structuredContent?.cache ? `, baseline cache ${r.structuredContent.cache}` : ''})`);
    say('');
    say('```');
    say(r.content[0].text.replaceAll(repo.dir, '<repo>'));
    say('```');
    say('');
    return r;
  };
  try {
    await steps({ call, dir: repo.dir, apply: (file) => execFileSync('git', ['apply', file], { cwd: repo.dir }) });
  } finally {
    await client.close();
    repo.cleanup();
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
say(`<!-- recorded with node scripts/mcp-transcript.mjs at ${commit}, ${new Date().toISOString().slice(0, 10)} -->`);
say('');
say('### 1. A fix no test pins (examples/mutation-untested-fix)');
say('');
say("The agent was asked to use the carrier's new volumetric divisor (5000 instead of 6000). It edits `src/shipping.ts` and asks:");
say('');
await session('mutation-untested-fix', async ({ call, dir, apply }) => {
  apply(path.join(ROOT, 'examples/mutation-untested-fix/patch.diff'));
  const first = await call('verify_changes', { intent: "use the carrier's volumetric divisor 5000", fast: true });
  const tests = await call('suggest_tests', { reportId: first.structuredContent.reportId });
  say('The agent adds the suggested test as it is and asks again, this time with every stage on:');
  say('');
  const t = tests.structuredContent.tests.find((x) => x.from === 'counterexample');
  fs.mkdirSync(path.dirname(path.join(dir, t.file)), { recursive: true });
  fs.writeFileSync(path.join(dir, t.file), t.code);
  await call('verify_changes', { intent: "use the carrier's volumetric divisor 5000" });
});
say('### 2. A break hidden by a test edit (examples/masked-regression)');
say('');
say('The agent "optimised" `tierPrice` and, when a test failed, changed its expected value:');
say('');
await session('masked-regression', async ({ call, apply }) => {
  apply(path.join(ROOT, 'examples/masked-regression/patch.diff'));
  const r = await call('verify_changes', { intent: 'simplify the tier lookup in tierPrice', scope: ['src/shipping.ts'] });
  await call('explain_finding', { findingId: r.structuredContent.failingTests[0]?.finding ?? 'F1' });
});
process.stdout.write(`${out.join('\n')}\n`);
