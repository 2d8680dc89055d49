import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import {
  agentBrief,
  explainFinding,
  isPatchprobeError,
  renderAgentBrief,
  renderExplanation,
  suggestTests,
  UsageError,
  verifyPatch,
  type ProgressEvent,
  type Report,
  type VerifyOptions,
} from '@patchprobe/core';
import {
  ExplainFindingInput,
  ExplainFindingOutput,
  SuggestTestsInput,
  SuggestTestsOutput,
  VerifyChangesInput,
  VerifyChangesOutput,
  type OptionalStage,
} from './schemas.js';

export interface ServerOptions {
  /** The folder tool paths are relative to, and the default project: where the agent works. */
  root: string;
  /** The baseline cache folder (absolute), or undefined for no cache. */
  cacheDir: string | undefined;
  /** Put stack traces of unexpected errors in the tool's error text. */
  debug?: boolean;
  /** Where the server's own log lines go (stderr: the client's log of the server); never stdout. */
  log?: (line: string) => void;
  /** How often a long run sends a progress notification when no stage starts or ends. */
  heartbeatMs?: number;
  version: string;
}

/** Reports kept for explain_finding and suggest_tests, newest last. */
const KEPT_REPORTS = 20;

/** What `fast` turns down: the mutation probes (the costliest stage), and fewer probe inputs and reruns. */
export const FAST = { stages: ['typecheck', 'probes'] as OptionalStage[], probeRuns: 50, reruns: 1 };

type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * patchprobe's MCP server: verify_changes runs the whole pipeline (verifyPatch) on the agent's
 * repository and answers with the agent brief; explain_finding and suggest_tests read the reports
 * it keeps. Verifications run one at a time: two at once only share the same cores, and the
 * second reuses the baseline cache the first wrote.
 */
