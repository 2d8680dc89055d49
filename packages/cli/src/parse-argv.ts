import { parseArgs } from 'node:util';
import { FAIL_ON_DEFAULTS, UsageError, VERDICTS, type Verdict, type VerifyOptions } from '@patchprobe/core';
import { COMMANDS, type CommandName, type OptionSpec } from './options-table.js';

export interface VerifyCommand {
  command: 'verify';
  options: VerifyOptions;
  json?: string;
  summary?: string;
  /** The agent brief (renderAgentBrief): what an AI agent's next turn needs. */
  agent?: string;
  /** The task in one line, for the agent brief's next-step lines. */
  intent?: string;
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
  const given = parseFlags(COMMANDS[first].options, values, usage);
  if (first === 'verify') return parseVerify(given, usage);
  if (first === 'gate') return parseGate(given, usage);
  return parseMerge(given, positionals, usage);
}

type MakeUsage = (message: string, hint?: string) => UsageError;

/** What one command's flags gave: the VerifyOptions of the flags that set one, and the command's own flags. */
interface Given {
  options: VerifyOptions;
  /** The flag was on the command line. */
  has(name: string): boolean;
  /** The value of a flag that sets no VerifyOptions key (a file, --fail-on's verdicts, --shard's slice), by its name. */
  own<T = string>(name: string): T | undefined;
}

/** Every flag given → its value (a text, a whole number in the option's unit, a list…): the parsing the flag declares. */
function parseFlags(flags: readonly OptionSpec[], values: Values, usage: MakeUsage): Given {
  const options: Record<string, unknown> = {};
  const own = new Map<string, unknown>();
  for (const flag of flags) {
    const raw = values[flag.name];
    if (raw === undefined) continue;
    const value = flagValue(flag, raw, usage);
    if (flag.option) options[flag.option] = value;
    else own.set(flag.name, value);
  }
  return { options: options as VerifyOptions, has: (name) => values[name] !== undefined, own: <T>(name: string) => own.get(name) as T | undefined };
}

function flagValue(flag: OptionSpec, raw: string | boolean, usage: MakeUsage): unknown {
  const text = String(raw);
  switch (flag.parse.kind) {
    case 'switch':
      return flag.parse.value;
    case 'text':
      return text;
    case 'whole':
      return wholeNumber(flag.name, text, flag.parse.min, flag.parse.max, usage) * flag.parse.scale;
    case 'globs': {
      const globs = text.split(',').map((g) => g.trim()).filter(Boolean);
      if (globs.length === 0) throw usage(`--${flag.name} needs at least one glob`, `e.g. --${flag.name} "src/cart.ts,src/pricing/**"`);
      return globs;
    }
    case 'names': {
      const names = text.split(',').map((n) => n.trim()).filter(Boolean);
      if (names.length === 0) throw usage(`--${flag.name} needs at least one name`, `e.g. --${flag.name} types`);
      return names;
    }
    case 'verdicts':
      return parseFailOn(text);
    case 'shard':
      return parseShard(text, flag.parse.max, usage);
  }
}

function parseVerify(given: Given, usage: MakeUsage): VerifyCommand {
  const { options } = given;
  checkEvidence(given, usage);
  if (options.head !== undefined && options.patch !== undefined) {
    throw usage('--head and --patch cannot be used together', 'use --head REV to compare two revisions, or --patch FILE to apply a diff on --base');
  }
  const json = given.own('json');
  const summary = given.own('summary');
  const agent = given.own('agent');
  const intent = given.own('intent');
  const toStdout = [['--json', json], ['--summary', summary], ['--agent', agent]].filter(([, v]) => v === '-').map(([flag]) => flag);
  if (toStdout.length > 1) throw usage(`${toStdout.join(' - and ')} - cannot ${toStdout.length === 2 ? 'both' : 'all'} write to stdout`, `write ${toStdout.length === 2 ? 'one' : 'all but one'} of them to a file`);
  if (intent !== undefined && agent === undefined) throw usage('--intent is used only by --agent', 'add --agent FILE|- to get the brief for an agent, or leave --intent out');
  const cmd: VerifyCommand = { command: 'verify', options, failOn: failOnOf(given), debug: given.has('debug') };
  if (json !== undefined) cmd.json = json;
  if (summary !== undefined) cmd.summary = summary;
  if (agent !== undefined) cmd.agent = agent;
  if (intent !== undefined) cmd.intent = intent;
  return cmd;
}

