import path from 'node:path';
import { resolveCiBase, runShard, verifyPatch, type VerifyOptions } from '@patchprobe/core';
import type { GateCommand, Shard } from '../parse-argv.js';
import { writeCiOutputs } from './ci-outputs.js';
import { interruptible } from './interruptible.js';
import { writeOutput, type CliIo, type Outcome } from './io.js';
import { checkOutputPaths, ciOutputPaths } from './output-paths.js';

/**
 * `patchprobe gate`: HEAD (or --head) against its merge-base with the pull request's target, every
 * evidence stage on, then the CI outputs. The working tree is not used: CI checks out a commit.
 * With --shard, one slice of the suites and a partial result for `patchprobe merge` instead.
 */
export async function runGate(cmd: GateCommand, io: CliIo): Promise<Outcome> {
  checkOutputPaths([
    ...ciOutputPaths(cmd.outputs),
    { flag: '--partial', target: cmd.partial },
    { flag: '--mutation-report', target: cmd.options.mutationReportDir, kind: 'folder' },
  ]);
  const cwd = path.resolve(cmd.options.cwd ?? '.');
  const base = await resolveCiBase({ cwd, ...(cmd.base !== undefined && { base: cmd.base }), ...(cmd.head !== undefined && { head: cmd.head }), env: io.env });
  const options: VerifyOptions = { ...cmd.options, cwd, base: base.commit, head: cmd.head ?? 'HEAD' };
  if (!cmd.noCache) options.cacheDir = path.resolve(cmd.cacheDir ?? path.join(cwd, 'node_modules', '.cache', 'patchprobe'));
  const baseNote = `base ${base.commit.slice(0, 7)}: the ${base.description}`;
  if (cmd.shard) return runGateShard(cmd, cmd.shard, options, baseNote, io);

  const { result: report, workspaceDir } = await interruptible(io, (hooks) => verifyPatch({ ...options, ...hooks }));
  const notes = [baseNote];
  if (cmd.options.keepTemp && workspaceDir) notes.push(`kept the before/after copies in ${workspaceDir}`);
  return writeCiOutputs(report, cmd.outputs, cmd.failOn, io, notes);
}

/** One shard: its partial result to --partial, a one-line note, no verdict (the merge job gives it). */
async function runGateShard(cmd: GateCommand, shard: Shard, options: VerifyOptions, baseNote: string, io: CliIo): Promise<Outcome> {
  const { result: partial, workspaceDir } = await interruptible(io, (hooks) => runShard({ ...options, ...hooks, shard }));
  const file = cmd.partial ?? `patchprobe-shard-${shard.index}-of-${shard.count}.json`;
  writeOutput(file, `${JSON.stringify(partial)}\n`, io);
  io.stdout.write(`patchprobe: shard ${shard.index}/${shard.count} done (${baseNote}); partial result in ${file}: join the ${shard.count} shards with \`patchprobe merge\`\n`);
  if (cmd.options.keepTemp && workspaceDir) io.stderr.write(`patchprobe: kept the before/after copies in ${workspaceDir}\n`);
  return { failed: false };
}
