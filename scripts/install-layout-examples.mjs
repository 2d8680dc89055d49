// Installs the examples that pnpm does not manage (examples/layouts): an npm-workspaces project and
// a yarn classic project, each with its own lockfile and its own package manager, the way users
// have them. Run by the root `prepare` script (so `pnpm install` sets them up); skips a project
// whose install is already up to date with its lockfile.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LAYOUTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'layouts');

const projects = [
  { name: 'npm-workspaces', lockfile: 'package-lock.json', marker: 'node_modules/.package-lock.json', cmd: ['npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund']] },
  {
    name: 'yarn-classic',
    lockfile: 'yarn.lock',
    marker: 'node_modules/.yarn-integrity',
    // yarn 1 refuses to run under a parent package.json whose packageManager names pnpm (this repo's).
    cmd: ['npx', ['-y', 'yarn@1.22.22', 'install', '--frozen-lockfile', '--ignore-scripts', '--non-interactive', '--no-progress']],
    env: { SKIP_YARN_COREPACK_CHECK: '1' },
  },
];

for (const p of projects) {
  const dir = path.join(LAYOUTS, p.name);
  const marker = path.join(dir, p.marker);
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(path.join(dir, p.lockfile)).mtimeMs) continue;
  console.log(`installing examples/layouts/${p.name} (${p.cmd[0] === 'npm' ? 'npm ci' : 'yarn 1'})`);
  execFileSync(p.cmd[0], p.cmd[1], { cwd: dir, stdio: 'inherit', env: { ...process.env, ...p.env } });
}
