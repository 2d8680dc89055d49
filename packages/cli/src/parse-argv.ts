import { parseArgs } from 'node:util';
import { UsageError, VERDICTS, type Verdict, type VerifyOptions } from '@patchprobe/core';
import { COMMANDS, type CommandName, type OptionSpec } from './options-table.js';

export interface VerifyCommand {
  command: 'verify';
  options: VerifyOptions;
  json?: string;
  summary?: string;
  failOn: Verdict[];
  debug: boolean;
}

/** The report outputs of `gate` and `merge`. */
export interface CiOutputs {
  json?: string;
  /** The markdown summary (besides $GITHUB_STEP_SUMMARY, which the command appends to when set). */
  summary?: string;
  /** --annotations / --no-annotations; undefined: on when GITHUB_ACTIONS=true. */
  annotations?: boolean;
  sarif?: string;
  html?: string;
}

export interface Shard {
  /** 1-based, as vitest's --shard. */
  index: number;
  count: number;
}

export interface GateCommand {
  command: 'gate';
  /** cwd, the evidence options and keepTemp; base and head come from resolveCiBase. */
  options: VerifyOptions;
  /** --base: the target whose merge-base with head is the base. */
  base?: string;
  head?: string;
  failOn: Verdict[];
  outputs: CiOutputs;
  /** --cache-dir; without it the default folder, unless noCache. */
  cacheDir?: string;
  noCache: boolean;
  shard?: Shard;
  /** Where the shard's partial result goes (set only with shard). */
  partial?: string;
  debug: boolean;
}

export interface MergeCommand {
  command: 'merge';
  files: string[];
  failOn: Verdict[];
  outputs: CiOutputs;
  debug: boolean;
}

export type Command = VerifyCommand | GateCommand | MergeCommand | { command: 'help'; topic?: CommandName } | { command: 'version' };

type Values = Record<string, string | boolean | undefined>;

const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function parseArgv(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') return { command: 'help' };
  if (first === '--version' || first === '-v') return { command: 'version' };
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { command: 'help' };
    if (isCommand(topic)) return { command: 'help', topic };
    throw unknownCommand(topic);
  }
  if (!isCommand(first)) throw unknownCommand(first);
  const { values, positionals } = parseOptions(first, COMMANDS[first].options, rest);
  if (values.help) return { command: 'help', topic: first };
  const usage = (message: string, hint?: string): UsageError => new UsageError(message, hint ?? helpHint(first));
  for (const o of COMMANDS[first].options) {
    if (o.type === 'string' && values[o.name] === '') throw usage(`--${o.name} needs a value`);
  }
  if (first === 'verify') return parseVerify(values, usage);
  if (first === 'gate') return parseGate(values, usage);
  return parseMerge(values, positionals, usage);
}

type MakeUsage = (message: string, hint?: string) => UsageError;

function parseVerify(values: Values, usage: MakeUsage): VerifyCommand {
  const str = stringOf(values);
  const options: VerifyOptions = {};
  if (str('cwd') !== undefined) options.cwd = str('cwd')!;
  if (str('base') !== undefined) options.base = str('base')!;
  if (str('head') !== undefined) options.head = str('head')!;
  if (str('patch') !== undefined) options.patch = str('patch')!;
  parseEvidenceOptions(values, options, usage);
  if (str('cache-dir') !== undefined) options.cacheDir = str('cache-dir')!;
  if (values['keep-temp']) options.keepTemp = true;
  if (options.head !== undefined && options.patch !== undefined) {
    throw usage('--head and --patch cannot be used together', 'use --head REV to compare two revisions, or --patch FILE to apply a diff on --base');
  }
  if (str('json') === '-' && str('summary') === '-') throw usage('--json - and --summary - cannot both write to stdout', 'write one of them to a file');
  const cmd: VerifyCommand = { command: 'verify', options, failOn: parseFailOn(str('fail-on') ?? 'regressive'), debug: values.debug === true };
  if (str('json') !== undefined) cmd.json = str('json')!;
  if (str('summary') !== undefined) cmd.summary = str('summary')!;
  return cmd;
}