function parseGate(given: Given, usage: MakeUsage): GateCommand {
  checkEvidence(given, usage);
  const cmd: GateCommand = {
    command: 'gate',
    options: given.options,
    failOn: failOnOf(given),
    outputs: parseCiOutputs(given, usage),
    noCache: given.has('no-cache'),
    debug: given.has('debug'),
  };
  const base = given.own('base');
  const head = given.own('head');
  const cacheDir = given.own('cache-dir');
  const shard = given.own<Shard>('shard');
  const partial = given.own('partial');
  if (base !== undefined) cmd.base = base;
  if (head !== undefined) cmd.head = head;
  if (cacheDir !== undefined) {
    if (cmd.noCache) throw usage('--cache-dir and --no-cache cannot be used together', 'pass one of them');
    cmd.cacheDir = cacheDir;
  }
  if (shard !== undefined) {
    cmd.shard = shard;
    // A shard has no verdict: its outputs and --fail-on belong to the merge job.
    const outputs = ['fail-on', 'json', 'summary', 'annotations', 'sarif', 'html'].filter((k) => given.has(k));
    if (outputs.length > 0) throw usage(`--${outputs[0]} cannot be used with --shard: a shard writes a partial result, not a verdict`, `pass --${outputs[0]} to \`patchprobe merge\``);
    cmd.partial = partial ?? `patchprobe-shard-${shard.index}-of-${shard.count}.json`;
  } else if (partial !== undefined) {
    throw usage('--partial needs --shard I/N', 'pass --shard I/N to run one slice, or drop --partial');
  }
  return cmd;
}

function parseMerge(given: Given, files: string[], usage: MakeUsage): MergeCommand {
  if (files.length === 0) throw usage('merge needs the partial result files', 'e.g. patchprobe merge patchprobe-shard-*.json');
  const dup = files.find((f, i) => files.indexOf(f) !== i);
  if (dup !== undefined) throw usage(`${dup} is given twice`, 'pass each shard\'s partial result once');
  return { command: 'merge', files, failOn: failOnOf(given), outputs: parseCiOutputs(given, usage), debug: given.has('debug') };
}

/** The evidence flags `verify` and `gate` share: their values are parsed by their declarations; what is left are the rules between them. */
function checkEvidence(given: Given, usage: MakeUsage): void {
  if (given.options.mutation === false) {
    const conflict = ['max-mutants', 'min-mutation-score', 'mutation-timeout', 'mutation-report'].find((k) => given.has(k));
    if (conflict) throw usage(`--${conflict} cannot be used with --no-mutation`, `drop one of them`);
  }
}

const failOnOf = (given: Given): Verdict[] => given.own<Verdict[]>('fail-on') ?? [...FAIL_ON_DEFAULTS.cli];

function parseCiOutputs(given: Given, usage: MakeUsage): CiOutputs {
  const out: CiOutputs = {};
  if (given.has('annotations') && given.has('no-annotations')) throw usage('--annotations and --no-annotations cannot be used together', 'pass one of them');
  if (given.has('annotations')) out.annotations = true;
  if (given.has('no-annotations')) out.annotations = false;
  if (given.own('json') === '-' && given.own('summary') === '-') throw usage('--json - and --summary - cannot both write to stdout', 'write one of them to a file');
  for (const k of ['sarif', 'html'] as const) {
    if (given.own(k) === '-') throw usage(`--${k} needs a file name`, `write the ${k === 'sarif' ? 'SARIF' : 'HTML'} report to a file, e.g. --${k} patchprobe.${k}`);
  }
  for (const k of ['json', 'summary', 'sarif', 'html'] as const) {
    const file = given.own(k);
    if (file !== undefined) out[k] = file;
  }
  const files = (['json', 'summary', 'sarif', 'html'] as const).filter((k) => out[k] !== undefined && out[k] !== '-');
  for (const [i, a] of files.entries()) {
    const b = files.slice(i + 1).find((k) => out[k] === out[a]);
    if (b) throw usage(`--${a} and --${b} both write to ${out[a]}`, 'give each output its own file');
  }
  return out;
}

function parseShard(raw: string, max: number, usage: MakeUsage): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > max || index < 1 || index > count) {
    throw usage(`invalid value for --shard: '${raw}'`, `expected I/N with 1 <= I <= N <= ${max}, e.g. --shard 2/4 for the second of four slices`);
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
