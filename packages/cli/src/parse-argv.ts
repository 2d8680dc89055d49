import { parseArgs } from 'node:util';
import { UsageError, VERDICTS, type Verdict, type VerifyOptions } from '@patchprobe/core';
import { VERIFY_OPTIONS } from './options-table.js';

export interface VerifyCommand {
  command: 'verify';
  options: VerifyOptions;
  json?: string;
  summary?: string;
  failOn: Verdict[];
  debug: boolean;
}

export type Command = VerifyCommand | { command: 'help' } | { command: 'version' };

export function parseArgv(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { command: 'help' };
  if (first === '--version' || first === '-v') return { command: 'version' };
  if (first !== 'verify') {
    throw new UsageError(`unknown command '${first}'`, first.startsWith('-') ? 'put the command first: patchprobe verify [options]' : 'the command is `patchprobe verify`');
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    const config = Object.fromEntries(VERIFY_OPTIONS.map((o) => [o.name, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
    ({ values } = parseArgs({ args: [...rest], options: config, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(argError(error));
  }
  if (values.help) return { command: 'help' };
  const str = (k: string): string | undefined => values[k] as string | undefined;
  for (const k of ['cwd', 'base', 'head', 'patch', 'json', 'summary', 'scope'] as const) {
    if (str(k) === '') throw new UsageError(`--${k} needs a value`);
  }
  const options: VerifyOptions = {};
  if (str('cwd') !== undefined) options.cwd = str('cwd')!;
  if (str('base') !== undefined) options.base = str('base')!;
  if (str('head') !== undefined) options.head = str('head')!;
  if (str('patch') !== undefined) options.patch = str('patch')!;
  if (str('reruns') !== undefined) options.reruns = wholeNumber('reruns', str('reruns')!, 0, 20);
  if (str('suite-timeout') !== undefined) options.suiteTimeoutMs = wholeNumber('suite-timeout', str('suite-timeout')!, 1, 86_400) * 1000;
  if (values['keep-temp']) options.keepTemp = true;
  if (str('scope') !== undefined) {
    const globs = str('scope')!.split(',').map((g) => g.trim()).filter(Boolean);
    if (globs.length === 0) throw new UsageError('--scope needs at least one glob', 'e.g. --scope "src/cart.ts,src/pricing/**"');
    options.scope = globs;
  }
  if (str('typecheck-timeout') !== undefined) options.typecheckTimeoutMs = wholeNumber('typecheck-timeout', str('typecheck-timeout')!, 1, 3_600) * 1000;
  if (values['no-typecheck']) options.typecheck = false;
  if (values['no-probes']) options.probes = false;
  if (str('probe-runs') !== undefined) options.probeRuns = wholeNumber('probe-runs', str('probe-runs')!, 1, 1_000_000);
  if (str('probe-timeout') !== undefined) options.probeTimeoutMs = wholeNumber('probe-timeout', str('probe-timeout')!, 10, 600_000);
  if (str('probe-seed') !== undefined) options.probeSeed = wholeNumber('probe-seed', str('probe-seed')!, 0, 2 ** 31 - 1);
  if (options.head !== undefined && options.patch !== undefined) {
    throw new UsageError('--head and --patch cannot be used together', 'use --head REV to compare two revisions, or --patch FILE to apply a diff on --base');
  }
  if (str('json') !== undefined && str('json') === str('summary') && str('json') === '-') {
    throw new UsageError('--json - and --summary - cannot both write to stdout', 'write one of them to a file');
  }
  const cmd: VerifyCommand = { command: 'verify', options, failOn: parseFailOn(str('fail-on') ?? 'regressive'), debug: values.debug === true };
  if (str('json') !== undefined) cmd.json = str('json')!;
  if (str('summary') !== undefined) cmd.summary = str('summary')!;
  return cmd;
}

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new UsageError(`--${flag} takes a whole number from ${min} to ${max}, got '${raw}'`);
  return n;
}

export function parseFailOn(raw: string): Verdict[] {
  const items = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (items.length === 1 && items[0] === 'none') return [];
  if (items.length === 0) throw new UsageError('--fail-on needs a value', `expected a comma list of ${VERDICTS.join(', ')}, or none`);
  for (const item of items) {
    if (!(VERDICTS as readonly string[]).includes(item)) {
      const guess = closest(item, VERDICTS);
      throw new UsageError(`invalid value for --fail-on: '${item}'`, `expected a comma list of ${VERDICTS.join(', ')}, or none${guess ? `; did you mean '${guess}'?` : ''}`);
    }
  }
  return [...new Set(items)] as Verdict[];
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(word, c);
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(2, Math.floor(best.c.length / 3)) ? best.c : undefined;
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** node:util's parseArgs messages are long and mention internals; keep one clear line. */
function argError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const msg = e.message ?? String(error);
  const flag = /'(-{1,2}[\w-]+)/.exec(msg)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${flag ?? ''}`.trim();
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/ambiguous/.test(msg)) return `${flag} needs a value; to pass one that starts with a dash, write ${flag}=VALUE`;
    return `${flag ?? 'an option'} ${/argument missing/.test(msg) ? 'needs a value' : 'has an invalid value'}`;
  }
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${/'([^']+)'/.exec(msg)?.[1] ?? ''}`.trim();
  return msg.split('\n')[0] ?? msg;
}
