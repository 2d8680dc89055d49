import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { suggestedTestPlace } from '../../src/probes/suggested-test-file.js';

const collects = (...globs: string[]): ((file: string) => boolean) => picomatch(globs, { dot: true });

describe('suggestedTestPlace: a pasted test must be one the project runs', () => {
  it('goes beside the source when the include globs take it there (vitest default)', () => {
    expect(suggestedTestPlace('src/coupon.ts', { runsAsTest: collects('**/*.{test,spec}.?(c|m)[jt]s?(x)'), reachingTests: ['test/coupon.test.ts'], collectedTests: [] })).toEqual({
      file: 'src/coupon.patchprobe.test.ts',
      importPath: './coupon',
    });
  });

  it('goes into the folder of a test that reaches the code when only test/ is collected (examples/mutation-untested-fix)', () => {
    expect(suggestedTestPlace('src/shipping.ts', { runsAsTest: collects('test/**/*.test.ts'), reachingTests: ['test/unit/shipping.test.ts'], collectedTests: ['test/a.test.ts'] })).toEqual({
      file: 'test/unit/shipping.patchprobe.test.ts',
      importPath: '../../src/shipping',
    });
  });

  it('falls back to any collected test file, and takes its suffix (.spec.ts)', () => {
    expect(suggestedTestPlace('packages/a/src/x.mts', { runsAsTest: collects('packages/a/tests/**/*.spec.ts'), reachingTests: [], collectedTests: ['packages/a/tests/z.spec.ts', 'packages/a/tests/b.spec.ts'] })).toEqual({
      file: 'packages/a/tests/x.patchprobe.spec.ts',
      importPath: '../src/x',
    });
  });

  it('stays beside the source when no folder the project collects is known', () => {
    expect(suggestedTestPlace('lib.ts', { runsAsTest: collects('e2e/**/*.e2e.ts'), reachingTests: [], collectedTests: [] })).toEqual({ file: 'lib.patchprobe.test.ts', importPath: './lib' });
    expect(suggestedTestPlace('lib.ts', { runsAsTest: undefined, reachingTests: ['t/lib.test.ts'], collectedTests: [] })).toEqual({ file: 'lib.patchprobe.test.ts', importPath: './lib' });
  });
});
