import { describe, expect, it } from 'vitest';
import { testsDiscardingReturns } from '../../src/static/tampering/discards-return.js';
import type { StaticFile } from '../../src/static/types.js';

const FILE = 'tests/persist.test.tsx';
const edited = (before: string, after: string, role: StaticFile['role'] = 'test'): StaticFile => ({ path: FILE, status: 'modified', role, before, after, hunks: [] });

// pmndrs/zustand feddc0c2's edit of tests/persistAsync.test.tsx, cut down.
const test = (write: string, expected = "'count: 42'") =>
  [
    "import { act, render, screen } from '@testing-library/react'",
    "import { it, expect } from 'vitest'",
    '',
    "it('can persist state', async () => {",
    '  render(<Counter />) // the store\'s view',
    `  ${write}`,
    `  expect(await screen.findByText(${expected})).toBeInTheDocument()`,
    '})',
    '',
  ].join('\n');

describe(testsDiscardingReturns.name, () => {
  it('finds a file whose only edit stops callbacks returning a call\'s value, and names the call', () => {
    const findings = testsDiscardingReturns([edited(test('act(() => useBoundStore.setState({ count: 42 }))'), test('act(() => {\n    useBoundStore.setState({ count: 42 })\n  })'))]);
    expect(findings).toEqual([expect.objectContaining({ kind: 'test-discards-return', severity: 'info', file: FILE })]);
    expect(findings[0]!.message).toContain('`useBoundStore.setState({ count: 42 })`');
  });

  it('lets the patch add tests to the file beside the edit', () => {
    const added = "\nit('returns the write', async () => {\n  await expect(useBoundStore.setState({ count: 1 })).resolves.toBeUndefined()\n})\n";
    expect(testsDiscardingReturns([edited(test('act(() => useBoundStore.setState({ count: 42 }))'), test('act(() => { useBoundStore.setState({ count: 42 }) })') + added)])).toHaveLength(1);
    // but not edit one: a test of the same name is an edit
    const renamedBody = test('act(() => { useBoundStore.setState({ count: 42 }) })', "'count: 41'");
    expect(testsDiscardingReturns([edited(test('act(() => useBoundStore.setState({ count: 42 }))'), renamedBody + added)])).toEqual([]);
  });

  it('reads `void` as a discard too', () => {
    const before = test('act(() => useBoundStore.setState({ count: 42 }))');
    expect(testsDiscardingReturns([edited(before, test('act(() => {\n    void useBoundStore.setState({ count: 42 });\n  })'))])).toHaveLength(1);
    expect(testsDiscardingReturns([edited(before, test('act(() => void useBoundStore.setState({ count: 42 }))'))])).toHaveLength(1);
  });

  it('finds the reverse edit too: a callback that starts returning the value', () => {
    expect(testsDiscardingReturns([edited(test('act(() => { useBoundStore.setState({ count: 42 }); })'), test('act(() => useBoundStore.setState({ count: 42 }))'))])).toHaveLength(1);
  });

  it('finds nothing when the edit also changes an expected value, an input, or nothing but layout', () => {
    const before = test('act(() => useBoundStore.setState({ count: 42 }))');
    expect(testsDiscardingReturns([edited(before, test('act(() => { useBoundStore.setState({ count: 42 }) })', "'count: 43'"))])).toEqual([]);
    expect(testsDiscardingReturns([edited(before, test('act(() => { useBoundStore.setState({ count: 41 }) })'))])).toEqual([]);
    expect(testsDiscardingReturns([edited(before, `${before}\n// a comment`)])).toEqual([]);
  });

  it('reads test files only', () => {
    expect(testsDiscardingReturns([edited('export const f = () => g()\n', 'export const f = () => { g() }\n', 'source')])).toEqual([]);
  });
});
