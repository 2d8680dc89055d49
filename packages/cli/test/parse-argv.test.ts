import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@patchprobe/test-utils';
import { runCaptured } from './run-captured.js';
import { COMMANDS, EVIDENCE_OPTIONS, GATE_OPTIONS, helpText, VERIFY_OPTIONS } from '../src/options-table.js';
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
    expect(parseArgv(['verify', '--agent', '-', '--intent', 'fix the rounding', '--json', 'r.json'])).toMatchObject({ agent: '-', intent: 'fix the rounding', json: 'r.json' });
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
    [['verify', '--sarif', 'x'], 'PP_USAGE: unknown option --sarif; run `patchprobe verify --help` for usage'],
    [['verfy'], "PP_USAGE: unknown command 'verfy'; did you mean `patchprobe verify`? the commands are verify, gate and merge"],
    [['gait'], "PP_USAGE: unknown command 'gait'; did you mean `patchprobe gate`? the commands are verify, gate and merge"],
    [['frobnicate'], "PP_USAGE: unknown command 'frobnicate'; the commands are verify, gate and merge"],
    [['--cwd', 'x'], "PP_USAGE: unknown command '--cwd'; put the command first, e.g. patchprobe verify [options]; the commands are verify, gate and merge"],
    [['help', 'gat'], "PP_USAGE: unknown command 'gat'; did you mean `patchprobe gate`? the commands are verify, gate and merge"],
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

  it('verify uses a cache only with --cache-dir', () => {
    expect(parseArgv(['verify', '--cache-dir', '.cache/pp'])).toMatchObject({ options: { cacheDir: '.cache/pp' } });
    expect(parseArgv(['verify']).command === 'verify' && 'cacheDir' in (parseArgv(['verify']) as { options: object }).options).toBe(false);
  });

  it('accepts none for --fail-on', () => {
    expect(parseFailOn('none')).toEqual([]);
  });

  it('routes --help and help to the command asked about', () => {
    expect(parseArgv([])).toEqual({ command: 'help' });
    expect(parseArgv(['gate', '--help'])).toEqual({ command: 'help', topic: 'gate' });
    expect(parseArgv(['merge', '-h'])).toEqual({ command: 'help', topic: 'merge' });
    expect(parseArgv(['help', 'verify'])).toEqual({ command: 'help', topic: 'verify' });
  });
});

