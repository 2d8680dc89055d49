/**
 * The single description of the CLI's commands and options: the parser, --help and docs/cli.md
 * all come from these tables (a test keeps docs/cli.md in step).
 *
 * Options that gather evidence (EVIDENCE_OPTIONS) are shared by `verify` and `gate`: a new stage's
 * flags go in that one list, and their parsing in `parseEvidenceOptions` (parse-argv.ts).
 */
export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  value?: string;
  short?: string;
  description: string;
}

export type CommandName = 'verify' | 'gate' | 'merge';

/** How each stage gathers evidence; the same for `verify` and `gate`. */
export const EVIDENCE_OPTIONS: readonly OptionSpec[] = [
  { name: 'scope', type: 'string', value: 'GLOB[,GLOB]', description: 'the files the patch was meant to change; behaviour changes elsewhere are flagged as unrelated-change' },
  { name: 'typecheck-timeout', type: 'string', value: 'SEC', description: 'time limit for the type-check delta, in seconds; past it the stage is skipped and says so (default: 60)' },
  { name: 'no-typecheck', type: 'boolean', description: 'skip the type-check delta (new type errors, invented APIs)' },
  { name: 'no-probes', type: 'boolean', description: 'skip the property probes (before vs after of each changed function on generated inputs)' },
  { name: 'probe-runs', type: 'string', value: 'N', description: 'generated inputs per probed function (default: 200)' },
  { name: 'probe-timeout', type: 'string', value: 'MS', description: 'limit for one call of a probed function, in milliseconds (default: 1000)' },
  { name: 'probe-seed', type: 'string', value: 'N', description: 'seed of the probe inputs; a report gives the seed and path to replay a counterexample (default: 1)' },
  { name: 'no-mutation', type: 'boolean', description: 'skip the mutation probes (StrykerJS on the touched declarations: do the tests pin them?)' },
  { name: 'max-mutants', type: 'string', value: 'N', description: 'mutants per StrykerJS run at most; past it mutant locations are sampled evenly over the touched declarations (default: 100)' },
  { name: 'min-mutation-score', type: 'string', value: 'PCT', description: 'a touched declaration whose tests kill fewer of its mutants than this is an untested-change (default: 60)' },
  { name: 'mutation-timeout', type: 'string', value: 'SEC', description: 'time budget of the mutation probes (both runs), in seconds (default: 300)' },
  { name: 'mutation-report', type: 'string', value: 'DIR', description: 'write StrykerJS\'s HTML report of the touched code to DIR (index.html; before.html when the tests were edited)' },
  { name: 'reruns', type: 'string', value: 'N', description: 'reruns of each test whose outcome changed, to rule out flakiness (default: 2)' },
  { name: 'suite-timeout', type: 'string', value: 'SEC', description: 'time limit for one vitest run, in seconds (default: 600)' },
];

const KEEP_TEMP: OptionSpec = { name: 'keep-temp', type: 'boolean', description: 'keep the temporary before/after copies and print where they are' };

const GENERAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'debug', type: 'boolean', description: 'show stack traces for errors' },
  { name: 'help', type: 'boolean', short: 'h', description: 'show this help' },
];

const FAIL_ON: OptionSpec = { name: 'fail-on', type: 'string', value: 'LIST', description: 'comma list of verdicts that make the exit code 1, or none (default: regressive)' };

/** What `gate` and `merge` write from the report; the same for both. */
const CI_OUTPUT_OPTIONS: readonly OptionSpec[] = [
  FAIL_ON,
  { name: 'json', type: 'string', value: 'FILE|-', description: 'write the JSON report to FILE, or to stdout with - (human output and annotations then go to stderr)' },
  {
    name: 'summary',
    type: 'string',
    value: 'FILE|-',
    description: 'write the markdown summary to FILE, or to stdout with -; it is also appended to $GITHUB_STEP_SUMMARY when that is set',
  },
  { name: 'annotations', type: 'boolean', description: 'print GitHub workflow annotations (::error file=…,line=…::) for the findings (default: on when GITHUB_ACTIONS=true)' },
  { name: 'no-annotations', type: 'boolean', description: 'do not print workflow annotations' },
  { name: 'sarif', type: 'string', value: 'FILE', description: 'write the findings as SARIF 2.1.0 (for GitHub code scanning) to FILE' },
  { name: 'html', type: 'string', value: 'FILE', description: 'write a self-contained HTML report to FILE' },
];

export const VERIFY_OPTIONS: readonly OptionSpec[] = [
  { name: 'cwd', type: 'string', value: 'DIR', description: 'the project under test, inside a git repository (default: current directory)' },
  { name: 'base', type: 'string', value: 'REV', description: 'the revision before the patch (default: HEAD)' },
  { name: 'head', type: 'string', value: 'REV', description: 'the revision after the patch (default: the working tree, untracked files included)' },
  { name: 'patch', type: 'string', value: 'FILE', description: 'a unified diff (git format) applied on top of --base to make "after"' },
  { name: 'json', type: 'string', value: 'FILE|-', description: 'write the JSON report to FILE, or to stdout with - (human output then goes to stderr)' },
  FAIL_ON,
  { name: 'summary', type: 'string', value: 'FILE|-', description: 'write a short plain-text summary (for a PR comment or an agent prompt) to FILE or stdout' },
  ...EVIDENCE_OPTIONS,
  { name: 'cache-dir', type: 'string', value: 'DIR', description: 'keep the base version\'s results in DIR and reuse them in a later run on the same base (default: no cache)' },
  KEEP_TEMP,
  ...GENERAL_OPTIONS,
];

