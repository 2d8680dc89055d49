import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { FINDING_KINDS, type Report } from '@patchprobe/core';
import { expectValidReport } from '@patchprobe/test-utils';
import { fileUri, fingerprint, renderSarif, type SarifLog } from '../../src/render/sarif.js';
import { hugeReport, loadReport, REAL_REPORTS, reportWithMutation } from '../fixtures/reports/index.js';

/**
 * The official SARIF 2.1.0 schema (rtm.5, the released one) as @microsoft/jest-sarif ships it. It
 * is draft-04, which ajv 8 no longer reads; its only draft-04-only keyword is the root `id` (no
 * boolean exclusiveMinimum/Maximum), so renaming that to `$id` gives the same constraints.
 * Its patterns are plain ECMAScript regexes (one is invalid with the `u` flag), and ajv 8 ships no
 * formats, so the three it uses are checked here against RFC 3986's character set.
 */
function sarifValidator(): ValidateFunction {
  const { id, $schema: _draft04, ...schema } = createRequire(import.meta.url)('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as { id: string; $schema: string };
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const uriChars = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
  ajv.addFormat('uri', (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && uriChars.test(s));
  ajv.addFormat('uri-reference', (s: string) => uriChars.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
  return ajv.compile({ ...schema, $id: id });
}

const validate = sarifValidator();
const expectValidSarif = (log: unknown): void => {
  if (!validate(log)) throw new Error(`not valid SARIF 2.1.0: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
};
const run = (log: SarifLog) => log.runs[0];

describe(renderSarif.name, () => {
  it('the validator rejects what the official schema rejects', () => {
    const log = renderSarif(loadReport('masked-regression'));
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const badLevel = structuredClone(log);
    (run(badLevel).results[0] as { level: string }).level = 'fatal';
    expect(validate(badLevel)).toBe(false);
    const badUri = structuredClone(log);
    run(badUri).results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'src/a b.ts';
    expect(validate(badUri)).toBe(false);
  });

  it.each(REAL_REPORTS)('writes valid SARIF 2.1.0 for the real %s report', (name) => {
    const report = loadReport(name);
    expectValidReport(report);
    const log = renderSarif(report);
    expectValidSarif(log);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run(log).tool.driver).toMatchObject({ name: 'patchprobe', version: report.tool.version, informationUri: 'https://patchprobe.dev' });
    expect(run(log).invocations).toEqual([{ executionSuccessful: true }]);
    expect(run(log).properties).toEqual({ verdict: report.verdict, confidence: report.confidence, reasons: report.reasons });
  });

  it('writes valid SARIF for a report with mutants and for a huge one', () => {
    const report = reportWithMutation();
    expectValidReport(report);
    expectValidSarif(renderSarif(report));
    expectValidSarif(renderSarif(hugeReport(300)));
  });

  it('reports errors and warnings, notable infos as notes, and nothing else', () => {
    const log = renderSarif(loadReport('masked-regression'));
    expect(run(log).results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region?.startLine])).toEqual([
      ['patchprobe/masked-regression', 'error', 9],
      ['patchprobe/tamper-expected-changed', 'warning', 10],
      ['patchprobe/fail-to-pass', 'note', 9],
      ['patchprobe/probe-diverged', 'note', 11],
      ['patchprobe/mutation-survivor', 'note', 12],
      ['patchprobe/mutation-survivor', 'note', 13],
    ]);
    expect(run(log).results[0]).toMatchObject({
      message: { text: loadReport('masked-regression').findings[0]!.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'test/shipping.test.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 9 } } }],
      properties: { test: 'test/shipping.test.ts > tierPrice > prices a 5 kg parcel' },
    });
  });

  it('has one rule per kind that occurs, with a stable id, and every result points at its rule', () => {
    const log = renderSarif(reportWithMutation());
    const rules = run(log).tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(['patchprobe/fail-to-pass', 'patchprobe/probe-diverged', 'patchprobe/mutation-survivor', 'patchprobe/untested-change']);
    for (const r of run(log).results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const full = 'A touched declaration whose mutation score is below --min-mutation-score: the tests would pass whatever these lines did.';
    expect(rules[3]).toEqual({
      id: 'patchprobe/untested-change',
      name: 'UntestedChange',
      shortDescription: { text: 'Changed code the tests do not pin' },
      fullDescription: { text: full },
      help: { text: full },
      defaultConfiguration: { level: 'warning' },
    });
  });

  it('describes every finding kind, so any kind makes a valid rule', () => {
    const findings = FINDING_KINDS.map((kind) => ({ kind, severity: 'warning' as const, message: `a ${kind}`, file: 'src/a.ts', line: 1 }));
    const log = renderSarif({ ...loadReport('probe-edge-regression'), findings });
    expectValidSarif(log);
    expect(run(log).tool.driver.rules.map((r) => r.id)).toEqual(FINDING_KINDS.map((k) => `patchprobe/${k}`));
    for (const r of run(log).tool.driver.rules) expect(r.shortDescription.text.length).toBeGreaterThan(5);
  });

  it('adds the surviving mutants no finding reports, on their lines', () => {
    const results = run(renderSarif(reportWithMutation())).results.filter((r) => r.ruleId === 'patchprobe/mutation-survivor');
    // Line 14 is the finding; 15 and 16 come from report.mutation and replace the stage's "2 more" finding;
    // killed, timed-out, errored and before-side mutants do not count.
    expect(results.map((r) => [r.level, r.locations[0]!.physicalLocation.region?.startLine, r.locations[0]!.logicalLocations])).toEqual([
      ['note', 14, [{ fullyQualifiedName: 'src/coupon.ts#couponDiscount' }]],
      ['note', 15, [{ fullyQualifiedName: 'src/coupon.ts#couponDiscount' }]],
      ['note', 16, [{ fullyQualifiedName: 'src/coupon.ts#couponDiscount' }]],
    ]);
    expect(results.slice(1).map((r) => r.message.text)).toEqual([
      '`src/coupon.ts:15` `(subtotal * percent) / 100` → `(subtotal * percent) * 100` survived',
      '`src/coupon.ts:16` `return 0;` → `` is reached by no test',
    ]);
  });

  it('reports each of the real mutation-tests-weakened survivors once, and the error first', () => {
    const results = run(renderSarif(loadReport('mutation-tests-weakened'))).results;
    expect(results[0]).toMatchObject({ ruleId: 'patchprobe/tests-weakened', level: 'error' });
    expect(results.filter((r) => r.ruleId === 'patchprobe/mutation-survivor').map((r) => r.locations[0]!.physicalLocation.region?.startLine)).toEqual([3, 3, 4, 4, 4, 4, 5, 5]);
  });

  it('points a finding without a file at the project package.json, without a region', () => {
    const report: Report = { ...loadReport('probe-edge-regression'), findings: [{ kind: 'suite-crashed', severity: 'error', message: 'vitest no longer starts' }] };
    expect(run(renderSarif(report)).results[0]!.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'package.json', uriBaseId: '%SRCROOT%' } } }]);
    report.subject.project = 'packages/app';
    expect(run(renderSarif(report)).results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('packages/app/package.json');
  });

  it('encodes paths as URI references and doubles braces in messages (SARIF §3.11.5)', () => {
    const report: Report = {
      ...loadReport('probe-edge-regression'),
      findings: [{ kind: 'test-broken', severity: 'error', file: 'src/my dir/a#b%c.ts', line: 3, message: 'f({"a":1}) returns {}' }],
    };
    const log = renderSarif(report);
    expectValidSarif(log);
    expect(run(log).results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('src/my%20dir/a%23b%25c.ts');
    expect(run(log).results[0]!.message.text).toBe('f({{"a":1}}) returns {{}}');
    expect(fileUri('src/ünï.ts')).toBe('src/%C3%BCn%C3%AF.ts');
  });
});

describe(fingerprint.name, () => {
  const base = { kind: 'test-broken' as const, file: 'src/a.ts', symbol: 'src/a.ts#f', test: 'test/a.test.ts > f > works', text: 'f(5) returns 7 (src/a.ts:12), seed 123' };

  it('is a sha256 in hex', () => {
    expect(fingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['a line number in the message', { text: 'f(5) returns 7 (src/a.ts:19), seed 123' }],
    ['a seed', { text: 'f(5) returns 7 (src/a.ts:12), seed 98765' }],
  ])('ignores %s', (_, change) => {
    expect(fingerprint({ ...base, ...change })).toBe(fingerprint(base));
  });

  it.each([
    ['kind', { kind: 'masked-regression' as const }],
    ['file', { file: 'src/b.ts' }],
    ['symbol', { symbol: 'src/a.ts#g' }],
    ['test', { test: 'test/a.test.ts > f > other' }],
    ['message words', { text: 'g(5) returns 7 (src/a.ts:12), seed 123' }],
  ])('changes with the %s', (_, change) => {
    expect(fingerprint({ ...base, ...change })).not.toBe(fingerprint(base));
  });

  it('keeps results matched when the code above them moves', () => {
    const report = loadReport('masked-regression');
    const moved = structuredClone(report);
    for (const m of moved.mutation!.mutants) m.line += 7;
    for (const f of moved.findings) {
      if (f.line) f.line += 7;
      // A rerun on moved code: other line numbers, and the probes draw another seed.
      f.message = f.message.replace(/:(\d+)([)`])/g, (_, n: string, end: string) => `:${Number(n) + 7}${end}`).replace(/seed \d+/, 'seed 42');
    }
    const prints = (r: Report) => run(renderSarif(r)).results.map((x) => x.partialFingerprints['patchprobe/v1']);
    expect(prints(moved)).toEqual(prints(report));
    expect(new Set(prints(report)).size).toBe(prints(report).length);
  });

  it('numbers identical results so each keeps its own fingerprint', () => {
    const f = { kind: 'test-removed' as const, severity: 'warning' as const, file: 'test/a.test.ts', message: 'test removed' };
    const prints = run(renderSarif({ ...loadReport('probe-edge-regression'), findings: [f, f] })).results.map((r) => r.partialFingerprints['patchprobe/v1']);
    expect(prints[0]).toMatch(/^[0-9a-f]{64}:1$/);
    expect(prints[1]).toBe(prints[0]!.replace(/:1$/, ':2'));
  });
});
