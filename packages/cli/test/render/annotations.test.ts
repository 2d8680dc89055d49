import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '@patchprobe/core';
import { expectValidReport } from '@patchprobe/test-utils';
import { formatAnnotation, selectAnnotations, type Annotation } from '../../src/render/annotations.js';
import { loadReport, reportWithMutation } from '../fixtures/reports/index.js';

const finding = (severity: Finding['severity'], i: number, kind: Finding['kind'] = severity === 'error' ? 'test-broken' : severity === 'warning' ? 'test-removed' : 'fail-to-pass'): Finding => ({
  kind,
  severity,
  file: 'test/a.test.ts',
  line: i + 1,
  message: `${severity} ${i}`,
});
const withFindings = (findings: Finding[]): Report => ({ ...loadReport('probe-edge-regression'), findings });

describe(formatAnnotation.name, () => {
  it.each<[string, Annotation, string]>([
    ['file, line and title', { level: 'error', file: 'src/a.ts', line: 3, title: 'patchprobe', message: 'broke' }, '::error file=src/a.ts,line=3,title=patchprobe::broke'],
    ['a line range', { level: 'warning', file: 'src/a.ts', line: 3, endLine: 9, title: 't', message: 'm' }, '::warning file=src/a.ts,line=3,endLine=9,title=t::m'],
    ['no file', { level: 'notice', title: 't', message: 'm' }, '::notice title=t::m'],
    ['a line without a file (dropped: GitHub needs the file)', { level: 'notice', line: 4, endLine: 5, title: 't', message: 'm' }, '::notice title=t::m'],
    [
      'escaped data: % CR LF',
      { level: 'error', file: 'a.ts', line: 1, title: 't', message: '100% broken\r\nsecond line\nthird: a, b' },
      '::error file=a.ts,line=1,title=t::100%25 broken%0D%0Asecond line%0Athird: a, b',
    ],
    [
      'escaped properties: also : and ,',
      { level: 'warning', file: 'src/a,b:c%.ts', line: 2, title: 'patchprobe: x, y\nz', message: 'm' },
      '::warning file=src/a%2Cb%3Ac%25.ts,line=2,title=patchprobe%3A x%2C y%0Az::m',
    ],
  ])('writes %s', (_, annotation, expected) => {
    expect(formatAnnotation(annotation)).toBe(expected);
  });

  it('cannot be ended early by a message: one command per line', () => {
    const line = formatAnnotation({ level: 'error', title: 't', message: 'a\n::error::injected' });
    expect(line.split('\n')).toHaveLength(1);
  });
});

