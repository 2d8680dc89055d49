import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPatchprobeError } from '../../src/index.js';
import { unsupportedVitest } from '../../src/mutation/run-mutation-stage.js';
import { resolveProjectVitest } from '../../src/suites/resolve-vitest.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A folder whose node_modules/vitest/package.json says `version`: all the version gate reads. */
function installed(version: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-resolve-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'node_modules/vitest'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules/vitest/package.json'), JSON.stringify({ name: 'vitest', version, bin: { vitest: 'vitest.mjs' } }));
  return dir;
}

function refusal(version: string): string | undefined {
  try {
    resolveProjectVitest(installed(version), '.');
    return undefined;
  } catch (error) {
    return isPatchprobeError(error) ? `${error.code}: ${error.oneLine}` : String(error);
  }
}

describe('the vitest versions patchprobe runs', () => {
  it.each(['0.34.0', '0.34.6', '1.0.0-beta.1', '1.6.1', '2.0.4', '2.1.9', '3.0.0', '3.2.7', '4.1.12', '5.1.1'])('runs %s', (v) => {
    expect(refusal(v)).toBeUndefined();
  });

  it.each(['0.33.0', '0.30.1', '0.1.0', 'not-a-version'])('refuses %s, naming the minimum', (v) => {
    expect(refusal(v)).toMatch(/^PP_VITEST_UNSUPPORTED: vitest .* is installed for \.; patchprobe needs vitest 0\.34\.0 or newer; upgrade/);
  });

  it('gives the mutation stage a reason below vitest 2.0, and none from 2.0', () => {
    expect(unsupportedVitest({ version: '1.6.1', major: 1 })).toMatch(/vitest 1\.6\.1, and StrykerJS 9\.6's vitest runner needs vitest 2\.0 or newer/);
    expect(unsupportedVitest({ version: '0.34.6', major: 0 })).toBeDefined();
    expect(unsupportedVitest({ version: '2.0.0', major: 2 })).toBeUndefined();
    expect(unsupportedVitest({ version: '4.1.12', major: 4 })).toBeUndefined();
  });
});
