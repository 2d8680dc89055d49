import { agentBrief, renderAgentBrief, verifyPatch } from '@patchprobe/core';
import type { VerifyCommand } from '../parse-argv.js';
import { renderText } from '../render/text.js';
import { interruptible } from './interruptible.js';
import { colorsFor, writeOutput, type CliIo, type Outcome } from './io.js';
import { checkOutputPaths } from './output-paths.js';

/** `patchprobe verify`: the report to the terminal, and --json / --summary / --agent where asked. */
export async function runVerify(cmd: VerifyCommand, io: CliIo): Promise<Outcome> {
  checkOutputPaths([
    { flag: '--json', target: cmd.json },
    { flag: '--summary', target: cmd.summary },
    { flag: '--agent', target: cmd.agent },
    { flag: '--mutation-report', target: cmd.options.mutationReportDir, kind: 'folder' },
  ]);
  const human = cmd.json === '-' || cmd.summary === '-' || cmd.agent === '-' ? io.stderr : io.stdout;
  const { result: report, workspaceDir } = await interruptible(io, (hooks) => verifyPatch({ ...cmd.options, ...hooks }));
  if (cmd.json !== undefined) writeOutput(cmd.json, `${JSON.stringify(report, null, 2)}\n`, io);
  if (cmd.summary !== undefined) writeOutput(cmd.summary, `${report.summary}\n`, io);
  if (cmd.agent !== undefined) writeOutput(cmd.agent, `${renderAgentBrief(agentBrief(report, cmd.intent === undefined ? {} : { intent: cmd.intent }))}\n`, io);
  human.write(renderText(report, colorsFor(human, io.env)));
  if (cmd.options.keepTemp && workspaceDir) io.stderr.write(`patchprobe: kept the before/after copies in ${workspaceDir}\n`);
  return { failed: cmd.failOn.includes(report.verdict) };
}
