import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer } from './server.js';

const USAGE = `Usage: patchprobe-mcp [--cwd DIR] [--cache-dir DIR | --no-cache] [--debug]

patchprobe as an MCP server on stdio: an AI coding agent calls verify_changes after an edit and gets
a verdict (substantive, cosmetic, regressive) with the evidence and what to do next.

  --cwd DIR        the root: the default project, and what tool paths are relative to (default: the current directory)
  --cache-dir DIR  where to keep the base version's results between calls (default: node_modules/.cache/patchprobe in --cwd)
  --no-cache       run the base version again on every call
  --debug          put stack traces of unexpected errors in the tools' error text
  -h, --help       this text
  -v, --version    the version

Docs: docs/agents.md`;

export interface MainIo {
  stderr: NodeJS.WritableStream;
  stdout: NodeJS.WritableStream;
}

/** Starts the server; resolves with the exit code once the client has gone (or at once on bad input: 2). */
export async function main(argv: readonly string[], io: MainIo = process): Promise<number> {
  const version = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        cwd: { type: 'string' },
        'cache-dir': { type: 'string' },
        'no-cache': { type: 'boolean' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`patchprobe-mcp: ${(error as Error).message.split('\n')[0]}; run patchprobe-mcp --help for usage\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const root = path.resolve(values.cwd ?? process.cwd());
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    io.stderr.write(`patchprobe-mcp: --cwd ${root} is not a folder; give the folder of the project the agent works on\n`);
    return 2;
  }
  if (values['no-cache'] && values['cache-dir'] !== undefined) {
    io.stderr.write('patchprobe-mcp: --cache-dir and --no-cache cannot both be given; keep one\n');
    return 2;
  }
  const cacheDir = values['no-cache'] ? undefined : path.resolve(root, values['cache-dir'] ?? path.join('node_modules', '.cache', 'patchprobe'));
  const { server, idle, abortAll } = createServer({ root, cacheDir, debug: values.debug ?? false, version, log: (line) => io.stderr.write(`patchprobe-mcp: ${line}\n`) });

  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    // The client went away (stdin closed) or asked us to stop: cancel what runs, let it clean up its
    // temporary copies and child processes, then leave.
    const stop = (): void => {
      abortAll();
      resolve();
    };
    transport.onclose = stop;
    process.stdin.once('end', stop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.connect(transport);
  await closed;
  await idle();
  await server.close().catch(() => undefined);
  return 0;
}
