import { flagsOf, type CliFlag, type CommandName } from '@patchprobe/core';

/**
 * The CLI's commands, and a view of their options: each option is declared once in
 * @patchprobe/core (options/flags.ts, with its range and default from options/schema.ts), and the
 * parser, --help and docs/cli.md all come from these tables (a test keeps docs/cli.md in step).
 *
 * Options that gather evidence (EVIDENCE_OPTIONS) are shared by `verify` and `gate`: a new stage's
 * flags are declared once, as evidence, and both commands take them.
 */
export type OptionSpec = CliFlag;
export type { CommandName };

/** How each stage gathers evidence; the same for `verify` and `gate`. */
export const EVIDENCE_OPTIONS: readonly OptionSpec[] = flagsOf('verify').filter((o) => o.evidence);

export const VERIFY_OPTIONS: readonly OptionSpec[] = flagsOf('verify');
export const GATE_OPTIONS: readonly OptionSpec[] = flagsOf('gate');
export const MERGE_OPTIONS: readonly OptionSpec[] = flagsOf('merge');

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
