import { createHash } from 'node:crypto';
import { FINDING_KINDS, type Finding, type FindingKind, type MutantEntry, type Report } from '@patchprobe/core';
import { notableFindings, survivorMessage, unreportedSurvivors } from './annotations.js';

// The subset of SARIF 2.1.0 patchprobe writes; the tests validate it against the official schema.
export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifMessage {
  text: string;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
    region?: { startLine: number };
  };
  logicalLocations?: Array<{ fullyQualifiedName: string }>;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: { 'patchprobe/v1': string };
  properties?: { test?: string; symbol?: string };
}

export interface SarifRun {
  tool: { driver: { name: 'patchprobe'; version: string; informationUri: string; rules: SarifRule[] } };
  invocations: Array<{ executionSuccessful: boolean }>;
  results: SarifResult[];
  properties: { verdict: Report['verdict']; confidence: Report['confidence']; reasons: string[] };
}

export interface SarifLog {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json';
  version: '2.1.0';
  runs: [SarifRun];
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

type RuleText = { level: SarifLevel; short: string; full: string };

// One entry per finding kind (docs/verdict.md, "Finding kinds"); the level is the kind's usual
// severity, each result carries its own. Typed over every kind so a new kind cannot go undescribed.
const RULE_TEXT: Record<FindingKind, RuleText> = {
  'no-change': { level: 'note', short: 'The patch changes no file', full: 'The patch changes no file.' },
  'source-changed': { level: 'note', short: 'Source file changed', full: 'A non-test file changed beyond formatting.' },
  'source-formatting-only': { level: 'note', short: 'Formatting-only source change', full: 'A non-test file changed only in whitespace, comments or formatting.' },
  'docs-changed': { level: 'note', short: 'Documentation changed', full: 'A documentation file changed.' },
  'test-file-changed': { level: 'note', short: 'Test file changed', full: 'The patch added, edited or deleted a test file.' },
  'dependencies-changed': { level: 'warning', short: 'Dependencies changed', full: 'package.json dependencies or a lockfile changed; both versions ran with the dependencies installed now.' },
  'test-broken': { level: 'error', short: 'A passing test now fails', full: 'A test that passed before the patch fails after it.' },
  'test-disabled': { level: 'error', short: 'A passing test no longer runs', full: 'A test that passed before is skipped, todo or missing after the patch, though the patch did not edit its file.' },
  'test-removed': { level: 'warning', short: 'Passing test removed', full: 'The patch removed a test that passed before.' },
  'test-skipped': { level: 'warning', short: 'Passing test skipped', full: 'The patch skipped a test that passed before.' },
  'masked-regression': { level: 'error', short: 'Old test fails on the new code', full: 'The old version of a test the patch edited or removed fails on the new code: the edit hides a break.' },
  'suite-crashed': { level: 'error', short: 'Test suite no longer runs', full: 'vitest ran at the base but no longer starts after the patch.' },
  'test-fixed': { level: 'note', short: 'Failing test now passes', full: 'An unedited test that failed before the patch passes after it.' },
  'fail-to-pass': { level: 'note', short: 'New test demonstrates the change', full: 'A new or edited test fails on the old code and passes on the new code.' },
  'test-passes-on-old-code': { level: 'warning', short: 'New test demonstrates nothing', full: 'A new test already passes on the old code, so it does not demonstrate the change.' },
  'test-edited-to-pass': { level: 'warning', short: 'Test edited to pass', full: 'A failing test passes only because the patch edited it.' },
  'new-test-fails': { level: 'warning', short: 'New test fails', full: 'A new test (or test file) fails on the patched code.' },
  'test-outcome-changed': { level: 'note', short: 'Test outcome changed', full: 'A test outcome changed in another way (for example skipped to passing).' },
  'test-flaky': { level: 'warning', short: 'Flaky test', full: 'A test gave different outcomes on reruns of the same code; it is not counted as evidence.' },
  'unhandled-error': { level: 'warning', short: 'New unhandled error', full: 'vitest reports an unhandled error after the patch that it did not report before.' },
  'no-tests': { level: 'warning', short: 'No tests', full: 'vitest found no tests before or after the patch.' },
  'vitest-workspace-ignored': { level: 'warning', short: 'vitest.workspace file ignored', full: 'A vitest.workspace file exists, but vitest 4 and later no longer read it.' },
  'source-equivalent': { level: 'note', short: 'Equivalent source change', full: 'Every change in a code file is formatting, types-only or a consistent rename; the emitted JavaScript is equivalent.' },
  'declaration-changed': { level: 'note', short: 'Declaration changed', full: 'A touched declaration, with its change kind.' },
  'declaration-added': { level: 'note', short: 'Declaration added', full: 'The patch added a declaration.' },
  'declaration-removed': { level: 'note', short: 'Declaration removed', full: 'The patch removed a declaration.' },
  'declaration-renamed': { level: 'note', short: 'Declaration renamed', full: 'The patch renamed a declaration.' },
  'declaration-moved': { level: 'note', short: 'Declaration moved', full: 'The patch moved a declaration.' },
  'type-error': { level: 'error', short: 'New type error', full: 'The type-checker reports an error after the patch that it did not report before (an error in source files, a warning in test files).' },
  'invented-api': { level: 'error', short: 'Use of an API that does not exist', full: 'A new type error says a member, export or module the patch uses does not exist.' },
  'unknown-package': { level: 'error', short: 'Import of an unknown package', full: 'The patch imports a package that no package.json of the project declares, or that is not installed.' },
  'typecheck-skipped': { level: 'note', short: 'Type-check skipped', full: 'The type-check delta did not run; the message says why.' },
  'tamper-test-removed': { level: 'warning', short: 'Test removed from a test file', full: 'An edit of a test file removed a test.' },
  'tamper-test-disabled': { level: 'warning', short: 'Test disabled', full: 'An edit of a test file added .skip, .todo, .fails, skipIf, runIf or .only.' },
  'tamper-only-added': { level: 'warning', short: '.only added', full: 'An edit of a test file added .only, so the other tests stop running.' },
  'tamper-assertions-reduced': { level: 'warning', short: 'Fewer assertions', full: 'An edit of a test file removed assertions.' },
  'tamper-expected-changed': { level: 'warning', short: 'Expected value changed', full: 'An edit of a test file changed an expected value; confirm the specification changed, not just the test.' },
  'tamper-matcher-loosened': { level: 'warning', short: 'Matcher loosened', full: 'An edit of a test file replaced a matcher with a looser one.' },
  'tamper-snapshot-rewritten': { level: 'warning', short: 'Snapshot rewritten', full: 'An edit rewrote a snapshot the tests compare against.' },
  'tamper-mock-missing': { level: 'warning', short: 'Mock of a missing module', full: 'A test mocks a module that does not exist.' },
  'blast-radius': { level: 'note', short: 'Callers of a changed declaration', full: 'The callers of a semantically changed declaration up to 3 levels, and the test files that reach them.' },
  'unrelated-change': { level: 'warning', short: 'Behaviour change outside the scope', full: 'The patch changes behaviour outside the files given with --scope.' },
  'change-spread': { level: 'note', short: 'Declarations whose behaviour changed', full: 'The declarations whose behaviour the patch changes, when no --scope is given.' },
  'stage-failed': { level: 'warning', short: 'Analysis stage failed', full: 'A part of the analysis threw; the verdict uses the other evidence.' },
  'probe-diverged': { level: 'note', short: 'Function answers differently', full: 'Property probes called the old and new versions on the same input and they gave different results; the message has the call and both outcomes.' },
  'probe-crash': { level: 'error', short: 'Function now crashes', full: 'The new version throws an accidental error or never returns on an input where the old version returned.' },
  'probe-degenerate': { level: 'error', short: 'Function returns a degenerate value', full: 'The new version returns NaN, an Invalid Date or a string with "NaN", "undefined", "null" or "[object Object]" where the old version returned a proper value.' },
  'probe-new-validation': { level: 'warning', short: 'Function now rejects an input', full: 'The new version throws where the old one returned, and the patch added a throw: deliberate validation.' },
  'probe-returns-undefined': { level: 'warning', short: 'Function returns undefined', full: 'The new version returns undefined where the old version returned a value.' },
  'probe-argument-mutated': { level: 'warning', short: 'Arguments left in a different state', full: 'Both versions return the same result but leave the arguments in different states.' },
  'probe-equivalent': { level: 'note', short: 'No difference found', full: 'Property probes found no difference between the old and new versions on the inputs they tried.' },
  'probe-nondeterministic': { level: 'warning', short: 'Nondeterministic function', full: 'A version gives different results for the same input (clock, randomness, I/O); its differences are not counted.' },
  'probe-inconclusive': { level: 'warning', short: 'Function could not be probed', full: 'A changed function could not be probed; the message says why.' },
  'mutation-score': { level: 'note', short: 'Mutation score of a touched declaration', full: 'How many mutants of a touched declaration the tests kill, how many survive or are reached by no test, and the score.' },
  'mutation-survivor': { level: 'note', short: 'Surviving mutant', full: 'A mutant of the touched code that no test caught (it survived, or no test reached it): the tests do not pin this behaviour.' },
  'untested-change': { level: 'warning', short: 'Changed code the tests do not pin', full: 'A touched declaration whose mutation score is below --min-mutation-score: the tests would pass whatever these lines did.' },
  'tests-weakened': { level: 'error', short: 'Tests weakened', full: 'The patch edited the tests, and the mutation score of a declaration it touched dropped by 20 points or more: the old tests killed its mutants, the new ones do not.' },
  'mutation-skipped': { level: 'warning', short: 'Mutation probes did not run', full: 'The mutation probes could not run on a side (the suite crashed, no test file passed, the initial run was not green, or the time budget ran out); the message says why.' },
  'cache-ignored': { level: 'note', short: 'Baseline cache ignored', full: 'A cached baseline could not be used; the base was run again.' },
  'missing-evidence': { level: 'warning', short: 'Missing evidence', full: 'Code changed but no test outcome changed, and the probes did not settle every changed function; names the evidence that would settle it.' },
};

/** What one result is about, before it gets its rule index and fingerprint. */
interface Draft {
  kind: FindingKind;
  level: SarifLevel;
  text: string;
  file?: string;
  line?: number;
  symbol?: string;
  test?: string;
}

/**
 * The report as a SARIF 2.1.0 log for GitHub code scanning: every error and warning finding, the
 * notable infos as notes, and the surviving mutants no finding reports. Rule ids are
 * `patchprobe/<finding kind>` and never change; fingerprints ignore line numbers, so an alert
 * survives code moving above it.
 */
export function renderSarif(report: Report): SarifLog {
  const drafts: Draft[] = [
    ...notableFindings(report).map(fromFinding),
    ...unreportedSurvivors(report).map(fromMutant),
  ];
  // Rules in FINDING_KINDS order, so a rule's index depends only on which kinds occur.
  const kinds = FINDING_KINDS.filter((k) => drafts.some((d) => d.kind === k));
  const rules = kinds.map(rule);
  const seen = new Map<string, number>();
  const results = drafts.map((d): SarifResult => {
    const hash = fingerprint(d);
    // Identical results (same test in two findings of a kind) still need distinct fingerprints.
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    const result: SarifResult = {
      ruleId: `patchprobe/${d.kind}`,
      ruleIndex: kinds.indexOf(d.kind),
      level: d.level,
      message: { text: sarifText(d.text) },
      locations: [location(report, d)],
      partialFingerprints: { 'patchprobe/v1': `${hash}:${n}` },
    };
    if (d.test || d.symbol) result.properties = { ...(d.test ? { test: d.test } : {}), ...(d.symbol ? { symbol: d.symbol } : {}) };
    return result;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'patchprobe', version: report.tool.version, informationUri: 'https://patchprobe.dev', rules } },
        invocations: [{ executionSuccessful: true }],
        results,
        properties: { verdict: report.verdict, confidence: report.confidence, reasons: report.reasons },
      },
    ],
  };
}

