// `pnpm demo`: patchprobe's main job on three example patches, run for real with each example's own
// vitest. Every patch keeps the test suite green or makes it greener; only one of them is safe.
// Exits non-zero if a verdict differs from the example's expected.json, or if a run leaves anything
// in the temp folder, so CI keeps this honest.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const bin = path.join(root, 'packages/cli/bin/patchprobe.js');
const demos = [
  ['masked-regression', 'an "optimisation" that breaks a price, with the test moved off the broken case: CI stays green'],
  ['fix-with-test', 'a real bug fix with a test that fails before it and passes after'],
  ['probe-edge-regression', 'a refactor that no test notices: only the property probes (before vs after on the same inputs) find averageRating([]) now returns NaN'],
];

// One private folder for the reports, and as the runs' TMPDIR, so that whatever a run leaves
// behind (its copies, a tool's temp files) is seen, not mixed with the rest of the machine's.
const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-demo-')));
const runTmp = path.join(scratch, 'tmp');
fs.mkdirSync(runTmp);
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

let mismatches = 0;
for (const [name, story] of demos) {
  const dir = path.join('examples', name);
  const expected = JSON.parse(fs.readFileSync(path.join(root, dir, 'expected.json'), 'utf8'));
  const args = ['verify', '--cwd', dir, '--patch', path.join(dir, 'patch.diff'), '--fail-on', 'none'];
  process.stdout.write(`\n$ patchprobe ${args.join(' ')}\n# ${story}\n\n`);
  const json = path.join(scratch, `${name}.json`);
  const r = spawnSync(process.execPath, [bin, ...args, '--json', json], { cwd: root, stdio: 'inherit', env: { ...process.env, TMPDIR: runTmp } });
  if (r.status !== 0) {
    console.error(`demo: patchprobe exited with ${r.status} on ${name}`);
    process.exit(r.status ?? 1);
  }
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  if (report.verdict !== expected.verdict) {
    console.error(`demo: ${name}: verdict ${report.verdict}, expected ${expected.verdict}`);
    mismatches++;
  }
  const left = fs.readdirSync(runTmp);
  if (left.length > 0) {
    console.error(`demo: patchprobe left ${left.join(', ')} in its temp folder on ${name}`);
    mismatches++;
  }
}
process.stdout.write(
  mismatches === 0
    ? '\nAll verdicts match the examples\' expected.json. On your own project: pnpm exec patchprobe verify --cwd <repo> [--base main]\n'
    : '',
);
process.exit(mismatches === 0 ? 0 : 1);
