// The `cache` subject: what the baseline cache (issue 7 §3) saves on a second gate on the same
// base. For each target (one example, and the generated project of ~200 source files with its
// regressive patch), each round runs the gate's verification twice with one fresh cache folder:
//   cold: `patchprobe verify --cwd <dir> --patch <patch> --json - --cache-dir <fresh dir>`  (miss)
//   warm: the same command again                                                            (hit)
// Every stage runs, as in `gate`. The cache folder is a temp folder, not <project>/node_modules
// /.cache: the generated project's node_modules is a link into bench/node_modules.
// Reports medians over the rounds of the wall times, the suites stage, and what was saved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median } from './measure.mjs';

/** The example measured besides the generated project: a bug fix with a new test (the typical pull request). */
export const CACHE_EXAMPLE = 'fix-with-test';

/**
 * @param {{ name: string, dir: string, patch: string }[]} targets
 * @param {{ runs: number }} opts
 * @param {{ measure: (dir: string, patch: string, extraArgs: string[]) => Promise<any>, measurePlain: (dir: string) => Promise<any>, log: (m: string) => void, tag: string }} io
 */
export async function measureCache(targets, opts, io) {
  const out = [];
  for (const target of targets) {
    const rounds = [];
    const plain = await io.measurePlain(target.dir);
    io.log(`${io.tag} ${target.name}: plain vitest ${sec(plain.ms)} s${plain.error ? ` - ${plain.error}` : ''}`);
    for (let r = 0; r < opts.runs; r++) {
      const cacheDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bench-cache-')));
      try {
        const cold = await io.measure(target.dir, target.patch, ['--cache-dir', cacheDir]);
        io.log(`${io.tag} ${target.name} round ${r + 1}/${opts.runs}: cold ${sec(cold.ms)} s (cache ${cold.cache?.status ?? '-'}, suites ${sec(cold.timings?.suites)} s)${cold.error ? ` - ${cold.error}` : ''}`);
        const warm = await io.measure(target.dir, target.patch, ['--cache-dir', cacheDir]);
        io.log(`${io.tag} ${target.name} round ${r + 1}/${opts.runs}: warm ${sec(warm.ms)} s (cache ${warm.cache?.status ?? '-'}, suites ${sec(warm.timings?.suites)} s)${warm.error ? ` - ${warm.error}` : ''}`);
        rounds.push({ cold, warm });
      } finally {
        fs.rmSync(cacheDir, { recursive: true, force: true });
      }
    }
    out.push({ name: target.name, plain, rounds, summary: summariseTarget(rounds, plain) });
  }
  return out;
}

function summariseTarget(rounds, plain) {
  const m = (f) => median(rounds.map(f));
  const coldMs = m((x) => (x.cold.error ? null : x.cold.ms));
  const warmMs = m((x) => (x.warm.error ? null : x.warm.ms));
  const errors = [];
  for (const [i, x] of rounds.entries()) {
    if (x.cold.error) errors.push(`round ${i + 1} cold: ${x.cold.error}`);
    if (x.warm.error) errors.push(`round ${i + 1} warm: ${x.warm.error}`);
    if (!x.cold.error && x.cold.cache?.status !== 'miss') errors.push(`round ${i + 1}: the cold run's cache status is ${x.cold.cache?.status}, not miss`);
    if (!x.warm.error && x.warm.cache?.status !== 'hit') errors.push(`round ${i + 1}: the warm run's cache status is ${x.warm.cache?.status}, not hit`);
    if (x.cold.verdict && x.warm.verdict && `${x.cold.verdict}/${x.cold.confidence}` !== `${x.warm.verdict}/${x.warm.confidence}`) {
      errors.push(`round ${i + 1}: the warm run's verdict ${x.warm.verdict}/${x.warm.confidence} differs from the cold run's ${x.cold.verdict}/${x.cold.confidence}`);
    }
  }
  if (plain.error) errors.push(`plain vitest: ${plain.error}`);
  const stages = [...new Set(rounds.flatMap((x) => [...Object.keys(x.cold.timings ?? {}), ...Object.keys(x.warm.timings ?? {})]))];
  const stageMedians = (side) => Object.fromEntries(stages.map((k) => [k, m((x) => x[side].timings?.[k])]).filter(([, v]) => v !== null));
  return {
    verdict: rounds.map((x) => x.warm.verdict).find(Boolean) ?? null,
    confidence: rounds.map((x) => x.warm.confidence).find(Boolean) ?? null,
    plainMs: plain.ms ?? null,
    coldMs,
    warmMs,
    savedMs: coldMs !== null && warmMs !== null ? round(coldMs - warmMs) : null,
    savedPct: coldMs && warmMs !== null ? round(((coldMs - warmMs) / coldMs) * 100) : null,
    coldSuitesMs: m((x) => x.cold.timings?.suites),
    warmSuitesMs: m((x) => x.warm.timings?.suites),
    coldTimings: stageMedians('cold'),
    warmTimings: stageMedians('warm'),
    reusedRuns: m((x) => x.warm.cache?.reusedRuns),
    errors,
  };
}

const round = (x) => Math.round(x * 10) / 10;
const sec = (ms) => (typeof ms === 'number' ? (ms / 1000).toFixed(2) : '-');

export function printCache(subject, runs) {
  const targets = subject.targets ?? [];
  if (targets.length === 0) return;
  console.log(`\nbaseline cache: \`patchprobe verify --cache-dir\`, first run (cold, empty cache) vs second run on the same base (warm), median of ${runs} round${runs === 1 ? '' : 's'}\n`);
  const rows = [['target', 'verdict', 'plain vitest s', 'cold s', 'warm s', 'saved s', 'saved %', 'suites cold s', 'suites warm s']];
  for (const t of targets) {
    const s = t.summary;
    rows.push([t.name, s.verdict ? `${s.verdict}${s.confidence ? ` (${s.confidence})` : ''}` : 'error', sec(s.plainMs), sec(s.coldMs), sec(s.warmMs), sec(s.savedMs), s.savedPct === null ? '-' : `${s.savedPct}`, sec(s.coldSuitesMs), sec(s.warmSuitesMs)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  rows.forEach((r, i) => {
    console.log(r.map((cell, c) => (c < 2 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}
