import type { Report } from '../../src/index.js';

const SETUPS = ['before', 'after', 'old-tests-new-code', 'new-tests-old-code'];

/**
 * A report without what may differ between two runs of the same verification: timings and
 * durations, the cache section and run flags, the order of the suite runs (overlapping runs finish
 * in any order), and the random temp folder in messages.
 */
export function comparable(report: Report): unknown {
  const copy = JSON.parse(JSON.stringify(report).replace(/\/[^"\s]*?patchprobe-[A-Za-z0-9]{6}/g, '<workspace>')) as Report & Record<string, unknown>;
  delete (copy as Partial<Report>).cache;
  // Where the probes ran (the after tree's warm vitest, which shards do not have, or processes of
  // their own) is not what they found.
  if (copy.probes) delete copy.probes.warmRuns;
  copy.tests.runs = copy.tests.runs
    .map((r) => {
      // How the before run was had (reused from the cache, or its unrelated files taken from the
      // after run) is not what it says; shards run the before tree in full.
      delete r.cached;
      delete r.inferredFiles;
      return r;
    })
    .sort((a, b) => a.attempt - b.attempt || SETUPS.indexOf(a.setup) - SETUPS.indexOf(b.setup));
  return strip(copy);
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== 'durationMs' && k !== 'timings')
        .map(([k, x]) => [k, strip(x)]),
    );
  }
  return v;
}
