// What deriving `toBehaveLike`'s inputs in vitest's main process saves (issue 18: "the first
// toBehaveLike in a test file ≤ 1 s"). A project of N modules, each with a test file whose one test
// is `expect(f).toBehaveLike(f)` with inputs derived from the parameter types, run with the
// project's own `vitest run` and the @patchprobe/vitest plugin (report off): once as is (the
// plugin derives every file's inputs when the run starts, one TypeScript program), once with
// PATCHPROBE_PREDERIVE=0 (each worker builds a program for its test file, as before), alternately,
// one warm-up each, then --runs rounds. Prints the medians: wall, CPU of the run and its
// children, and the slowest test's own duration (the first toBehaveLike of its file).
//
//   node bench/matcher.mjs [--files N] [--runs N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { BENCH_NODE_MODULES, git, PROJECT_TSCONFIG } from './generate.mjs';
import { median, timeProcess } from './measure.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { files: { type: 'string', default: '8' }, runs: { type: 'string', default: '3' } } });
const files = Number(values.files);
const runs = Number(values.runs);
if (!(files >= 1 && runs >= 1)) {
  console.error('bench/matcher.mjs: --files and --runs take a whole number of 1 or more');
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bench-matcher-'));
try {
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('package.json', '{"name":"matcher-bench","private":true,"type":"module"}\n');
  write('tsconfig.json', PROJECT_TSCONFIG);
  write('.gitignore', 'node_modules\n');
  write('vitest.config.ts', "import { patchprobe } from '@patchprobe/vitest';\nimport { defineConfig } from 'vitest/config';\n\nexport default defineConfig({ plugins: [patchprobe({ report: 'off' })], test: { include: ['test/*.test.ts'] } });\n");
  for (let i = 1; i <= files; i++) {
    write(`src/pad${i}.ts`, `export function pad${i}(text: string, width: number): string {\n  return text.padStart(Math.min(width, 40), '*');\n}\n`);
    write(`test/pad${i}.test.ts`, `import { expect, it } from 'vitest';\nimport { pad${i} } from '../src/pad${i}.ts';\n\nit('behaves like itself', () => {\n  expect(pad${i}).toBehaveLike(pad${i});\n});\n`);
  }
  // node_modules: bench/node_modules' entries by real path, and @patchprobe/vitest -> packages/vitest.
  fs.mkdirSync(path.join(dir, 'node_modules', '@patchprobe'), { recursive: true });
  for (const name of fs.readdirSync(BENCH_NODE_MODULES)) fs.symlinkSync(fs.realpathSync(path.join(BENCH_NODE_MODULES, name)), path.join(dir, 'node_modules', name));
  fs.symlinkSync(path.join(REPO_ROOT, 'packages', 'vitest'), path.join(dir, 'node_modules', '@patchprobe', 'vitest'));
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['-c', 'user.name=bench', '-c', 'user.email=bench@patchprobe.invalid', 'commit', '-q', '-m', 'base']);

  const vitest = path.join(dir, 'node_modules', 'vitest', 'vitest.mjs');
  const out = path.join(dir, 'report.json');
  const one = async (prederive) => {
    const r = await timeProcess(process.execPath, [vitest, 'run', '--reporter=json', `--outputFile=${out}`], {
      cwd: dir,
      env: { ...process.env, PATCHPROBE_PREDERIVE: prederive ? '1' : '0', CI: '1' },
      timeoutMs: 600_000,
    });
    if (r.code !== 0) throw new Error(`vitest run failed (${prederive ? 'prederive' : 'per worker'}):\n${r.stdout}\n${r.stderr}`);
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    const slowest = Math.max(...report.testResults.flatMap((f) => f.assertionResults.map((t) => t.duration ?? 0)));
    return { ms: r.ms, cpuMs: r.cpuMs, slowest };
  };
  const results = { on: [], off: [] };
  await one(true);
  await one(false);
  for (let k = 0; k < runs; k++) {
    results.on.push(await one(true));
    results.off.push(await one(false));
  }
  const row = (label, rs) =>
    `${label.padEnd(36)} ${(median(rs.map((r) => r.ms)) / 1000).toFixed(2).padStart(7)} s  ${(median(rs.map((r) => r.cpuMs ?? 0)) / 1000).toFixed(2).padStart(7)} s  ${median(rs.map((r) => r.slowest)).toFixed(0).padStart(7)} ms`;
  console.log(`${files} test files, each one toBehaveLike with derived inputs; ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(2)}; medians of ${runs}`);
  console.log(`${''.padEnd(36)} ${'wall'.padStart(9)}  ${'CPU'.padStart(9)}  ${'slowest test'.padStart(10)}`);
  console.log(row('derived in the main process', results.on));
  console.log(row('each worker (PATCHPROBE_PREDERIVE=0)', results.off));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