describe('parseArgv gate', () => {
  it('defaults: regressive fails, annotations and cache left to the environment, no shard', () => {
    expect(parseArgv(['gate'])).toEqual({ command: 'gate', options: {}, failOn: ['regressive'], outputs: {}, noCache: false, debug: false });
  });

  it('maps every gate flag, and shares the evidence flags with verify', () => {
    const argv = [
      'gate', '--cwd', 'pkg', '--base', 'origin/main', '--head', 'HEAD~1', '--fail-on', 'regressive,cosmetic', '--json', 'r.json', '--summary', '-',
      '--annotations', '--sarif', 'r.sarif', '--html', 'r.html', '--cache-dir', '.cache/pp', '--scope', 'src/**', '--no-probes', '--no-typecheck',
      '--probe-runs', '50', '--probe-timeout', '200', '--probe-seed', '7', '--reruns', '0', '--suite-timeout', '30', '--typecheck-timeout', '9', '--keep-temp', '--debug',
    ];
    expect(parseArgv(argv)).toEqual({
      command: 'gate',
      options: { cwd: 'pkg', scope: ['src/**'], probes: false, typecheck: false, probeRuns: 50, probeTimeoutMs: 200, probeSeed: 7, reruns: 0, suiteTimeoutMs: 30_000, typecheckTimeoutMs: 9000, keepTemp: true },
      base: 'origin/main',
      head: 'HEAD~1',
      failOn: ['regressive', 'cosmetic'],
      outputs: { json: 'r.json', summary: '-', annotations: true, sarif: 'r.sarif', html: 'r.html' },
      cacheDir: '.cache/pp',
      noCache: false,
      debug: true,
    });
    // Every evidence flag verify has, gate has, with the same meaning.
    for (const o of EVIDENCE_OPTIONS) expect(GATE_OPTIONS).toContainEqual(o);
    expect(parseArgv(['gate', '--no-annotations', '--no-cache'])).toMatchObject({ outputs: { annotations: false }, noCache: true });
  });

  it('--shard: 1-based slice, the partial file named after it unless --partial', () => {
    expect(parseArgv(['gate', '--shard', '2/4'])).toMatchObject({ shard: { index: 2, count: 4 }, partial: 'patchprobe-shard-2-of-4.json' });
    expect(parseArgv(['gate', '--shard=1/1', '--partial', 'out/p1.json', '--no-annotations'])).toMatchObject({ shard: { index: 1, count: 1 }, partial: 'out/p1.json' });
  });

  it.each([
    [['gate', '--shard', '0/4'], "PP_USAGE: invalid value for --shard: '0/4'; expected I/N with 1 <= I <= N <= 1000, e.g. --shard 2/4 for the second of four slices"],
    [['gate', '--shard', '5/4'], "PP_USAGE: invalid value for --shard: '5/4'; expected I/N with 1 <= I <= N <= 1000, e.g. --shard 2/4 for the second of four slices"],
    [['gate', '--shard', '2'], "PP_USAGE: invalid value for --shard: '2'; expected I/N with 1 <= I <= N <= 1000, e.g. --shard 2/4 for the second of four slices"],
    [['gate', '--shard', '1/0'], "PP_USAGE: invalid value for --shard: '1/0'; expected I/N with 1 <= I <= N <= 1000, e.g. --shard 2/4 for the second of four slices"],
    [['gate', '--shard', ' 1/2'], "PP_USAGE: invalid value for --shard: ' 1/2'; expected I/N with 1 <= I <= N <= 1000, e.g. --shard 2/4 for the second of four slices"],
    [['gate', '--shard', '2/4', '--fail-on', 'cosmetic'], 'PP_USAGE: --fail-on cannot be used with --shard: a shard writes a partial result, not a verdict; pass --fail-on to `patchprobe merge`'],
    [['gate', '--shard', '2/4', '--sarif', 'x.sarif'], 'PP_USAGE: --sarif cannot be used with --shard: a shard writes a partial result, not a verdict; pass --sarif to `patchprobe merge`'],
    [['gate', '--shard', '2/4', '--annotations'], 'PP_USAGE: --annotations cannot be used with --shard: a shard writes a partial result, not a verdict; pass --annotations to `patchprobe merge`'],
    [['gate', '--partial', 'p.json'], 'PP_USAGE: --partial needs --shard I/N; pass --shard I/N to run one slice, or drop --partial'],
    [['gate', '--annotations', '--no-annotations'], 'PP_USAGE: --annotations and --no-annotations cannot be used together; pass one of them'],
    [['gate', '--cache-dir', 'c', '--no-cache'], 'PP_USAGE: --cache-dir and --no-cache cannot be used together; pass one of them'],
    [['gate', '--json', '-', '--summary', '-'], 'PP_USAGE: --json - and --summary - cannot both write to stdout; write one of them to a file'],
    [['verify', '--json', '-', '--summary', '-', '--agent', '-'], 'PP_USAGE: --json - and --summary - and --agent - cannot all write to stdout; write all but one of them to a file'],
    [['verify', '--intent', 'fix it'], 'PP_USAGE: --intent is used only by --agent; add --agent FILE|- to get the brief for an agent, or leave --intent out'],
    [['gate', '--sarif', '-'], 'PP_USAGE: --sarif needs a file name; write the SARIF report to a file, e.g. --sarif patchprobe.sarif'],
    [['gate', '--html', 'r.html', '--sarif', 'r.html'], 'PP_USAGE: --sarif and --html both write to r.html; give each output its own file'],
    [['gate', '--patch', 'x.diff'], 'PP_USAGE: unknown option --patch; run `patchprobe gate --help` for usage'],
    [['gate', '--base'], 'PP_USAGE: --base needs a value; run `patchprobe gate --help` for usage'],
    [['gate', '--base='], 'PP_USAGE: --base needs a value; run `patchprobe gate --help` for usage'],
    [['gate', '--cache-dir='], 'PP_USAGE: --cache-dir needs a value; run `patchprobe gate --help` for usage'],
    [['gate', '--probe-runs', '0'], "PP_USAGE: --probe-runs takes a whole number from 1 to 1000000, got '0'; run `patchprobe gate --help` for usage"],
    [['gate', '--fail-on', 'cosmetc'], "PP_USAGE: invalid value for --fail-on: 'cosmetc'; expected a comma list of substantive, cosmetic, regressive, or none; did you mean 'cosmetic'?"],
    [['gate', 'main'], 'PP_USAGE: unexpected argument main; run `patchprobe gate --help` for usage'],
  ])('rejects %j with one line', (argv, message) => {
    expect(usage(argv)).toBe(message);
  });
});

