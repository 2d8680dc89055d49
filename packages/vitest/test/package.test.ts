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

  it('declares vitest >= 0.34 (the versions patchprobe runs) as a peer and ships typings', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
    expect(pkg.peerDependencies.vitest).toBe('>=0.34.0');
    expect(fs.existsSync(path.join(PKG, pkg.exports['.'].types))).toBe(true);
  });
});
