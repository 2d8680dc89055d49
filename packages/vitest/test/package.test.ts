import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const PKG = path.resolve(import.meta.dirname, '..');

// The package must build and resolve through its `exports` the way a user's project would import it.
describe('@patchprobe/vitest packaging', () => {
  it('resolves through package exports from a consumer and exposes the base-import query', () => {
    const consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-consumer-'));
    fs.mkdirSync(path.join(consumer, 'node_modules', '@patchprobe'), { recursive: true });
    fs.symlinkSync(PKG, path.join(consumer, 'node_modules', '@patchprobe', 'vitest'));
    const script = "const m = await import('@patchprobe/vitest'); console.log(JSON.stringify(Object.keys(m)), m.BASE_QUERY)";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' });
    fs.rmSync(consumer, { recursive: true, force: true });
    expect(out.trim()).toBe('["BASE_QUERY","patchprobe","patchprobeMatchers"] patchprobe=base');
  });

  // A vitest config imports the package on every start of vitest, patchprobe's own runs of the
  // project included: the pipeline (ts-morph, fast-check, StrykerJS's helpers; about a second) loads
  // only for a live verdict, and the matcher's implementation on the first toBehaveLike.
  it('loads neither the pipeline nor the matcher when a config imports it and builds the plugin', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      "const { patchprobe } = await import('@patchprobe/vitest');",
      "const plugins = patchprobe({ base: 'HEAD' });",
      "const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /ts-morph|fast-check|typescript|@stryker-mutator/.test(k));",
      'console.log(JSON.stringify([plugins.length, loaded]));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PKG, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([2, []]);
  });

  it('declares vitest >= 0.34 (the versions patchprobe runs) as a peer and ships typings', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
    expect(pkg.peerDependencies.vitest).toBe('>=0.34.0');
    expect(fs.existsSync(path.join(PKG, pkg.exports['.'].types))).toBe(true);
  });
});