// The flags that set a VerifyOptions value, parsed as their declarations in @patchprobe/core say
// (range from the option's schema, seconds → ms): a good value, each bound, out of range, wrong type.
describe('parseArgv: the options declared in core', () => {
  const whole = (flag: string, min: number, max: number) => (raw: string): string =>
    `PP_USAGE: --${flag} takes a whole number from ${min} to ${max}, got '${raw}'; run \`patchprobe verify --help\` for usage`;
  it.each([
    ['reruns', 'reruns', 0, 20, 1],
    ['suite-timeout', 'suiteTimeoutMs', 1, 86_400, 1000],
    ['typecheck-timeout', 'typecheckTimeoutMs', 1, 3_600, 1000],
    ['probe-runs', 'probeRuns', 1, 1_000_000, 1],
    ['probe-timeout', 'probeTimeoutMs', 10, 600_000, 1],
    ['probe-seed', 'probeSeed', 0, 2 ** 31 - 1, 1],
    ['max-mutants', 'maxMutants', 1, 100_000, 1],
    ['min-mutation-score', 'minMutationScore', 0, 100, 1],
    ['mutation-timeout', 'mutationTimeoutMs', 10, 86_400, 1000],
  ] as const)('--%s → %s, %d to %d, times %d', (flag, option, min, max, scale) => {
    const message = whole(flag, min, max);
    for (const command of ['verify', 'gate'] as const) {
      expect(parseArgv([command, `--${flag}`, String(min)])).toMatchObject({ options: { [option]: min * scale } });
      expect(parseArgv([command, `--${flag}=${max}`])).toMatchObject({ options: { [option]: max * scale } });
    }
    expect(usage(['verify', `--${flag}`, String(max + 1)])).toBe(message(String(max + 1)));
    if (min > 0) expect(usage(['verify', `--${flag}`, String(min - 1)])).toBe(message(String(min - 1)));
    expect(usage(['verify', `--${flag}=-1`])).toBe(message('-1'));
    expect(usage(['verify', `--${flag}`, '2.5'])).toBe(message('2.5'));
    expect(usage(['verify', `--${flag}`, 'ten'])).toBe(message('ten'));
    expect(usage(['verify', `--${flag}=`])).toBe(`PP_USAGE: --${flag} needs a value; run \`patchprobe verify --help\` for usage`);
    expect(usage(['merge', 'a.json', `--${flag}`, '1'])).toBe(`PP_USAGE: unknown option --${flag}; run \`patchprobe merge --help\` for usage`);
  });

  it.each([
    ['no-typecheck', { typecheck: false }],
    ['no-probes', { probes: false }],
    ['no-mutation', { mutation: false }],
    ['keep-temp', { keepTemp: true }],
  ] as const)('--%s sets %j', (flag, options) => {
    expect(parseArgv(['verify', `--${flag}`])).toMatchObject({ options });
    expect(parseArgv(['gate', `--${flag}`])).toMatchObject({ options });
    expect(usage(['verify', `--${flag}=yes`])).toBe(`PP_USAGE: --${flag} has an invalid value; run \`patchprobe verify --help\` for usage`);
  });

  it.each([
    [['verify', '--scope', ' , '], 'PP_USAGE: --scope needs at least one glob; e.g. --scope "src/cart.ts,src/pricing/**"'],
    [['verify', '--no-mutation', '--max-mutants', '5'], 'PP_USAGE: --max-mutants cannot be used with --no-mutation; drop one of them'],
    [['gate', '--mutation-report', 'r', '--no-mutation'], 'PP_USAGE: --mutation-report cannot be used with --no-mutation; drop one of them'],
  ])('rejects %j with one line', (argv, message) => {
    expect(usage(argv)).toBe(message);
  });

  it('text flags go to their option as given; gate keeps --base, --head and --cache-dir for itself', () => {
    expect(parseArgv(['verify', '--mutation-report', 'r', '--cache-dir', 'c', '--head', 'h', '--base', 'b'])).toMatchObject({
      options: { mutationReportDir: 'r', cacheDir: 'c', head: 'h', base: 'b' },
    });
    expect(parseArgv(['gate', '--mutation-report', 'r', '--cache-dir', 'c', '--head', 'h', '--base', 'b'])).toEqual({
      command: 'gate',
      options: { mutationReportDir: 'r' },
      base: 'b',
      head: 'h',
      cacheDir: 'c',
      failOn: ['regressive'],
      outputs: {},
      noCache: false,
      debug: false,
    });
  });
});

