import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { isPatchprobeError, UsageError, verifyPatch, type ProgressEvent, type Report } from '@patchprobe/core';
import { EXIT_CODES, helpText } from './options-table.js';
import { parseArgv, type VerifyCommand } from './parse-argv.js';
import { createProgress } from './render/progress.js';
import { renderText } from './render/text.js';

const VERSION = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

/**
 * The CLI entry: parse, run, render, and map every outcome to an exit code. This is the only place
 * that decides exit codes; nothing below it prints or exits.
 */
export async function run(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const cmd = parseArgv(argv);
    if (cmd.command === 'help') {
      io.stdout.write(`${helpText(VERSION)}\n`);
      return EXIT_CODES.ok;
    }
    if (cmd.command === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT_CODES.ok;
    }
    return await verify(cmd, io);
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

async function verify(cmd: VerifyCommand, io: CliIo): Promise<number> {
  const human = cmd.json === '-' || cmd.summary === '-' ? io.stderr : io.stdout;
  const colors = pc.createColors(Boolean(human.isTTY) && !('NO_COLOR' in io.env) && io.env.TERM !== 'dumb');
  const progress = createProgress(io.stderr);
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    signals++;
    // First signal: cancel and clean up (the run rejects with AbortedError). Second: leave now;
    // the process 'exit' hook still kills child process groups and removes temp copies.
    if (signals === 1) controller.abort();
    else process.exit(EXIT_CODES.interrupted);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let report: Report;
  let workspaceDir: string | undefined;
  try {
    const options = {
      ...cmd.options,
      signal: controller.signal,
      onEvent: (e: ProgressEvent): void => {
        if (e.type === 'workspace') workspaceDir = e.dir;
        progress.listener?.(e);
      },
    };
    report = await verifyPatch(options);
  } finally {
    progress.clear();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (cmd.json !== undefined) writeOutput(cmd.json, `${JSON.stringify(report, null, 2)}\n`, io);
  if (cmd.summary !== undefined) writeOutput(cmd.summary, `${report.summary}\n`, io);
  human.write(renderText(report, colors));
  if (cmd.options.keepTemp && workspaceDir) io.stderr.write(`patchprobe: kept the before/after copies in ${workspaceDir}\n`);
  return cmd.failOn.includes(report.verdict) ? EXIT_CODES.failOn : EXIT_CODES.ok;
}

function writeOutput(target: string, text: string, io: CliIo): void {
  if (target === '-') {
    io.stdout.write(text);
    return;
  }
  try {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    fs.writeFileSync(target, text);
  } catch (error) {
    throw new UsageError(`cannot write ${target}: ${(error as Error).message}`, 'pass a writable path');
  }
}
