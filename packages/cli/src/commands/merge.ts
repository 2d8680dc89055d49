import fs from 'node:fs';
import { mergePartials, UsageError } from '@patchprobe/core';
import type { MergeCommand } from '../parse-argv.js';
import { writeCiOutputs } from './ci-outputs.js';
import type { CliIo, Outcome } from './io.js';
import { checkOutputPaths, ciOutputPaths } from './output-paths.js';

const HINT = 'pass the files `patchprobe gate --shard I/N` wrote, one per shard (patchprobe-shard-I-of-N.json)';

/** `patchprobe merge`: the shards' partial results → one report, then exactly gate's outputs and exit code. */
export async function runMerge(cmd: MergeCommand, io: CliIo): Promise<Outcome> {
  checkOutputPaths(ciOutputPaths(cmd.outputs));
  const partials = cmd.files.map((file) => readPartial(file));
  const report = await mergePartials(partials);
  return writeCiOutputs(report, cmd.outputs, cmd.failOn, io, [`merged the partial results of ${cmd.files.length} shard${cmd.files.length === 1 ? '' : 's'}`]);
}

function readPartial(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? (error as Error).message})`;
    throw new UsageError(`partial result ${file} ${problem}`, HINT);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file} is not a partial result (not JSON: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 100)})`, HINT);
  }
}
