import { FAIL_ON_DEFAULTS, MAX_SHARDS, OPTION_DEFAULTS, optionSchema, type DefaultedOf, type OptionKey } from './schema.js';

export type CommandName = 'verify' | 'gate' | 'merge';

/** How a flag's text becomes its value. */
export type FlagParse =
  /** The text as given: a file, a folder, a revision. */
  | { kind: 'text' }
  /** A whole number from min to max in the flag's unit; times `scale` in the option's (seconds → ms). */
  | { kind: 'whole'; min: number; max: number; scale: number }
  /** A comma list of globs, blanks dropped. */
  | { kind: 'globs' }
  /** A comma list of names, blanks dropped. */
  | { kind: 'names' }
  /** A comma list of verdicts, or none. */
  | { kind: 'verdicts' }
  /** I/N: slice I of N, 1 ≤ I ≤ N ≤ max. */
  | { kind: 'shard'; max: number }
  /** No value: the flag being there means `value`. */
  | { kind: 'switch'; value: boolean };

export interface CliFlag {
  /** Without the dashes. */
  name: string;
  /** For node:util's parseArgs. */
  type: 'string' | 'boolean';
  /** What --help and docs/cli.md show as the value: `N`, `SEC`, `FILE|-`. */
  value?: string;
  short?: string;
  /** The line of --help and docs/cli.md, default included. */
  description: string;
  commands: readonly CommandName[];
  /** Gathers evidence: `verify` and `gate` share these flags (and a new stage's go here). */
  evidence: boolean;
  /** The VerifyOptions key the value goes to; without it, the command reads the value itself. */
  option?: OptionKey;
  parse: FlagParse;
}

const VERIFY_GATE: readonly CommandName[] = ['verify', 'gate'];
/** The CI outputs, the same for `gate` and `merge`. */
const CI: readonly CommandName[] = ['gate', 'merge'];
const ALL: readonly CommandName[] = ['verify', 'gate', 'merge'];

/** A whole-number flag's unit: the placeholder --help shows, and the factor to the option's unit (times are ms). */
const UNITS = { N: 1, PCT: 1, MS: 1, SEC: 1000 } as const;

interface FlagText {
  help: string;
  /** " (default: …)" at the end of the description; a flag bound to an option with a plain default shows that one. */
  default?: string;
}

const describe = ({ help, default: shown }: FlagText): string => (shown === undefined ? help : `${help} (default: ${shown})`);

/** The option's default as the flag writes it (in the flag's unit), when it is a plain value. */
function optionDefault(option: OptionKey | undefined, scale = 1): string | undefined {
  const value: unknown = option !== undefined && option in OPTION_DEFAULTS ? OPTION_DEFAULTS[option as keyof typeof OPTION_DEFAULTS] : undefined;
  return typeof value === 'number' ? String(value / scale) : typeof value === 'string' ? value : undefined;
}

/** A flag with a value taken as written. */
function text(name: string, value: string, commands: readonly CommandName[], t: FlagText & { option?: OptionKey }): CliFlag {
  const flag: CliFlag = { name, type: 'string', value, description: describe({ ...t, default: t.default ?? optionDefault(t.option) }), commands, evidence: false, parse: { kind: 'text' } };
  if (t.option) flag.option = t.option;
  return flag;
}

/** A flag without a value. */
function toggle(name: string, commands: readonly CommandName[], t: FlagText & { short?: string }): CliFlag {
  const flag: CliFlag = { name, type: 'boolean', description: describe(t), commands, evidence: false, parse: { kind: 'switch', value: true } };
  if (t.short) flag.short = t.short;
  return flag;
}

/** `--no-x` / `--x` for a boolean option: the flag sets the opposite of the option's default. */
function flip(option: DefaultedOf<boolean>, name: string, commands: readonly CommandName[], help: string): CliFlag {
  return { ...toggle(name, commands, { help }), option, parse: { kind: 'switch', value: !OPTION_DEFAULTS[option] } };
}

/**
 * An evidence flag taking a whole number in `unit` for a numeric option. Its range is the option's,
 * in the flag's unit, unless `narrow` bounds it tighter: the CLI caps what the library leaves open
 * (timeouts have no upper bound there). A test checks the bounds are values the option takes.
 */
