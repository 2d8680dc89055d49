import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { EXAMPLES, isolatedTmp, itFull, processesUnder, REPO_ROOT, repoState } from '@patchprobe/test-utils';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { createExampleRepo } from '../../../scripts/lib/example-repo.mjs';

// The server as an agent's MCP client starts it (`npx @patchprobe/mcp` in the repository): the
// built bin over stdio, driven by the SDK's own client. Each example becomes a git repository in a
// temp folder with its patch applied to the working tree, the way an agent leaves it after an edit.
const BIN = path.join(REPO_ROOT, 'packages/mcp/bin/patchprobe-mcp.js');

interface Session {
  client: Client;
  dir: string;
  tmp: string;
  stderr: () => string;
  close: () => Promise<void>;
}

const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const c of cleanups) c();
});

function editedRepo(example: string): string {
  const repo = createExampleRepo(path.join(EXAMPLES, example));
  cleanups.push(repo.cleanup);
  execFileSync('git', ['apply', path.join(EXAMPLES, example, 'patch.diff')], { cwd: repo.dir });
  return repo.dir;
}

async function start(dir: string, args: string[] = []): Promise<Session> {
  // A TMPDIR of its own: what the server leaves behind there is checkable.
  const tmp = isolatedTmp();
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  // A baseline cache of its own too: the default (node_modules/.cache) is the example's, shared by every run.
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--cache-dir', path.join(tmp, 'cache'), ...args], cwd: dir, env: { ...(process.env as Record<string, string>), TMPDIR: tmp }, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += String(d)));
  const client = new Client({ name: 'patchprobe-e2e', version: '0' });
  await client.connect(transport);
  return { client, dir, tmp, stderr: () => stderr, close: () => client.close() };
}

const LONG = { timeout: 600_000, resetTimeoutOnProgress: true };

async function call(s: Session, name: string, args: Record<string, unknown>, onprogress?: (message: string) => void): Promise<CallToolResult> {
  return (await s.client.callTool({ name, arguments: args }, undefined, { ...LONG, ...(onprogress ? { onprogress: (p) => onprogress(p.message ?? '') } : {}) })) as CallToolResult;
}

const text = (r: CallToolResult): string => (r.content[0] as { type: 'text'; text: string }).text;
// The structured result of verify_changes, as far as these tests read it.
interface Verified {
  reportId: string;
  verdict: string;
  confidence: string;
  next: string[];
  failingTests: Array<{ test: string; how: string; finding?: string }>;
  counterexamples: Array<{ call: string; before: string; after: string }>;
  survivingMutants: unknown[];
  suggestedTests: Array<{ file: string; code: string; from: string }>;
  findings: Array<{ id: string; kind: string }>;
  stages: { typecheck: boolean; probes: boolean; mutation: boolean };
  cache: string;
}
const verified = (r: CallToolResult): Verified => {
  expect(r.isError, text(r)).toBeFalsy();
  return r.structuredContent as unknown as Verified;
};