export function createServer(options: ServerOptions): { server: McpServer; idle: () => Promise<void>; abortAll: () => void } {
  const server = new McpServer({ name: 'patchprobe', version: options.version }, { capabilities: { logging: {} } });
  const reports = new Map<string, Report>();
  let counter = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const running = new Set<AbortController>();

  const reportFor = (reportId: string | undefined): [string, Report] => {
    const id = reportId ?? [...reports.keys()].at(-1);
    const report = id === undefined ? undefined : reports.get(id);
    if (id === undefined) throw new UsageError('there is no report yet', 'call verify_changes first');
    if (!report) throw new UsageError(`there is no report ${id} (kept: ${[...reports.keys()].join(', ') || 'none'})`, 'pass a reportId that verify_changes returned, or leave it out for the latest');
    return [id, report];
  };

  server.registerTool(
    'verify_changes',
    {
      title: 'Verify changes',
      description:
        "Did your change alter behaviour, and did it break something? Runs the project's own vitest before and after the change (the working tree against HEAD by default), calls the before and after versions of each touched function on the same inputs, and mutates the touched lines. Returns a verdict (substantive: behaviour changed and nothing broke; cosmetic: nothing observable changed; regressive: something that worked breaks), what to do next, and the evidence. Takes seconds to minutes; use fast after small edits.",
      inputSchema: VerifyChangesInput,
      outputSchema: VerifyChangesOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args, extra) => {
      const run = (): Promise<CallToolResult> => guarded(options, () => verifyChanges(args, extra));
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
  );

  async function verifyChanges(args: { [K in keyof typeof VerifyChangesInput]?: unknown }, extra: ToolExtra): Promise<CallToolResult> {
    const a = args as { project?: string; base?: string; head?: string; patch?: string; scope?: string[]; skipProjects?: string[]; intent?: string; fast?: boolean; stages?: OptionalStage[] };
    if (extra.signal.aborted) throw new UsageError('the call was cancelled before it started', 'call verify_changes again');
    if (a.head !== undefined && a.patch !== undefined) throw new UsageError('head and patch cannot both be given', 'give head to compare two revisions, or patch to apply a diff on top of base');
    const cwd = path.resolve(options.root, a.project ?? '.');
    const relative = path.relative(options.root, cwd);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`project ${a.project} is outside the server root ${options.root}`, 'give a folder inside the root, or start the server with --cwd at a higher folder');
    const stages = new Set<OptionalStage>(a.stages ?? (a.fast ? FAST.stages : ['typecheck', 'probes', 'mutation']));
    const verifyOptions: VerifyOptions = {
      cwd,
      typecheck: stages.has('typecheck'),
      probes: stages.has('probes'),
      mutation: stages.has('mutation'),
      ...(a.fast ? { probeRuns: FAST.probeRuns, reruns: FAST.reruns } : {}),
    };
    if (a.base !== undefined) verifyOptions.base = a.base;
    if (a.head !== undefined) verifyOptions.head = a.head;
    if (a.patch !== undefined) verifyOptions.patch = path.resolve(options.root, a.patch);
    if (a.scope !== undefined && a.scope.length > 0) verifyOptions.scope = a.scope;
    if (a.skipProjects !== undefined && a.skipProjects.length > 0) verifyOptions.skipProjects = a.skipProjects;
    if (options.cacheDir !== undefined) verifyOptions.cacheDir = options.cacheDir;

    const controller = new AbortController();
    const abort = (): void => controller.abort();
    extra.signal.addEventListener('abort', abort, { once: true });
    running.add(controller);
    const progress = progressReporter(extra, options.heartbeatMs ?? 10_000);
    try {
      const report = await verifyPatch({ ...verifyOptions, signal: controller.signal, onEvent: progress.listener }).catch((error: unknown) => {
        if (controller.signal.aborted) options.log?.('verify_changes cancelled by the client: its processes were stopped and its temporary copies removed');
        throw error;
      });
      const reportId = `r${++counter}`;
      reports.set(reportId, report);
      if (reports.size > KEPT_REPORTS) reports.delete(reports.keys().next().value!);
      const brief = agentBrief(report, a.intent === undefined ? {} : { intent: a.intent });
      const structured = {
        reportId,
        ...brief,
        stages: { typecheck: stages.has('typecheck'), probes: stages.has('probes'), mutation: stages.has('mutation') },
        cache: report.cache.status,
        durationMs: report.durationMs,
      };
      const text = `${renderAgentBrief(brief)}\nReport ${reportId}: explain_finding takes a finding id (F1…), suggest_tests gives the tests to paste.`;
      return { content: [{ type: 'text', text }], structuredContent: structured };
    } finally {
      progress.stop();
      running.delete(controller);
      extra.signal.removeEventListener('abort', abort);
    }
  }

  server.registerTool(
    'explain_finding',
    {
      title: 'Explain a finding',
      description: 'One finding of a verify_changes report in full: what it means, the test with its outcomes and error, the counterexample call with both outcomes, the declaration before and after, the surviving mutants and callers.',
      inputSchema: ExplainFindingInput,
      outputSchema: ExplainFindingOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guarded(options, async () => {
        const [reportId, report] = reportFor(args.reportId);
        const explanation = explainFinding(report, args.findingId);
        if (!explanation) throw new UsageError(`report ${reportId} has no finding ${args.findingId} (it has F1…F${report.findings.length})`, 'pass an id that verify_changes listed');
        return { content: [{ type: 'text', text: renderExplanation(explanation) }], structuredContent: { reportId, ...explanation } };
      }),
  );

  server.registerTool(
    'suggest_tests',
    {
      title: 'Suggest tests',
      description:
        "Tests to paste for the touched functions: from the probes' counterexamples, a vitest test that pins the new behaviour on the call where before and after differ; from surviving mutants, it.todo entries naming the edits of your lines that no test notices. Add the one that proves your change.",
      inputSchema: SuggestTestsInput,
      outputSchema: SuggestTestsOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guarded(options, async () => {
        const [reportId, report] = reportFor(args.reportId);
        const tests = suggestTests(report, args.symbol);
        const text =
          tests.length === 0
            ? `No tests to suggest${args.symbol ? ` for ${args.symbol}` : ''} in report ${reportId}: the probes found no differing call and no mutant survived${report.mutation ? '' : ' (the mutation probes did not run: call verify_changes without fast)'}.`
            : tests.map((t) => `// ${t.file} (${t.from === 'counterexample' ? 'pins the new behaviour' : 'edits no test notices'})\n${t.code.trimEnd()}`).join('\n\n');
        return { content: [{ type: 'text', text }], structuredContent: { reportId, tests } };
      }),
  );

  return {
    server,
    idle: async () => {
      await queue.catch(() => undefined);
    },
    abortAll: () => {
      for (const c of running) c.abort();
    },
  };
}

/** Errors as tool results an agent reads: one line, what is wrong and what to do (the stack only with --debug). */
async function guarded(options: ServerOptions, fn: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await fn();
  } catch (error) {
    const text = isPatchprobeError(error)
      ? `patchprobe: ${error.oneLine}`
      : `patchprobe: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; this is a bug in patchprobe: start the server with --debug and report it`;
    const debug = options.debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
    const code = isPatchprobeError(error) ? error.code : 'PP_INTERNAL';
    return { isError: true, content: [{ type: 'text', text: `${text}${debug}` }], _meta: { 'patchprobe/code': code } };
  }
}

/**
 * Progress notifications for a client that asked for them (a progressToken): one per stage start
 * and end and per suite run, and a heartbeat when a stage runs long, so that a client that resets
 * its timeout on progress does not give up on a long mutation run.
 */
function progressReporter(extra: ToolExtra, heartbeatMs: number): { listener: (e: ProgressEvent) => void; stop: () => void } {
  const token = extra._meta?.progressToken;
  if (token === undefined) return { listener: () => undefined, stop: () => undefined };
  const started = Date.now();
  let step = 0;
  let stage = 'snapshot';
  const send = (message: string): void => {
    step++;
    extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: step, message } }).catch(() => undefined);
  };
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const timer = setInterval(() => send(`${stage}: still running (${seconds(Date.now() - started)} in all)`), heartbeatMs);
  timer.unref();
  return {
    listener: (e) => {
      if (e.type === 'stage-start') {
        stage = e.stage;
        send(`${e.stage}: started`);
      } else if (e.type === 'stage-end') send(`${e.stage}: done in ${seconds(e.durationMs)}`);
      else if (e.type === 'suite-run-end') send(`suites: ${e.setup} run ${e.status === 'ok' ? `ran ${e.tests} tests` : 'crashed'} in ${seconds(e.durationMs)}`);
    },
    stop: () => clearInterval(timer),
  };
}