function whole(option: DefaultedOf<number>, name: string, unit: keyof typeof UNITS, help: string, narrow: { min?: number; max?: number } = {}): CliFlag {
  const scale = UNITS[unit];
  const range = optionSchema(option) as { minimum?: number; maximum?: number; exclusiveMinimum?: number };
  const min = narrow.min ?? (range.minimum !== undefined ? Math.ceil(range.minimum / scale) : range.exclusiveMinimum !== undefined ? Math.floor(range.exclusiveMinimum / scale) + 1 : undefined);
  const max = narrow.max ?? (range.maximum !== undefined ? Math.floor(range.maximum / scale) : undefined);
  if (min === undefined || max === undefined) throw new Error(`--${name} needs a range: ${option} has none, so give the flag one`);
  return { name, type: 'string', value: unit, description: describe({ help, default: optionDefault(option, scale) }), commands: VERIFY_GATE, evidence: true, option, parse: { kind: 'whole', min, max, scale } };
}

const evidence = (flag: CliFlag): CliFlag => ({ ...flag, commands: VERIFY_GATE, evidence: true });

/**
 * The CLI's flags, declared once: the parser (packages/cli/src/parse-argv.ts), `--help` and
 * docs/cli.md all come from this list, through packages/cli/src/options-table.ts.
 *
 * A flag that sets one of the library's options names it (`option`) and takes its range, unit
 * conversion and default from the option's schema (schema.ts); the others are the CLI's own (where
 * the outputs go, sharding, help). The list's order is the order of `--help`: each command shows
 * the flags it takes, in this order. Where one flag name means different things in two commands
 * (`--base` of verify and of gate), each meaning is its own entry.
 */