function parseGate(values: Values, usage: MakeUsage): GateCommand {
  const str = stringOf(values);
  const options: VerifyOptions = {};
  if (str('cwd') !== undefined) options.cwd = str('cwd')!;
  parseEvidenceOptions(values, options, usage);
  if (values['keep-temp']) options.keepTemp = true;
  const cmd: GateCommand = {
    command: 'gate',
    options,
    failOn: parseFailOn(str('fail-on') ?? 'regressive'),
    outputs: parseCiOutputs(values, usage),
    noCache: values['no-cache'] === true,
    debug: values.debug === true,
  };
  if (str('base') !== undefined) cmd.base = str('base')!;
  if (str('head') !== undefined) cmd.head = str('head')!;
  if (str('cache-dir') !== undefined) {
    if (cmd.noCache) throw usage('--cache-dir and --no-cache cannot be used together', 'pass one of them');
    cmd.cacheDir = str('cache-dir')!;
  }
  if (str('shard') !== undefined) {
    cmd.shard = parseShard(str('shard')!, usage);
    // A shard has no verdict: its outputs and --fail-on belong to the merge job.
    const given = ['fail-on', 'json', 'summary', 'annotations', 'sarif', 'html'].filter((k) => values[k] !== undefined);
    if (given.length > 0) throw usage(`--${given[0]} cannot be used with --shard: a shard writes a partial result, not a verdict`, `pass --${given[0]} to \`patchprobe merge\``);
    cmd.partial = str('partial') ?? `patchprobe-shard-${cmd.shard.index}-of-${cmd.shard.count}.json`;
  } else if (str('partial') !== undefined) {
    throw usage('--partial needs --shard I/N', 'pass --shard I/N to run one slice, or drop --partial');
  }
  return cmd;
}

function parseMerge(values: Values, files: string[], usage: MakeUsage): MergeCommand {
  if (files.length === 0) throw usage('merge needs the partial result files', 'e.g. patchprobe merge patchprobe-shard-*.json');
  const dup = files.find((f, i) => files.indexOf(f) !== i);
  if (dup !== undefined) throw usage(`${dup} is given twice`, 'pass each shard\'s partial result once');
  return { command: 'merge', files, failOn: parseFailOn(stringOf(values)('fail-on') ?? 'regressive'), outputs: parseCiOutputs(values, usage), debug: values.debug === true };
}

/** EVIDENCE_OPTIONS → VerifyOptions: the flags `verify` and `gate` share. A new stage's flags go here. */
function parseEvidenceOptions(values: Values, options: VerifyOptions, usage: MakeUsage): void {
  const str = stringOf(values);
  const num = (flag: string, min: number, max: number): number | undefined => (str(flag) === undefined ? undefined : wholeNumber(flag, str(flag)!, min, max, usage));
  if (str('reruns') !== undefined) options.reruns = num('reruns', 0, 20)!;
  if (str('suite-timeout') !== undefined) options.suiteTimeoutMs = num('suite-timeout', 1, 86_400)! * 1000;
  if (str('scope') !== undefined) {
    const globs = str('scope')!.split(',').map((g) => g.trim()).filter(Boolean);
    if (globs.length === 0) throw usage('--scope needs at least one glob', 'e.g. --scope "src/cart.ts,src/pricing/**"');
    options.scope = globs;
  }
  if (str('typecheck-timeout') !== undefined) options.typecheckTimeoutMs = num('typecheck-timeout', 1, 3_600)! * 1000;
  if (values['no-typecheck']) options.typecheck = false;
  if (values['no-probes']) options.probes = false;
  if (str('probe-runs') !== undefined) options.probeRuns = num('probe-runs', 1, 1_000_000)!;
  if (str('probe-timeout') !== undefined) options.probeTimeoutMs = num('probe-timeout', 10, 600_000)!;
  if (str('probe-seed') !== undefined) options.probeSeed = num('probe-seed', 0, 2 ** 31 - 1)!;
  if (values['no-mutation']) {
    const given = ['max-mutants', 'min-mutation-score', 'mutation-timeout', 'mutation-report'].find((k) => values[k] !== undefined);
    if (given) throw usage(`--${given} cannot be used with --no-mutation`, `drop one of them`);
    options.mutation = false;
  }
  if (str('max-mutants') !== undefined) options.maxMutants = num('max-mutants', 1, 100_000)!;
  if (str('min-mutation-score') !== undefined) options.minMutationScore = num('min-mutation-score', 0, 100)!;
  if (str('mutation-timeout') !== undefined) options.mutationTimeoutMs = num('mutation-timeout', 10, 86_400)! * 1000;
  if (str('mutation-report') !== undefined) {
    if (str('mutation-report') === '') throw usage('--mutation-report needs a folder', 'e.g. --mutation-report reports/mutation');
    options.mutationReportDir = str('mutation-report')!;
  }
}