describe(selectAnnotations.name, () => {
  it('annotates the real masked-regression report: the error, the warning and the notable infos', () => {
    const report = loadReport('masked-regression');
    expectValidReport(report);
    const { annotations, dropped } = selectAnnotations(report);
    expect(dropped).toBe(0);
    expect(annotations.map(({ message, ...a }) => ({ ...a, message: message.slice(0, 40) }))).toEqual([
      { level: 'error', file: 'test/shipping.test.ts', line: 9, title: 'patchprobe: masked-regression', message: 'the old version of "test/shipping.test.t' },
      { level: 'warning', file: 'test/shipping.test.ts', line: 10, title: 'patchprobe: tamper-expected-changed', message: 'expected value changed for `expect(tierP' },
      { level: 'notice', file: 'test/shipping.test.ts', line: 9, title: 'patchprobe: fail-to-pass', message: '"test/shipping.test.ts > tierPrice > pri' },
      // probe-diverged is about a declaration: the annotation spans it.
      { level: 'notice', file: 'src/shipping.ts', line: 11, endLine: 15, title: 'patchprobe: probe-diverged', message: '`tierPrice(5)`: before returns 7.5, afte' },
      { level: 'notice', file: 'src/shipping.ts', line: 12, title: 'patchprobe: mutation-survivor', message: "`src/shipping.ts:12` `'weight must be po" },
      { level: 'notice', file: 'src/shipping.ts', line: 13, title: 'patchprobe: mutation-survivor', message: '`src/shipping.ts:13` `weightKg > MAX_WEI' },
    ]);
  });

  it('leaves out infos a reviewer does not act on', () => {
    const { annotations } = selectAnnotations(loadReport('formatting-only'));
    expect(annotations).toEqual([]);
  });

  it('orders by severity, keeping the order of report.findings within a level', () => {
    const findings = [finding('info', 0), finding('warning', 1), finding('error', 2), finding('warning', 3), finding('error', 4)];
    expect(selectAnnotations(withFindings(findings)).annotations.map((a) => a.message)).toEqual(['error 2', 'error 4', 'warning 1', 'warning 3', 'info 0']);
  });

  it('puts a test edited to pass first, and spec-changed after the errors (findingRank)', () => {
    const findings = [finding('warning', 0), finding('error', 1), finding('warning', 2, 'spec-changed'), finding('warning', 3, 'test-edited-to-pass'), finding('info', 4)];
    expect(selectAnnotations(withFindings(findings)).annotations.map((a) => a.message)).toEqual(['warning 3', 'error 1', 'warning 2', 'warning 0', 'info 4']);
  });

  it('keeps at most 10 per level and counts what it cut', () => {
    const findings = [
      ...Array.from({ length: 15 }, (_, i) => finding('error', i)),
      ...Array.from({ length: 12 }, (_, i) => finding('warning', i)),
      ...Array.from({ length: 3 }, (_, i) => finding('info', i)),
      ...Array.from({ length: 4 }, (_, i) => finding('info', i, 'blast-radius')),
    ];
    const { annotations, dropped } = selectAnnotations(withFindings(findings));
    const count = (level: Annotation['level']): number => annotations.filter((a) => a.level === level).length;
    expect([count('error'), count('warning'), count('notice'), dropped]).toEqual([10, 10, 3, 7]);
    // The first ten of each level are the ones kept.
    expect(annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual(Array.from({ length: 10 }, (_, i) => `error ${i}`));
    expect(selectAnnotations(withFindings(findings), { perLevel: 2 })).toMatchObject({ dropped: 30 - 6 });
  });

  it('keeps 10 of the 12 warnings of the real mutation-tests-weakened report, in findings order', () => {
    const report = loadReport('mutation-tests-weakened');
    expectValidReport(report);
    const { annotations, dropped } = selectAnnotations(report);
    expect(annotations.map((a) => `${a.level} ${a.title.slice('patchprobe: '.length)} ${a.line}`)).toEqual([
      'error tests-weakened 2',
      ...Array.from({ length: 5 }, (_, i) => `warning test-removed ${i < 4 ? 4 : 11}`),
      'warning test-passes-on-old-code 5',
      ...[5, 10, 16, 21].map((line) => `warning tamper-test-removed ${line}`),
      // The eight surviving mutants, each its own finding.
      ...[3, 3, 4, 4, 4, 4, 5, 5].map((line) => `notice mutation-survivor ${line}`),
    ]);
    expect(dropped).toBe(2);
  });

  it('adds the surviving mutants no finding reports, as notices after the findings', () => {
    const report = reportWithMutation();
    expectValidReport(report);
    const { annotations, dropped } = selectAnnotations(report);
    // The stage reported line 14 and summed up the rest in a "2 more" finding, which gives way to them.
    expect(annotations.map((a) => [a.level, a.title, a.file, a.line])).toEqual([
      ['warning', 'patchprobe: untested-change', 'src/coupon.ts', 12],
      ['notice', 'patchprobe: fail-to-pass', 'test/cart.test.ts', 44],
      ['notice', 'patchprobe: probe-diverged', 'src/coupon.ts', 12],
      ['notice', 'patchprobe: mutation-survivor', 'src/coupon.ts', 14],
      ['notice', 'patchprobe: mutation-survivor', 'src/coupon.ts', 15],
      ['notice', 'patchprobe: mutation-survivor', 'src/coupon.ts', 16],
    ]);
    expect(dropped).toBe(0);
    expect(annotations.slice(-2).map((a) => a.message)).toEqual([
      '`src/coupon.ts:15` `(subtotal * percent) / 100` → `(subtotal * percent) * 100` survived',
      '`src/coupon.ts:16` `return 0;` → `` is reached by no test',
    ]);
  });

  it('counts a line\'s survivor findings against its mutants in report order', () => {
    const report = loadReport('mutation-tests-weakened');
    // Two mutants survive on line 5; with only the first reported, the second comes from report.mutation
    // (keyed by line alone, it would count as reported and go missing).
    report.findings = report.findings.filter((f) => !(f.kind === 'mutation-survivor' && f.message.includes('100 <= value')));
    const notices = selectAnnotations(report, { perLevel: 20 }).annotations.filter((a) => a.level === 'notice');
    expect(notices.map((a) => a.message)).toEqual([
      '`src/percent.ts:3` `Number.isNaN(value)` → `true` survived',
      '`src/percent.ts:3` `Number.isNaN(value)` → `false` survived',
      '`src/percent.ts:4` `0 > value` → `true` survived',
      '`src/percent.ts:4` `0 > value` → `false` survived',
      '`src/percent.ts:4` `0 > value` → `0 >= value` survived',
      '`src/percent.ts:4` `0 > value` → `0 <= value` survived',
      '`src/percent.ts:5` `100 < value` → `true` survived',
      '`src/percent.ts:5` `100 < value` → `100 <= value` survived',
    ]);
  });

  it('lets findings go before surviving mutants under the cap', () => {
    const report = reportWithMutation();
    report.findings.push(...Array.from({ length: 7 }, (_, i) => finding('info', i)));
    const { annotations, dropped } = selectAnnotations(report);
    const notices = annotations.filter((a) => a.level === 'notice');
    expect(notices).toHaveLength(10);
    expect(notices.at(-1)!.message).toBe('info 6');
    expect(dropped).toBe(2);
  });

  it('annotates a finding without a file on the run', () => {
    const { annotations } = selectAnnotations(withFindings([{ kind: 'suite-crashed', severity: 'error', message: 'vitest no longer starts' }]));
    expect(annotations).toEqual([{ level: 'error', title: 'patchprobe: suite-crashed', message: 'vitest no longer starts' }]);
  });
});