export const CLI_FLAGS: readonly CliFlag[] = [
  // What is compared.
  text('cwd', 'DIR', VERIFY_GATE, { option: 'cwd', help: 'the project under test, inside a git repository', default: 'current directory' }),
  text('base', 'REV', ['verify'], { option: 'base', help: 'the revision before the patch' }),
  text('base', 'REV', ['gate'], {
    help: 'the target branch or commit; the gate compares --head with its merge-base, like git diff REV...HEAD',
    default: "the pull request's target branch, from GITHUB_BASE_REF or CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
  }),
  text('head', 'REV', ['verify'], { option: 'head', help: 'the revision after the patch', default: 'the working tree, untracked files included' }),
  text('head', 'REV', ['gate'], { help: 'the revision after the patch', default: 'HEAD; the working tree is not used' }),
  text('patch', 'FILE', ['verify'], { option: 'patch', help: 'a unified diff (git format) applied on top of --base to make "after"' }),

  // What is written, and when the exit code is 1.
  text('json', 'FILE|-', ['verify'], { help: 'write the JSON report to FILE, or to stdout with - (human output then goes to stderr)' }),
  { ...text('fail-on', 'LIST', ALL, { help: 'comma list of verdicts that make the exit code 1, or none', default: FAIL_ON_DEFAULTS.cli.join(',') }), parse: { kind: 'verdicts' } },
  text('summary', 'FILE|-', ['verify'], { help: 'write a short plain-text summary (for a PR comment or an agent prompt) to FILE or stdout' }),
  text('agent', 'FILE|-', ['verify'], { help: "write the brief for an AI agent's next turn (verdict, what to do next, the decisive evidence; docs/agents.md) to FILE or stdout" }),
  text('intent', 'TEXT', ['verify'], { help: "the task in one line; --agent's next-step lines are phrased against it" }),
  text('json', 'FILE|-', CI, { help: 'write the JSON report to FILE, or to stdout with - (human output and annotations then go to stderr)' }),
  text('summary', 'FILE|-', CI, { help: 'write the markdown summary to FILE, or to stdout with -; it is also appended to $GITHUB_STEP_SUMMARY when that is set' }),
  toggle('annotations', CI, { help: 'print GitHub workflow annotations (::error file=…,line=…::) for the findings', default: 'on when GITHUB_ACTIONS=true' }),
  toggle('no-annotations', CI, { help: 'do not print workflow annotations' }),
  text('sarif', 'FILE', CI, { help: 'write the findings as SARIF 2.1.0 (for GitHub code scanning) to FILE' }),
  text('html', 'FILE', CI, { help: 'write a self-contained HTML report to FILE' }),

  // The gate's baseline cache and sharding.
  text('cache-dir', 'DIR', ['gate'], { help: 'where to keep base-version results between runs', default: 'node_modules/.cache/patchprobe in --cwd' }),
  toggle('no-cache', ['gate'], { help: 'neither read nor write the baseline cache' }),
  {
    ...text('shard', 'I/N', ['gate'], { help: 'run slice I of N of every suite run and write a partial result instead of a verdict; join the N files with patchprobe merge' }),
    parse: { kind: 'shard', max: MAX_SHARDS },
  },
  text('partial', 'FILE', ['gate'], { help: 'where --shard writes its partial result', default: 'patchprobe-shard-I-of-N.json in the current directory' }),

  // How each stage gathers evidence: the same for verify and gate.
  evidence({ ...text('scope', 'GLOB[,GLOB]', VERIFY_GATE, { option: 'scope', help: 'the files the patch was meant to change; behaviour changes elsewhere are flagged as unrelated-change' }), parse: { kind: 'globs' } }),
  evidence({
    ...text('skip-project', 'NAME[,NAME]', VERIFY_GATE, {
      option: 'skipProjects',
      help: 'vitest projects (test.name) to leave out of every run, such as a project of type tests; * is a wildcard, as in vitest --project',
    }),
    parse: { kind: 'names' },
  }),
  whole('typecheckTimeoutMs', 'typecheck-timeout', 'SEC', 'limit on the type-check\'s CPU time (its wall time where that cannot be measured; 3 times it as a wall-clock backstop), in seconds; past it the stage is skipped and says so', { min: 1, max: 3_600 }),
  evidence(flip('typecheck', 'no-typecheck', VERIFY_GATE, 'skip the type-check delta (new type errors, invented APIs)')),
  evidence(flip('probes', 'no-probes', VERIFY_GATE, 'skip the property probes (before vs after of each changed function on generated inputs)')),
  whole('probeRuns', 'probe-runs', 'N', 'generated inputs per probed function'),
  whole('probeTimeoutMs', 'probe-timeout', 'MS', 'limit for one call of a probed function, in milliseconds', { max: 600_000 }),
  whole('probeSeed', 'probe-seed', 'N', 'seed of the probe inputs; a report gives the seed and path to replay a counterexample', { min: 0, max: 2 ** 31 - 1 }),
  evidence(flip('mutation', 'no-mutation', VERIFY_GATE, 'skip the mutation probes (StrykerJS on the touched declarations: do the tests pin them?)')),
  whole('maxMutants', 'max-mutants', 'N', 'mutants per StrykerJS run at most; past it mutant locations are sampled evenly over the touched declarations'),
  whole('minMutationScore', 'min-mutation-score', 'PCT', 'a touched declaration whose tests kill fewer of its mutants than this is an untested-change'),
  whole('mutationTimeoutMs', 'mutation-timeout', 'SEC', 'time budget of the mutation probes, in seconds (a run it stops keeps the mutants tested by then)', { max: 86_400 }),
  evidence(text('mutation-report', 'DIR', VERIFY_GATE, { option: 'mutationReportDir', help: "write StrykerJS's HTML report of the touched code to DIR (index.html)" })),
  whole('reruns', 'reruns', 'N', 'reruns of each test whose outcome changed, to rule out flakiness'),
  whole('suiteTimeoutMs', 'suite-timeout', 'SEC', 'time limit for one vitest run, in seconds', { max: 86_400 }),

  // Verify's cache is opt-in (the gate's is on by default, above).
  text('cache-dir', 'DIR', ['verify'], { option: 'cacheDir', help: "keep the base version's results in DIR and reuse them in a later run on the same base", default: 'no cache' }),
  flip('keepTemp', 'keep-temp', VERIFY_GATE, 'keep the temporary before/after copies and print where they are'),
  toggle('debug', ALL, { help: 'show stack traces for errors' }),
  toggle('help', ALL, { help: 'show this help', short: 'h' }),
];

/** The flags of one command, in --help order. */
export function flagsOf(command: CommandName): CliFlag[] {
  return CLI_FLAGS.filter((f) => f.commands.includes(command));
}