describe('patchprobe-mcp, the agent loop over MCP', () => {
  it('lists its three tools with JSON Schemas for input and output', async () => {
    const s = await start(editedRepo('formatting-only'));
    const { tools } = await s.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['explain_finding', 'suggest_tests', 'verify_changes']);
    const verify = tools.find((t) => t.name === 'verify_changes')!;
    expect(Object.keys(verify.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['base', 'head', 'patch', 'scope', 'intent', 'fast', 'stages']));
    expect(verify.outputSchema?.properties).toHaveProperty('verdict');
    expect(verify.annotations?.readOnlyHint).toBe(true);
    await s.close();
  });

  it('regressive, every stage on: the masked break first, with the test, the counterexample and the mutants; explain_finding and suggest_tests read the report; the repository is untouched', async () => {
    const dir = editedRepo('masked-regression');
    const before = repoState(dir);
    const s = await start(dir);
    const progress: string[] = [];
    const r = await call(s, 'verify_changes', { intent: 'make shipping cheaper above 5 kg' }, (m) => progress.push(m));
    const v = verified(r);
    expect(v.verdict).toBe('regressive');
    expect(v.stages).toEqual({ typecheck: true, probes: true, mutation: true });
    expect(v.next[0]).toMatch(/^Revert your edit to "test\/shipping\.test\.ts > tierPrice > prices a 5 kg parcel"/);
    expect(v.failingTests[0]).toMatchObject({ test: 'test/shipping.test.ts > tierPrice > prices a 5 kg parcel', how: 'masked' });
    expect(v.counterexamples[0]!.call).toMatch(/^tierPrice\(/);
    expect(v.counterexamples[0]!.before).not.toBe(v.counterexamples[0]!.after);
    expect(v.survivingMutants.length).toBeGreaterThan(0);
    expect(text(r).split('\n').slice(0, 3)).toEqual(['patchprobe: REGRESSIVE (high confidence)', 'Task: make shipping cheaper above 5 kg', `Next: ${v.next[0]}`]);
    // Progress: every stage, in the order the pipeline runs them.
    expect(progress).toEqual(expect.arrayContaining(['snapshot: started', 'suites: started', 'mutation: started', 'report: started']));
    expect(progress.some((m) => /^suites: before run ran 7 tests/.test(m))).toBe(true);

    const id = v.failingTests[0]!.finding!;
    const e = await call(s, 'explain_finding', { findingId: id });
    expect(e.isError).toBeFalsy();
    expect(e.structuredContent).toMatchObject({ reportId: v.reportId, finding: { id, kind: 'masked-regression' }, test: { oldTestOnNewCode: 'fail' }, verdictRole: 'regressive' });
    expect(text(e)).toContain('old test on new code fail');

    const t = await call(s, 'suggest_tests', { symbol: 'tierPrice' });
    const tests = (t.structuredContent as { tests: Verified['suggestedTests'] }).tests;
    expect(tests.map((x) => x.from).sort()).toEqual(['counterexample', 'surviving-mutant']);
    expect(tests.find((x) => x.from === 'counterexample')!.code).toContain(v.counterexamples[0]!.call);
    expect(tests.find((x) => x.from === 'surviving-mutant')!.code).toMatch(/it\.todo\("src\/shipping\.ts:\d+: a test must fail when/);
    await s.close();
    expect(repoState(dir)).toBe(before);
  });

  // Full tier (test-utils/src/tier.ts): the baseline cache has its own fast-tier tests in core.
  itFull('substantive, fast: no mutation run, a second call reuses the baseline cache, and the suggested test passes when pasted', async () => {
    const dir = editedRepo('mutation-untested-fix');
    const s = await start(dir);
    const first = verified(await call(s, 'verify_changes', { fast: true }));
    expect(first.verdict).toBe('substantive');
    expect(first.stages).toEqual({ typecheck: true, probes: true, mutation: false });
    expect(first.cache).toBe('miss');
    expect(first.next[0]).toMatch(/^Add a test that fails before your change and passes after it for `volumetricWeight`/);
    const second = verified(await call(s, 'verify_changes', { fast: true }));
    expect(second.cache).toBe('hit');
    expect(second.verdict).toBe('substantive');
    expect(second.reportId).not.toBe(first.reportId);
    await s.close();

    // Ready to paste: the project's own vitest runs it green on the changed code.
    const suggested = first.suggestedTests.find((x) => x.from === 'counterexample')!;
    fs.writeFileSync(path.join(dir, suggested.file), suggested.code);
    const run = await execa(process.execPath, [path.join(dir, 'node_modules/vitest/vitest.mjs'), 'run', suggested.file], { cwd: dir, reject: false });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  });

  itFull('cosmetic against the intent: the task is not done', async () => {
    const s = await start(editedRepo('formatting-only'));
    const v = verified(await call(s, 'verify_changes', { fast: true, intent: 'fix the rounding of discounts' }));
    expect(v.verdict).toBe('cosmetic');
    expect(v.next[0]).toContain('if the task ("fix the rounding of discounts") needs a change of behaviour, it is not done yet');
    await s.close();
  });

  it('a call cancelled mid-run stops its children and removes its copies; the repository stays byte-identical and the next call runs', async () => {
    const dir = editedRepo('break-passing-test');
    const before = repoState(dir);
    const s = await start(dir);
    const controller = new AbortController();
    const cancelled = s.client.callTool({ name: 'verify_changes', arguments: {} }, undefined, {
      ...LONG,
      signal: controller.signal,
      onprogress: (p) => {
        if (p.message?.startsWith('suites: before run')) controller.abort();
      },
    });
    await expect(cancelled).rejects.toThrow(/abort/i);
    // Verifications run one at a time: this one starts once the cancelled one has cleaned up.
    const next = verified(await call(s, 'verify_changes', { fast: true }));
    expect(next.verdict).toBe('regressive');
    // The server saw the cancellation and stopped the run (it did not just finish unread).
    expect(s.stderr()).toContain('patchprobe-mcp: verify_changes cancelled by the client: its processes were stopped and its temporary copies removed');
    expect(fs.readdirSync(s.tmp).filter((n) => n.startsWith('patchprobe-'))).toEqual([]);
    expect(processesUnder(s.tmp)).toEqual([]);
    await s.close();
    expect(repoState(dir)).toBe(before);
  });

  it('bad input gets a one-line error result, never a stack trace', async () => {
    const s = await start(editedRepo('formatting-only'));
    const oneLine = (r: CallToolResult): string => {
      expect(r.isError).toBe(true);
      expect(text(r).split('\n')).toHaveLength(1);
      return text(r);
    };
    expect(oneLine(await call(s, 'explain_finding', { findingId: 'F1' }))).toBe('patchprobe: there is no report yet; call verify_changes first');
    expect(oneLine(await call(s, 'verify_changes', { base: 'no-such-revision', fast: true }))).toMatch(/^patchprobe: .*no-such-revision.*; /);
    expect(oneLine(await call(s, 'verify_changes', { head: 'HEAD', patch: 'x.diff' }))).toBe(
      'patchprobe: head and patch cannot both be given; give head to compare two revisions, or patch to apply a diff on top of base',
    );
    expect(oneLine(await call(s, 'verify_changes', { project: '../elsewhere' }))).toMatch(/^patchprobe: project \.\.\/elsewhere is outside the server root/);
    expect(oneLine(await call(s, 'explain_finding', { findingId: 'X' }))).toMatch(/a finding id is F followed by a number/);
    expect(oneLine(await call(s, 'verify_changes', { stages: ['lint'] }))).toMatch(/Input validation error/);
    await s.close();
    expect(s.stderr()).toBe('');
  });

  it('a bad command line exits 2 with one line', async () => {
    const r = await execa(process.execPath, [BIN, '--no-such-flag'], { reject: false, input: '' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^patchprobe-mcp: Unknown option '--no-such-flag'.*; run patchprobe-mcp --help for usage$/);
    const missing = await execa(process.execPath, [BIN, '--cwd', '/no/such/folder'], { reject: false, input: '' });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe('patchprobe-mcp: --cwd /no/such/folder is not a folder; give the folder of the project the agent works on');
  });
});
