import { execa } from 'execa';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { scaledMs } from '@patchprobe/test-utils';

// The watchdog must end the whole process from its own thread while the main thread is stuck,
// so it is tested in a real child process (built runtime: `pnpm test` builds first).
const WATCHDOG = fileURLToPath(new URL('../../dist/probes/runtime/watchdog.js', import.meta.url));
let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function stuck(body: string, limitMs: number, growthBytes: number) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-watchdog-'));
  const hangFile = path.join(dir, 'hang.json');
  const script = `
    import { Watchdog } from ${JSON.stringify(WATCHDOG)};
    const w = await Watchdog.start(${JSON.stringify(hangFile)}, ${growthBytes});
    w.describe('src/a.ts#f', 'f("x")');
    w.arm('after', ${limitMs});
    ${body}
  `;
  const t0 = performance.now();
  const r = await execa(process.execPath, ['--input-type=module', '-e', script], { reject: false, timeout: scaledMs(20_000) });
  return { r, ms: performance.now() - t0, hang: fs.existsSync(hangFile) ? JSON.parse(fs.readFileSync(hangFile, 'utf8')) : undefined };
}

describe('Watchdog', () => {
  it('kills a synchronous infinite loop past the call limit and says which call it was', async () => {
    const { r, ms, hang } = await stuck('while (true) {}', 200, 1 << 30);
    expect(r.signal).toBe('SIGKILL');
    expect(ms).toBeLessThan(scaledMs(5_000));
    expect(hang).toEqual({ type: 'hang', id: 'src/a.ts#f', call: 'f("x")', side: 'after', reason: 'time' });
  });

  it('kills a call that grows the process past the memory limit before V8 runs out', async () => {
    const { r, hang } = await stuck('const keep = []; while (true) keep.push(new Array(1 << 16).fill(keep.length));', 60_000, 64 << 20);
    expect(r.signal).toBe('SIGKILL');
    expect(hang).toMatchObject({ id: 'src/a.ts#f', side: 'after', reason: 'memory' });
  });

  it('stays quiet when calls finish and never keeps the process alive', async () => {
    const { r, hang } = await stuck('w.disarm(); console.log("done");', 50, 1 << 30);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('done');
    expect(hang).toBeUndefined();
  });
});
