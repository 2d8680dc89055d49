import fs from 'node:fs';
import { isPatchprobeError } from '@patchprobe/core';
import { runGate } from './commands/gate.js';
import type { CliIo, Outcome } from './commands/io.js';
import { runMerge } from './commands/merge.js';
import { runVerify } from './commands/verify.js';
import { EXIT_CODES, helpText } from './options-table.js';
import { parseArgv, type Command } from './parse-argv.js';

export type { CliIo } from './commands/io.js';

const VERSION = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The CLI entry: parse, run, render, and map every outcome to an exit code. This is the only place
 * that decides exit codes; nothing below it prints an error or exits.
 */
export async function run(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const cmd = parseArgv(argv);
    if (cmd.command === 'help') {
      io.stdout.write(`${helpText(VERSION, cmd.topic)}\n`);
      return EXIT_CODES.ok;
    }
    if (cmd.command === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT_CODES.ok;
    }
    const outcome = await dispatch(cmd, { ...io, debug });
    return outcome.failed ? EXIT_CODES.failOn : EXIT_CODES.ok;
  } catch (error) {
    if (isPatchprobeError(error) && error.code === 'PP_ABORTED') {
      io.stderr.write(`patchprobe: ${error.oneLine}\n`);
      return EXIT_CODES.interrupted;
    }
    if (isPatchprobeError(error) && error.code !== 'PP_INTERNAL') {
      io.stderr.write(`patchprobe: ${error.oneLine}\n`);
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
      return EXIT_CODES.usage;
    }
    const e = error as Error;
    io.stderr.write(`patchprobe: internal error: ${e?.message ?? String(error)}; this is a bug in patchprobe: rerun with --debug and report it\n`);
    if (debug) io.stderr.write(`${(isPatchprobeError(error) && error.cause instanceof Error ? error.cause.stack : e?.stack) ?? ''}\n`);
    return EXIT_CODES.usage;
  }
}

function dispatch(cmd: Exclude<Command, { command: 'help' | 'version' }>, io: CliIo): Promise<Outcome> {
  switch (cmd.command) {
    case 'verify':
      return runVerify(cmd, io);
    case 'gate':
      return runGate(cmd, io);
    case 'merge':
      return runMerge(cmd, io);
  }
}
