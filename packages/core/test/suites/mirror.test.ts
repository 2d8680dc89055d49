import { describe, expect, it } from 'vitest';
import { diffLines, mirroringTest, mirrors } from '../../src/suites/mirror.js';
import type { TestRecord } from '../../src/suites/types.js';

// The diffs vitest printed on valibot 9043b643 (stringifyJson's issue type renamed, its `received`
// reworded, a function input no longer echoed as the value), cut to the changed part.
const diff = (...body: string[]) => ['- Expected', '+ Received', '', '  {', ...body, '  }'].join('\n');

/** "for unserializable values", removed: its old version on the new code (default message). */
const REMOVED_ON_NEW = diff(
  '    "issues": [',
  '      {',
  '        "input": [Function fn],',
  '-       "message": "Invalid JSON: Received \\"function\\"",',
  '+       "message": "Invalid JSON: Received Function",',
  '-       "received": "\\"function\\"",',
  '+       "received": "Function",',
  '-       "type": "json_stringify",',
  '+       "type": "stringify_json",',
  '      },',
  '    ],',
  '-   "value": [Function fn],',
  '+   "value": undefined,',
);
/** "for function input", new in the same describe: on the old code (a custom message). */
const REPLACEMENT_ON_OLD = diff(
  '    "issues": [',
  '      {',
  '        "input": [Function input],',
  '        "message": "message",',
  '-       "received": "Function",',
  '+       "received": "\\"function\\"",',
  '-       "type": "stringify_json",',
  '+       "type": "json_stringify",',
  '      },',
  '    ],',
  '-   "value": undefined,',
  '+   "value": [Function input],',
);

const lines = (d: string) => diffLines(d)!;

describe(diffLines.name, () => {
  it('reads the expected-only and received-only lines, trimmed, without trailing commas and function names', () => {
    expect(diffLines(REPLACEMENT_ON_OLD)).toEqual({
      expected: new Set(['"received": "Function"', '"type": "stringify_json"', '"value": undefined']),
      received: new Set(['"received": "\\"function\\""', '"type": "json_stringify"', '"value": [Function]']),
    });
  });

  it('reads a scalar diff and refuses text that is no vitest diff', () => {
    expect(diffLines('- Expected\n+ Received\n\n- 4\n+ 3')).toEqual({ expected: new Set(['4']), received: new Set(['3']) });
    expect(diffLines('- Expected  - 1\n+ Received  + 1\n\n- 4\n+ 3')).toEqual({ expected: new Set(['4']), received: new Set(['3']) });
    expect(diffLines('expected 3 to be 4')).toBeUndefined();
    expect(diffLines('- Expected\n+ Received\n\n  same')).toBeUndefined();
  });
});

describe(mirrors.name, () => {
  it('holds when the new test expects what the old one received and received what it expected', () => {
    const a = lines('- Expected\n+ Received\n\n-   "type": "json_stringify",\n+   "type": "stringify_json",');
    const b = lines('- Expected\n+ Received\n\n-   "type": "stringify_json",\n+   "type": "json_stringify",');
    expect(mirrors(a, b)).toBe(true);
    // the same values in the same direction are no mirror: both tests expect the old value
    expect(mirrors(a, a)).toBe(false);
  });

  it('counts a line derived from mirrored values (a default message quoting a changed field) as mirrored', () => {
    expect(mirrors(lines(REMOVED_ON_NEW), lines(REPLACEMENT_ON_OLD))).toBe(true);
  });

  it('does not hold when the old test received a value no new test expects (a break hidden by removing its test)', () => {
    // tierPrice(5) was 7.5 and is 12 now; the new test pins another weight's price
    expect(mirrors(lines('- Expected\n+ Received\n\n- 7.5\n+ 12'), lines('- Expected\n+ Received\n\n- 4\n+ 7.5'))).toBe(false);
    // the message changed in a way the mirrored values do not explain
    const reworded = REMOVED_ON_NEW.replace('"Invalid JSON: Received Function"', '"JSON failed"');
    expect(mirrors(lines(reworded), lines(REPLACEMENT_ON_OLD))).toBe(false);
    // a field the new test does not show changed on its own
    const extra = REMOVED_ON_NEW.replace('+   "value": undefined,', '+   "value": undefined,\n-   "typed": false,\n+   "typed": true,');
    expect(mirrors(lines(extra), lines(REPLACEMENT_ON_OLD))).toBe(false);
  });
});

describe(mirroringTest.name, () => {
  const record = (path: string[], d: string | undefined, file = 'test/json.test.ts'): TestRecord => ({
    id: JSON.stringify(['', file, ...path]),
    file,
    project: '',
    path,
    state: 'fail',
    ...(d === undefined ? {} : { diff: d }),
  });
  const removed = record(['stringifyJson', 'issues', 'for unserializable values'], REMOVED_ON_NEW);

  it('finds the mirroring test in the same describe, the closest title first', () => {
    const candidates = [
      record(['stringifyJson', 'issues', 'for undefined input'], '- Expected\n+ Received\n\n-   "type": "stringify_json",\n+   "type": "json_stringify",'),
      record(['stringifyJson', 'issues', 'for function input'], REPLACEMENT_ON_OLD),
      record(['stringifyJson', 'issues', 'for unserializable function'], REPLACEMENT_ON_OLD),
    ];
    expect(mirroringTest(removed, candidates)?.path.at(-1)).toBe('for unserializable function');
  });

  it('looks only in the same file and describe, and needs a diff on both sides', () => {
    expect(mirroringTest(removed, [record(['stringifyJson', 'other', 'for function input'], REPLACEMENT_ON_OLD)])).toBeUndefined();
    expect(mirroringTest(removed, [record(['stringifyJson', 'issues', 'for function input'], REPLACEMENT_ON_OLD, 'test/other.test.ts')])).toBeUndefined();
    expect(mirroringTest(removed, [record(['stringifyJson', 'issues', 'for function input'], undefined)])).toBeUndefined();
    expect(mirroringTest(record(removed.path, undefined), [record(['stringifyJson', 'issues', 'for function input'], REPLACEMENT_ON_OLD)])).toBeUndefined();
  });
});
