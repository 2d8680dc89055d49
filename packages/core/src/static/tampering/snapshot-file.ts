import type { Finding } from '../../verdict/finding.js';
import type { StaticFile } from '../types.js';
import { degenerateInSnapshot, newDegenerate } from './degenerate-value.js';

/** vitest/jest snapshot files: `*.snap`, or anything under a `__snapshots__/` folder. */
export function isSnapshotFile(file: string): boolean {
  return file.endsWith('.snap') || `/${file}`.includes('/__snapshots__/');
}

/**
 * The test file a snapshot file belongs to under vitest's default `resolveSnapshotPath`:
 * `test/__snapshots__/cart.test.ts.snap` → `test/cart.test.ts`; undefined for another layout.
 */
export function testFileOfSnapshot(file: string): string | undefined {
  const m = /^(.*?)(?:^|\/)__snapshots__\/([^/]+)\.snap$/.exec(file);
  if (!m) return undefined;
  return m[1] ? `${m[1]}/${m[2]}` : m[2];
}

interface SnapEntry {
  value: string;
  line: number;
}

/** `exports[\`name 1\`] = \`…\`;` entries by name, or undefined when the text has none (not a vitest/jest .snap). */
function snapEntries(text: string): Map<string, SnapEntry> | undefined {
  const out = new Map<string, SnapEntry>();
  const re = /^exports\[`((?:\\[\s\S]|[^`\\])*)`\] = `((?:\\[\s\S]|[^`\\])*)`;/gm;
  for (const m of text.matchAll(re)) {
    const line = text.slice(0, m.index).split('\n').length;
    out.set(m[1] ?? '', { value: m[2] ?? '', line });
  }
  return out.size > 0 || text.trim() === '' || /^\/\/ (Vitest|Jest) Snapshot/m.test(text) ? out : undefined;
}

const list = (names: string[]): string => names.slice(0, 3).map((n) => `\`${n}\``).join(', ') + (names.length > 3 ? ', …' : '');

/**
 * A snapshot file the patch rewrote: changed or removed entries (or any change to a file we cannot
 * read as one). New entries alone come with new tests and are not tampering.
 */
export function snapshotFileFindings(file: StaticFile): Finding[] {
  const where = { file: file.path };
  if (file.status === 'added' || file.before === undefined || file.before === file.after) return [];
  if (file.after === undefined) {
    const n = snapEntries(file.before)?.size;
    const what = n === undefined ? '' : ` with its ${n} snapshot${n === 1 ? '' : 's'}`;
    return [{ kind: 'tamper-snapshot-rewritten', severity: 'warning', ...where, line: 1, message: `snapshot file deleted${what}; the tests that used it will write new snapshots from the patched code` }];
  }
  const before = snapEntries(file.before);
  const after = snapEntries(file.after);
  if (!before || !after) {
    const line = file.hunks[0]?.newStart ?? 1;
    return [{ kind: 'tamper-snapshot-rewritten', severity: 'warning', ...where, line: Math.max(1, line), message: 'snapshot file rewritten; review the new snapshots against the code change' }];
  }
  const changed: string[] = [];
  const removed: string[] = [];
  const broken: Finding[] = [];
  const testFile = testFileOfSnapshot(file.path);
  let line: number | undefined;
  let removedLine: number | undefined;
  for (const [name, entry] of before) {
    const now = after.get(name);
    if (!now) {
      removed.push(name);
      removedLine ??= entry.line;
    } else if (now.value !== entry.value) {
      changed.push(name);
      line ??= now.line;
      const tokens = newDegenerate(degenerateInSnapshot(entry.value), degenerateInSnapshot(now.value));
      if (tokens.length > 0) {
        // vitest names an entry "<describe > … > test> <n>": the test is the name without its counter.
        const f: Finding = { kind: 'tamper-expected-degenerate', severity: 'warning', ...where, line: now.line, message: `snapshot \`${name}\` rewritten to broken output (${tokens.join(', ')}); the snapshot now accepts what the patched code prints` };
        if (testFile) f.test = `${testFile} > ${name.replace(/ \d+$/, '')}`;
        broken.push(f);
      }
    }
  }
  if (changed.length === 0 && removed.length === 0) return [];
  const parts = [];
  if (changed.length > 0) parts.push(`${changed.length} snapshot${changed.length === 1 ? '' : 's'} changed (${list(changed)})`);
  if (removed.length > 0) parts.push(`${removed.length} removed (${list(removed)})`);
  return [
    ...broken,
    {
      kind: 'tamper-snapshot-rewritten',
      severity: 'warning',
      ...where,
      line: line ?? removedLine ?? 1,
      message: `snapshot file rewritten: ${parts.join(', ')}; check the new output is intended, not just accepted`,
    },
  ];
}
