import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@patchprobe/test-utils';
import { helpText, VERIFY_OPTIONS } from '../src/options-table.js';
import { parseArgv, parseFailOn } from '../src/parse-argv.js';

const usage = (argv: string[]): string => {
  try {
    parseArgv(argv);
  } catch (e) {
    return `${(e as { code: string }).code}: ${(e as { oneLine: string }).oneLine}`;
  }
  return 'parsed';
};

describe(parseArgv.name, () => {
  it('maps the contract flags to verify options', () => {
    expect(parseArgv(['verify', '--cwd', 'x', '--base', 'main', '--patch', 'p.diff', '--json', '-', '--fail-on', 'regressive,cosmetic'])).toEqual({
      command: 'verify',
      options: { cwd: 'x', base: 'main', patch: 'p.diff' },
      json: '-',
      failOn: ['regressive', 'cosmetic'],
      debug: false,
    });
    expect(parseArgv(['verify'])).toMatchObject({ options: {}, failOn: ['regressive'] });
  });

  it.each([
    [['verify', '--fail-onn', 'x'], 'PP_USAGE: unknown option --fail-onn; run `patchprobe verify --help` for usage'],
    [['verify', '--head', 'a', '--patch', 'b'], 'PP_USAGE: --head and --patch cannot be used together; use --head REV to compare two revisions, or --patch FILE to apply a diff on --base'],
    [['verify', '--fail-on', 'regresive'], "PP_USAGE: invalid value for --fail-on: 'regresive'; expected a comma list of substantive, cosmetic, regressive, or none; did you mean 'regressive'?"],
    [['verify', '--reruns', '-1'], 'PP_USAGE: --reruns needs a value; to pass one that starts with a dash, write --reruns=VALUE; run `patchprobe verify --help` for usage'],
    [['verify', '--reruns=-1'], "PP_USAGE: --reruns takes a whole number from 0 to 20, got '-1'; run `patchprobe verify --help` for usage"],
    [['verify', '--suite-timeout', '1.5'], "PP_USAGE: --suite-timeout takes a whole number from 1 to 86400, got '1.5'; run `patchprobe verify --help` for usage"],
    [['verify', '--cwd'], 'PP_USAGE: --cwd needs a value; run `patchprobe verify --help` for usage'],
    [['verify', 'extra'], 'PP_USAGE: unexpected argument extra; run `patchprobe verify --help` for usage'],
    [['verfy'], 'PP_USAGE: unknown command \'verfy\'; the command is `patchprobe verify`'],
  ])('rejects %j with one line', (argv, message) => {
    expect(usage(argv)).toBe(message);
  });

  it('maps the static-evidence flags', () => {
    expect(parseArgv(['verify', '--scope', 'src/a.ts, src/b/**', '--typecheck-timeout', '5', '--no-typecheck'])).toMatchObject({ options: {
      scope: ['src/a.ts', 'src/b/**'],
      typecheckTimeoutMs: 5000,
      typecheck: false,
    } });
  });

  it('accepts none for --fail-on', () => {
    expect(parseFailOn('none')).toEqual([]);
  });
});

describe('docs/cli.md', () => {
  it('lists every option of the table with its description', () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/cli.md'), 'utf8');
    const cell = (t: string): string => t.replaceAll('|', '\\|');
    for (const o of VERIFY_OPTIONS) expect(doc).toContain(`| \`--${o.name}${o.value ? ` ${cell(o.value)}` : ''}\` | ${cell(o.description)} |`);
    expect(helpText('0.0.0')).toContain('Exit codes: 0 verdict not in --fail-on, 1 verdict in --fail-on, 2 usage or setup error, 130 interrupted.');
  });
});