export const GATE_OPTIONS: readonly OptionSpec[] = [
  { name: 'cwd', type: 'string', value: 'DIR', description: 'the project under test, inside a git repository (default: current directory)' },
  {
    name: 'base',
    type: 'string',
    value: 'REV',
    description:
      'the target branch or commit; the gate compares --head with its merge-base, like git diff REV...HEAD (default: the pull request\'s target branch, from GITHUB_BASE_REF or CI_MERGE_REQUEST_TARGET_BRANCH_NAME)',
  },
  { name: 'head', type: 'string', value: 'REV', description: 'the revision after the patch (default: HEAD; the working tree is not used)' },
  ...CI_OUTPUT_OPTIONS,
  { name: 'cache-dir', type: 'string', value: 'DIR', description: 'where to keep base-version results between runs (default: node_modules/.cache/patchprobe in --cwd)' },
  { name: 'no-cache', type: 'boolean', description: 'neither read nor write the baseline cache' },
  { name: 'shard', type: 'string', value: 'I/N', description: 'run slice I of N of every suite run and write a partial result instead of a verdict; join the N files with patchprobe merge' },
  { name: 'partial', type: 'string', value: 'FILE', description: 'where --shard writes its partial result (default: patchprobe-shard-I-of-N.json in the current directory)' },
  ...EVIDENCE_OPTIONS,
  KEEP_TEMP,
  ...GENERAL_OPTIONS,
];

export const MERGE_OPTIONS: readonly OptionSpec[] = [...CI_OUTPUT_OPTIONS, ...GENERAL_OPTIONS];

export interface CommandSpec {
  name: CommandName;
  usage: string;
  /** What the command does, a few lines for --help. */
  about: string[];
  options: readonly OptionSpec[];
}

export const COMMANDS: Readonly<Record<CommandName, CommandSpec>> = {
  verify: {
    name: 'verify',
    usage: 'patchprobe verify [--cwd DIR] [--base REV] [--head REV | --patch FILE] [--json FILE|-] [--fail-on LIST]',
    about: [
      "Runs the project's own vitest suite before and after the patch (in temporary copies; your",
      'repository is never touched) and reports a verdict: substantive, cosmetic or regressive.',
    ],
    options: VERIFY_OPTIONS,
  },
  gate: {
    name: 'gate',
    usage: 'patchprobe gate [--base REV] [--fail-on LIST] [--json FILE|-] [--summary FILE|-] [--sarif FILE] [--html FILE] [--shard I/N]',
    about: [
      'The CI gate: verifies HEAD against its merge-base with the pull request\'s target branch, with',
      'every evidence stage on, and writes the outputs a CI run needs (step summary, annotations,',
      'SARIF, HTML, JSON). Fails (exit 1) when the verdict is in --fail-on.',
    ],
    options: GATE_OPTIONS,
  },
  merge: {
    name: 'merge',
    usage: 'patchprobe merge FILE... [--fail-on LIST] [--json FILE|-] [--summary FILE|-] [--sarif FILE] [--html FILE]',
    about: [
      'Joins the partial results of `patchprobe gate --shard I/N` (one file per shard) into one report',
      'and verdict, then writes the same outputs and exit code as `patchprobe gate`.',
    ],
    options: MERGE_OPTIONS,
  },
};

export const EXIT_CODES = { ok: 0, failOn: 1, usage: 2, interrupted: 130 } as const;

const EXIT_LINE = 'Exit codes: 0 verdict not in --fail-on, 1 verdict in --fail-on, 2 usage or setup error, 130 interrupted.';

/** `patchprobe --help` (no command: the overview) or `patchprobe <command> --help`. */
export function helpText(version: string, command?: CommandName): string {
  const head = `patchprobe ${version}: did a patch change behaviour, and did it change it for the worse?`;
  if (!command) {
    return [
      head,
      '',
      'Usage:',
      ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
      '',
      'Commands:',
      '  verify  a patch, a branch or the working tree, on your machine',
      "  gate    a pull request in CI: against the merge-base of its target branch, with CI outputs",
      '  merge   join the partial results of sharded gate runs into one verdict',
      '',
      'Run `patchprobe <command> --help` for its options.',
      '',
      EXIT_LINE,
    ].join('\n');
  }
  const spec = COMMANDS[command];
  const rows = spec.options.map((o) => [`${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`, o.description] as const);
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return [head, '', 'Usage:', `  ${spec.usage}`, '', ...spec.about, '', 'Options:', ...rows.map(([l, d]) => `  ${l.padEnd(width)}${d}`), '', EXIT_LINE].join('\n');
}