describe('parseArgv merge', () => {
  it('takes the partial files and the same outputs as gate', () => {
    expect(parseArgv(['merge', 'a.json', 'b.json', '--fail-on', 'regressive,cosmetic', '--sarif', 'r.sarif', '--no-annotations'])).toEqual({
      command: 'merge',
      files: ['a.json', 'b.json'],
      failOn: ['regressive', 'cosmetic'],
      outputs: { sarif: 'r.sarif', annotations: false },
      debug: false,
    });
  });

  it.each([
    [['merge'], 'PP_USAGE: merge needs the partial result files; e.g. patchprobe merge patchprobe-shard-*.json'],
    [['merge', 'a.json', 'a.json'], "PP_USAGE: a.json is given twice; pass each shard's partial result once"],
    [['merge', 'a.json', '--shard', '1/2'], 'PP_USAGE: unknown option --shard; run `patchprobe merge --help` for usage'],
    [['merge', 'a.json', '--cwd', '.'], 'PP_USAGE: unknown option --cwd; run `patchprobe merge --help` for usage'],
    [['merge', 'a.json', '--json', '-', '--summary', '-'], 'PP_USAGE: --json - and --summary - cannot both write to stdout; write one of them to a file'],
  ])('rejects %j with one line', (argv, message) => {
    expect(usage(argv)).toBe(message);
  });
});

describe('run() on bad input: exit 2 and one line on stderr, nothing on stdout', () => {
  it.each([
    ['gate', '--shard', '9/4'],
    ['gate', '--frobnicate'],
    ['gate', '--partial', 'p.json'],
    ['merge'],
    ['merge', 'a.json', '--sarif', '-'],
    ['gait'],
  ])('%j', async (...argv) => {
    const r = await runCaptured(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^patchprobe: [^\n]+\n$/);
  });

  it('gate outside a pull request pipeline, with no --base', async () => {
    const r = await runCaptured(['gate', '--cwd', REPO_ROOT], { GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: '' });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'patchprobe: cannot tell the base: this is not a pull request or merge request pipeline (GITHUB_BASE_REF and CI_MERGE_REQUEST_TARGET_BRANCH_NAME are unset); pass --base REV, e.g. --base origin/main\n',
    });
  });

  it('help per command exits 0', async () => {
    const r = await runCaptured(['gate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  ${COMMANDS.gate.usage}\n`);
    expect(r.stdout).toContain('--shard I/N');
    expect((await runCaptured(['--help'])).stdout).toContain('Run `patchprobe <command> --help` for its options.');
  });
});

describe('docs/cli.md', () => {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/cli.md'), 'utf8');
  const cell = (t: string): string => t.replaceAll('|', '\\|');

  it.each(Object.values(COMMANDS).map((c) => [c.name, c] as const))('has the option table of %s, generated from options-table.ts', (name, spec) => {
    const start = doc.indexOf(`<!-- options:${name}:start -->`);
    const end = doc.indexOf(`<!-- options:${name}:end -->`);
    expect(start, `run node scripts/gen-cli-docs.mjs`).toBeGreaterThan(-1);
    const rows = spec.options.map((o) => `| \`--${o.name}${o.value ? ` ${cell(o.value)}` : ''}\` | ${cell(o.description)} |`);
    expect(doc.slice(start, end), 'docs/cli.md is out of date: pnpm build && node scripts/gen-cli-docs.mjs').toBe(
      [`<!-- options:${name}:start -->`, '| option | meaning |', '| --- | --- |', ...rows, ''].join('\n'),
    );
    expect(doc).toContain(spec.usage);
  });

  it('help texts end with the exit codes', () => {
    for (const topic of [undefined, 'verify', 'gate', 'merge'] as const) {
      expect(helpText('0.0.0', topic)).toContain('Exit codes: 0 verdict not in --fail-on, 1 verdict in --fail-on, 2 usage or setup error, 130 interrupted.');
    }
    expect(VERIFY_OPTIONS.map((o) => o.name)).toContain('probe-runs');
  });
});
