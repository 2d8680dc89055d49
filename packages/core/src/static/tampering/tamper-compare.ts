import type { Finding, FindingKind } from '../../verdict/finding.js';
import { canon, lineOf, short } from './syntax-text.js';
import { degenerateInExpression, newDegenerate } from './degenerate-value.js';
import { collectAssertions, compareAssertions, enclosedExpected, type Assertion } from './test-assertions.js';
import { earlyExit, effectiveModifiers, type ParsedTestFile, type TestEntry } from './test-ast.js';

/** vitest's default testTimeout, for a timeout set where there was none. */
export const DEFAULT_TIMEOUT_MS = 5000;
const DISABLING = ['skip', 'todo', 'fails', 'skipIf', 'runIf'];

type Pair = { b: TestEntry; a: TestEntry; how: 'same' | 'renamed' | 'moved' };

/** A modifier's label on the entry or the describe it comes from. */
function effectiveLabel(entry: TestEntry, modifier: string): string {
  for (let e: TestEntry | undefined = entry; e; e = e.parent) if (e.labels[modifier]) return e.labels[modifier];
  return modifier;
}

export const display = (file: string, e: TestEntry): string => [file, ...e.name].join(' > ');
export const isTodo = (e: TestEntry): boolean => e.modifiers.includes('todo') || (e.kind === 'test' && !e.hasBody);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function removedFinding(file: string, t: TestEntry, why: string): Finding {
  return { kind: 'tamper-test-removed', severity: 'warning', file, line: t.line, test: display(file, t), message: `test removed (${why}); restore it or say why it no longer applies` };
}

/** Pairs of equal key, each key unique on both sides. */
function uniquePairs<T>(left: readonly T[], right: readonly T[], key: (x: T) => string | undefined): [T, T][] {
  const index = (xs: readonly T[]): Map<string, T | null> => {
    const m = new Map<string, T | null>();
    for (const x of xs) {
      const k = key(x);
      if (k !== undefined) m.set(k, m.has(k) ? null : x);
    }
    return m;
  };
  const r = index(right);
  const out: [T, T][] = [];
  for (const [k, l] of index(left)) {
    const match = r.get(k);
    if (l && match) out.push([l, match]);
  }
  return out;
}

/** The tamper findings of one edited test file: tests paired across the two versions, then each pair compared. */
export class FileComparison {
  private readonly findings: Finding[] = [];
  private readonly pairs: Pair[] = [];
  private readonly pairedB = new Set<TestEntry>();
  private readonly pairedA = new Set<TestEntry>();
  private readonly bodies = new Map<TestEntry, string | undefined>();
  private readonly beforeEntries: ReadonlySet<TestEntry>;

  private readonly beforeFile: string;
  private readonly file: string;
  private readonly before: ParsedTestFile;
  private readonly after: ParsedTestFile;

  constructor(beforeFile: string, file: string, before: ParsedTestFile, after: ParsedTestFile) {
    this.beforeFile = beforeFile;
    this.file = file;
    this.before = before;
    this.after = after;
    this.beforeEntries = new Set(before.entries);
  }

  run(): Finding[] {
    this.matchLevel(this.before.roots, this.after.roots);
    // Tests that moved to another describe (or whose describe was renamed and edited): same body, else same title.
    const lostB = this.before.entries.filter((e) => e.kind === 'test' && !this.pairedB.has(e));
    const newA = this.after.entries.filter((e) => e.kind === 'test' && !this.pairedA.has(e));
    for (const [b, a] of uniquePairs(lostB, newA, (e) => this.body(e))) this.pair(b, a, 'moved');
    const lostB2 = lostB.filter((e) => !this.pairedB.has(e));
    const newA2 = newA.filter((e) => !this.pairedA.has(e));
    // By title only when a describe around it was added, removed or renamed: a test deleted here and another added there stay apart.
    const regrouped = (e: TestEntry, paired: Set<TestEntry>): boolean => e.parent !== undefined && !paired.has(e.parent);
    for (const [b, a] of uniquePairs(lostB2, newA2, (e) => e.title)) if (regrouped(b, this.pairedB) || regrouped(a, this.pairedA)) this.pair(b, a, 'moved');
    for (const p of this.pairs) this.compare(p);
    for (const t of lostB2) if (!this.pairedB.has(t) && !isTodo(t)) this.findings.push(removedFinding(this.beforeFile, t, 'absent after the patch'));
    return this.findings.sort((x, y) => (x.line ?? 0) - (y.line ?? 0));
  }

  private body(e: TestEntry): string | undefined {
    if (!this.bodies.has(e)) {
      const sf = this.beforeEntries.has(e) ? this.before.sf : this.after.sf;
      this.bodies.set(e, e.fn ? `${e.kind}\u0000${canon(e.fn, sf)}` : undefined);
    }
    return this.bodies.get(e);
  }

  private pair(b: TestEntry, a: TestEntry, how: Pair['how']): void {
    this.pairs.push({ b, a, how });
    this.pairedB.add(b);
    this.pairedA.add(a);
  }

