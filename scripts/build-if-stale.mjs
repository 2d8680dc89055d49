// `pnpm test` builds first, so that the end-to-end tests spawn the current code. On a fresh clone
// the install has just built every package (the root `prepare`), and CI paid for a second build of
// the same sources. This builds (`pnpm build`, every package) only when some package's sources
// are newer than the oldest file of its dist/, or it has no dist/; otherwise it says so and exits.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every file under `dir` (recursively), with its mtime in ms. */
function files(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(fs.statSync(p).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

function stale(pkgDir) {
  const built = files(path.join(pkgDir, 'dist'));
  if (built.length === 0) return 'no dist/';
  const oldestBuilt = Math.min(...built);
  const inputs = [
    ...files(path.join(pkgDir, 'src')),
    ...['package.json', 'tsconfig.build.json', 'tsconfig.json'].flatMap((f) => (fs.existsSync(path.join(pkgDir, f)) ? [fs.statSync(path.join(pkgDir, f)).mtimeMs] : [])),
    fs.statSync(path.join(root, 'tsconfig.base.json')).mtimeMs,
  ];
  return Math.max(...inputs) > oldestBuilt ? 'sources newer than dist/' : undefined;
}

const packages = fs
  .readdirSync(path.join(root, 'packages'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => path.join(root, 'packages', e.name))
  .filter((dir) => {
    try {
      return typeof JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts?.build === 'string';
    } catch {
      return false;
    }
  });
const reasons = packages.flatMap((dir) => {
  const why = stale(dir);
  return why ? [`${path.relative(root, dir)}: ${why}`] : [];
});
if (reasons.length === 0) {
  console.log(`build: ${packages.length} packages up to date (dist/ newer than their sources)`);
  process.exit(0);
}
console.log(`build: ${reasons.join('; ')}`);
const r = spawnSync('pnpm', ['build'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