function parseCiOutputs(values: Values, usage: MakeUsage): CiOutputs {
  const str = stringOf(values);
  const out: CiOutputs = {};
  if (values.annotations && values['no-annotations']) throw usage('--annotations and --no-annotations cannot be used together', 'pass one of them');
  if (values.annotations) out.annotations = true;
  if (values['no-annotations']) out.annotations = false;
  if (str('json') === '-' && str('summary') === '-') throw usage('--json - and --summary - cannot both write to stdout', 'write one of them to a file');
  for (const k of ['sarif', 'html'] as const) {
    if (str(k) === '-') throw usage(`--${k} needs a file name`, `write the ${k === 'sarif' ? 'SARIF' : 'HTML'} report to a file, e.g. --${k} patchprobe.${k}`);
  }
  for (const k of ['json', 'summary', 'sarif', 'html'] as const) if (str(k) !== undefined) out[k] = str(k)!;
  const files = (['json', 'summary', 'sarif', 'html'] as const).filter((k) => out[k] !== undefined && out[k] !== '-');
  for (const [i, a] of files.entries()) {
    const b = files.slice(i + 1).find((k) => out[k] === out[a]);
    if (b) throw usage(`--${a} and --${b} both write to ${out[a]}`, 'give each output its own file');
  }
  return out;
}

function parseShard(raw: string, usage: MakeUsage): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > 1000 || index < 1 || index > count) {
    throw usage(`invalid value for --shard: '${raw}'`, 'expected I/N with 1 <= I <= N <= 1000, e.g. --shard 2/4 for the second of four slices');
  }
  return { index, count };
}

function wholeNumber(flag: string, raw: string, min: number, max: number, usage: MakeUsage): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw usage(`--${flag} takes a whole number from ${min} to ${max}, got '${raw}'`);
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

function parseOptions(command: CommandName, table: readonly OptionSpec[], args: string[]): { values: Values; positionals: string[] } {
  try {
    const config = Object.fromEntries(table.map((o) => [o.name, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
    const { values, positionals } = parseArgs({ args, options: config, strict: true, allowPositionals: command === 'merge' });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError(argError(error), helpHint(command));
  }
}

const stringOf = (values: Values) => (k: string): string | undefined => values[k] as string | undefined;

const helpHint = (command: CommandName): string => `run \`patchprobe ${command} --help\` for usage`;

function isCommand(word: string): word is CommandName {
  return (COMMAND_NAMES as string[]).includes(word);
}

function unknownCommand(word: string): UsageError {
  const list = `the commands are ${COMMAND_NAMES.slice(0, -1).join(', ')} and ${COMMAND_NAMES.at(-1)}`;
  if (word.startsWith('-')) return new UsageError(`unknown command '${word}'`, `put the command first, e.g. patchprobe verify [options]; ${list}`);
  const guess = closest(word, COMMAND_NAMES);
  return new UsageError(`unknown command '${word}'`, guess ? `did you mean \`patchprobe ${guess}\`? ${list}` : list);
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