  /** Same kind and title within matched parents; then renames: the one sibling with the identical body. */
  private matchLevel(bs: readonly TestEntry[], as: readonly TestEntry[]): void {
    const key = (e: TestEntry): string => `${e.kind}\u0000${e.path.at(-1) ?? ''}`;
    // Unchanged entries first, so a test inserted before another of the same title does not shift the pairing.
    const found: Pair[] = uniquePairs(bs, as, (e) => `${e.kind}\u0000${e.title}\u0000${this.body(e) ?? ''}`).map(([b, a]) => ({ b, a, how: 'same' }));
    const byKey = new Map(as.filter((a) => !found.some((p) => p.a === a)).map((a) => [key(a), a]));
    const leftB: TestEntry[] = [];
    for (const b of bs) {
      if (found.some((p) => p.b === b)) continue;
      const a = byKey.get(key(b));
      if (a) {
        found.push({ b, a, how: 'same' });
        byKey.delete(key(b));
      } else leftB.push(b);
    }
    const leftA = as.filter((a) => !found.some((p) => p.a === a));
    for (const [b, a] of uniquePairs(leftB, leftA, (e) => this.body(e))) found.push({ b, a, how: 'renamed' });
    for (const p of found) {
      this.pair(p.b, p.a, p.how);
      if (p.b.kind === 'describe') this.matchLevel(p.b.children, p.a.children);
    }
  }

  private add(kind: FindingKind, a: TestEntry, line: number, message: string): void {
    this.findings.push({ kind, severity: 'warning', file: this.file, line, test: display(this.file, a), message });
  }