function fromFinding(f: Finding): Draft {
  return { kind: f.kind, level: LEVEL[f.severity], text: f.message, file: f.file, line: f.line, symbol: f.symbol, test: f.test };
}

function fromMutant(m: MutantEntry): Draft {
  return { kind: 'mutation-survivor', level: 'note', text: survivorMessage(m), file: m.file, line: m.line, symbol: m.symbol };
}

function rule(kind: FindingKind): SarifRule {
  const { level, short, full } = RULE_TEXT[kind];
  return {
    id: `patchprobe/${kind}`,
    name: kind.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: short },
    fullDescription: { text: full },
    help: { text: full },
    defaultConfiguration: { level },
  };
}

/**
 * Stable across runs of the same problem: the kind, where (file, declaration, test) and the message
 * with every number blanked, since line numbers, seeds and counts in a message shift between runs.
 */
export function fingerprint(d: Pick<Draft, 'kind' | 'file' | 'symbol' | 'test' | 'text'>): string {
  const parts = [d.kind, d.file ?? '', d.symbol ?? '', d.test ?? '', d.text.replace(/\d+/g, '#')];
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

function location(report: Report, d: Draft): SarifLocation {
  // GitHub rejects a result without a file ("expected at least one location"); a finding about the
  // whole project points at the project's package.json.
  const file = d.file ?? (report.subject.project ? `${report.subject.project}/package.json` : 'package.json');
  const loc: SarifLocation = { physicalLocation: { artifactLocation: { uri: fileUri(file), uriBaseId: '%SRCROOT%' } } };
  if (d.file && d.line !== undefined && d.line >= 1) loc.physicalLocation.region = { startLine: d.line };
  if (d.symbol) loc.logicalLocations = [{ fullyQualifiedName: d.symbol }];
  return loc;
}

/** A repository-relative path as a URI reference: each segment percent-encoded ("a b#c.ts" → "a%20b%23c.ts"). */
export function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** SARIF §3.11.5: literal braces in a message are doubled, or a viewer reads "{0}" as a placeholder. */
const sarifText = (s: string): string => s.replace(/[{}]/g, (c) => c + c);
