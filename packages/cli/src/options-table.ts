/**
 * The single description of `patchprobe verify`'s options: the parser, --help and docs/cli.md
 * all come from this table (a test keeps docs/cli.md in step).
 */
export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  value?: string;
  short?: string;
  description: string;
}

export const VERIFY_OPTIONS: readonly OptionSpec[] = [
  { name: 'cwd', type: 'string', value: 'DIR', description: 'the project under test, inside a git repository (default: current directory)' },
  { name: 'base', type: 'string', value: 'REV', description: 'the revision before the patch (default: HEAD)' },
  { name: 'head', type: 'string', value: 'REV', description: 'the revision after the patch (default: the working tree, untracked files included)' },
  { name: 'patch', type: 'string', value: 'FILE', description: 'a unified diff (git format) applied on top of --base to make "after"' },
  { name: 'json', type: 'string', value: 'FILE|-', description: 'write the JSON report to FILE, or to stdout with - (human output then goes to stderr)' },
  { name: 'fail-on', type: 'string', value: 'LIST', description: 'comma list of verdicts that make the exit code 1, or none (default: regressive)' },
  { name: 'summary', type: 'string', value: 'FILE|-', description: 'write a short plain-text summary (for a PR comment or an agent prompt) to FILE or stdout' },
  { name: 'scope', type: 'string', value: 'GLOB[,GLOB]', description: 'the files the patch was meant to change; behaviour changes elsewhere are flagged as unrelated-change' },
  { name: 'typecheck-timeout', type: 'string', value: 'SEC', description: 'time limit for the type-check delta, in seconds; past it the stage is skipped and says so (default: 60)' },
  { name: 'no-typecheck', type: 'boolean', description: 'skip the type-check delta (new type errors, invented APIs)' },
  { name: 'no-probes', type: 'boolean', description: 'skip the property probes (before vs after of each changed function on generated inputs)' },
  { name: 'probe-runs', type: 'string', value: 'N', description: 'generated inputs per probed function (default: 200)' },
  { name: 'probe-timeout', type: 'string', value: 'MS', description: 'limit for one call of a probed function, in milliseconds (default: 1000)' },
  { name: 'probe-seed', type: 'string', value: 'N', description: 'seed of the probe inputs; a report gives the seed and path to replay a counterexample (default: 1)' },
  { name: 'reruns', type: 'string', value: 'N', description: 'reruns of each test whose outcome changed, to rule out flakiness (default: 2)' },
  { name: 'suite-timeout', type: 'string', value: 'SEC', description: 'time limit for one vitest run, in seconds (default: 600)' },
  { name: 'keep-temp', type: 'boolean', description: 'keep the temporary before/after copies and print where they are' },
  { name: 'debug', type: 'boolean', description: 'show stack traces for errors' },
  { name: 'help', type: 'boolean', short: 'h', description: 'show this help' },
];

export const EXIT_CODES = { ok: 0, failOn: 1, usage: 2, interrupted: 130 } as const;

export function helpText(version: string): string {
  const rows = VERIFY_OPTIONS.map((o) => [`${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`, o.description] as const);
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return [
    `patchprobe ${version}: did a patch change behaviour, and did it change it for the worse?`,
    '',
    'Usage:',
    '  patchprobe verify [--cwd DIR] [--base REV] [--head REV | --patch FILE] [--json FILE|-] [--fail-on LIST]',
    '',
    'Runs the project\'s own vitest suite before and after the patch (in temporary copies; your',
    'repository is never touched) and reports a verdict: substantive, cosmetic or regressive.',
    '',
    'Options:',
    ...rows.map(([l, d]) => `  ${l.padEnd(width)}${d}`),
    '',
    'Exit codes: 0 verdict not in --fail-on, 1 verdict in --fail-on, 2 usage or setup error, 130 interrupted.',
  ].join('\n');
}