  private compare({ b, a, how }: Pair): void {
    const what = a.kind === 'test' ? 'test' : 'describe block';
    const modsB = how === 'moved' ? effectiveModifiers(b) : b.modifiers;
    const modsA = how === 'moved' ? effectiveModifiers(a) : a.modifiers;
    const name = (m: string): string => m.replace(/\(.*$/s, '');
    const label = (m: string, e: TestEntry): string => effectiveLabel(e, m);
    // A test that never ran before (skipped or todo, here or in a describe around it) cannot be disabled further.
    const wasOff = effectiveModifiers(b).some((m) => m === 'skip' || m === 'todo');
    for (const m of modsA.filter((m) => !modsB.includes(m))) {
      if (m === 'only') this.add('tamper-only-added', a, a.line, `\`.only\` added to this ${what}: every test outside it stops running in this file`);
      else if (DISABLING.includes(name(m)) && !wasOff) {
        const was = modsB.find((x) => name(x) === name(m));
        const message = was ? `condition of \`.${label(was, b)}\` changed to \`.${label(m, a)}\`` : `\`.${label(m, a)}\` added`;
        this.add('tamper-test-disabled', a, a.line, `${message}: this ${what} may no longer run; say why it is disabled or fix it`);
      }
    }
    if (a.kind === 'test' && b.hasBody && !a.hasBody && !modsA.includes('todo') && !wasOff) this.add('tamper-test-disabled', a, a.line, 'test body removed: vitest now reports it as todo');
    if (a.timeout !== undefined && a.timeout > (b.timeout ?? DEFAULT_TIMEOUT_MS)) {
      this.add('tamper-matcher-loosened', a, a.line, `${what} timeout raised from ${b.timeout ?? `the default ${DEFAULT_TIMEOUT_MS}`} to ${a.timeout} ms`);
    }
    if ((a.retry ?? 0) > (b.retry ?? 0)) this.add('tamper-matcher-loosened', a, a.line, `retry raised from ${b.retry ?? 0} to ${a.retry ?? 0}: a failing ${what} may pass on a later try`);
    this.compareTables(b, a);
    if (a.kind !== 'test' || !a.fn || !b.fn) return;
    const exit = earlyExit(a, this.after.sf);
    if (exit && !wasOff && !earlyExit(b, this.before.sf)) this.add('tamper-test-disabled', a, a.line, `\`${exit}\` added in the test body: the statements after it never run`);
    if (this.body(a) !== this.body(b)) this.compareAssertions(b, a);
  }

  /** `.each` tables: fewer rows are removed test cases, a changed row is a changed expectation. */
  private compareTables(b: TestEntry, a: TestEntry): void {
    if (!b.table || !a.table) return;
    const rowsB = b.table.elements.map((e) => ({ node: e, key: canon(e, this.before.sf) }));
    const rowsA = a.table.elements.map((e) => ({ node: e, key: canon(e, this.after.sf) }));
    const unmatchedA = [...rowsA];
    const lost = rowsB.filter((r) => {
      const i = unmatchedA.findIndex((x) => x.key === r.key);
      if (i >= 0) unmatchedA.splice(i, 1);
      return i < 0;
    });
    const n = Math.min(lost.length, unmatchedA.length);
    for (let i = 0; i < n; i++) {
      const [rb, ra] = [lost[i]!, unmatchedA[i]!];
      const arrow = `\`${short(rb.node, this.before.sf, 50)}\` → \`${short(ra.node, this.after.sf, 50)}\``;
      const tokens = newDegenerate(degenerateInExpression([rb.node]), degenerateInExpression([ra.node]));
      if (tokens.length > 0) this.add('tamper-expected-degenerate', a, lineOf(ra.node, this.after.sf), `\`.each\` case changed to broken output: ${arrow} (${tokens.join(', ')}); the new case accepts what the patched code returns`);
      else this.add('tamper-expected-changed', a, lineOf(ra.node, this.after.sf), `\`.each\` case changed: ${arrow}`);
    }
    if (lost.length > n) {
      const gone = lost.slice(n).map((r) => `\`${short(r.node, this.before.sf, 40)}\``);
      this.add('tamper-test-removed', a, a.line, `\`.each\` table lost ${plural(gone.length, 'case')} (${gone.slice(0, 3).join(', ')}${gone.length > 3 ? ', …' : ''}); those tests no longer run`);
    }
  }

  private compareAssertions(b: TestEntry, a: TestEntry): void {
    const sfB = this.before.sf;
    const sfA = this.after.sf;
    const listB = b.fn ? collectAssertions(b.fn.body, sfB) : [];
    const listA = a.fn ? collectAssertions(a.fn.body, sfA) : [];
    // Unchanged assertions (in any order) first; then versions of one assertion: same subject and matcher, same subject, then position.
    const leftA = [...listA];
    const take = (pred: (x: Assertion) => boolean): Assertion | undefined => {
      const i = leftA.findIndex(pred);
      return i < 0 ? undefined : leftA.splice(i, 1)[0];
    };
    let leftB = listB.filter((x) => take((y) => y.key === x.key) === undefined);
    const paired: [Assertion, Assertion, boolean][] = [];
    for (const pass of [
      (x: Assertion, y: Assertion) => x.subject === y.subject && x.matcher === y.matcher && x.modifiers.join() === y.modifiers.join(),
      (x: Assertion, y: Assertion) => x.subject === y.subject,
    ]) {
      leftB = leftB.filter((x) => {
        const y = take((y) => pass(x, y));
        if (y) paired.push([x, y, true]);
        return !y;
      });
    }
    // A removed check of a part (`spy.results[0][0]`) whose value an added deep equality on the whole
    // (`spy.results`) now expects differently: a new expected value, as with the same subject.
    for (const x of leftB) {
      for (const y of leftA) {
        const now = enclosedExpected(x, y, sfB, sfA);
        if (now === undefined || canon(now, sfA) === canon(x.args[0]!, sfB)) continue;
        const arrow = `\`${x.text}\` → \`${y.text}\``;
        const tokens = newDegenerate(degenerateInExpression(x.args, x.matcher), degenerateInExpression([now], y.matcher));
        if (tokens.length > 0) this.add('tamper-expected-degenerate', a, y.line, `expected value of \`${x.subjectText}\` changed to broken output: ${arrow} (${tokens.join(', ')}); the test now accepts what the patched code returns`);
        else this.add('tamper-expected-changed', a, y.line, `expected value changed for \`${x.subjectText}\`: ${arrow} (a check of the whole value, \`${short(now, sfA, 40)}\` there); confirm the specification changed, not just the test`);
        break;
      }
    }
    if (leftB.length === leftA.length) paired.push(...leftB.map((x, i): [Assertion, Assertion, boolean] => [x, leftA[i]!, false]));
    for (const [x, y, sameSubject] of paired) {
      const change = compareAssertions(x, y, sfB, sfA);
      if (!change || (!sameSubject && change.kind !== 'loosened')) continue;
      const subject = `\`${y.subjectText}\``;
      const arrow = `\`${x.display}\` → \`${y.display}\``;
      if (change.kind === 'loosened') this.add('tamper-matcher-loosened', a, y.line, `${arrow}${change.detail ? ` (${change.detail})` : ''}: the assertion on ${subject} checks less than before`);
      else if (change.kind === 'expected-changed') {
        this.add('tamper-expected-changed', a, y.line, `expected value changed for ${subject}: ${arrow}${change.stronger ? ' (a stronger check)' : ''}; confirm the specification changed, not just the test`);
      } else if (change.kind === 'degenerate') {
        this.add('tamper-expected-degenerate', a, y.line, `expected value of ${subject} changed to broken output: ${arrow} (${change.tokens.join(', ')}); the test now accepts what the patched code returns`);
      } else {
        const lines = `\`${change.from}\` → \`${change.to}\``;
        this.add('tamper-snapshot-rewritten', a, y.line, `inline snapshot of ${subject} rewritten: ${lines}; check the new output is intended, not just accepted`);
      }
    }
    if (listA.length < listB.length) {
      const gone = leftB.map((x) => `\`${x.text}\``);
      const which = gone.length > 0 ? `; gone: ${gone.slice(0, 2).join(', ')}${gone.length > 2 ? ', …' : ''}` : '';
      this.add('tamper-assertions-reduced', a, a.line, `assertions in this test went from ${listB.length} to ${listA.length}${which}`);
    }
  }
}
