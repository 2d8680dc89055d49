import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@patchprobe/test-utils';
import { FINDING_KINDS as FROM_FINDING } from '../src/verdict/finding.js';
import { FINDING_KIND_INFO, FINDING_KINDS, kindsWithRole, type FindingStage } from '../src/verdict/finding-kinds.js';
import { FINDING_KINDS_DOC_END, FINDING_KINDS_DOC_START, findingKindsDocTable } from '../src/verdict/finding-kinds-doc.js';

const info = FINDING_KINDS.map((kind) => ({ kind, ...FINDING_KIND_INFO[kind] }));

describe('the registry of finding kinds', () => {
  it('describes every kind once, and finding.ts exports the same list', () => {
    expect(FROM_FINDING).toBe(FINDING_KINDS);
    expect(new Set(FINDING_KINDS).size).toBe(FINDING_KINDS.length);
    expect(Object.keys(FINDING_KIND_INFO)).toEqual([...FINDING_KINDS]);
  });

  it('gives every kind a SARIF rule text and a doc line', () => {
    for (const { kind, sarif, doc } of info) {
      expect(['error', 'warning', 'note'], kind).toContain(sarif.level);
      expect(sarif.short.length, kind).toBeGreaterThan(5);
      expect(sarif.full, kind).toMatch(/^\S.*\.$/);
      expect(doc, kind).toMatch(/^\S.*[^.]$/);
    }
  });

  it("sets a rule's default level from the kind's severity", () => {
    const level = { error: 'error', warning: 'warning', info: 'note' } as const;
    // cache-ignored is reported as a warning, but its SARIF rule has always said note; changing it would change the SARIF output.
    const mismatched = info.filter((k) => k.sarif.level !== level[k.severity]).map((k) => k.kind);
    expect(mismatched).toEqual(['cache-ignored']);
  });

  it('lists the kinds stage by stage, in pipeline order', () => {
    const order: FindingStage[] = ['diff', 'suites', 'static', 'probes', 'mutation', 'cache', 'verdict'];
    const stages = info.map((k) => order.indexOf(k.stage));
    expect(stages).toEqual([...stages].sort((a, b) => a - b));
  });

  it('ranks the regressive kinds 1..n, in the order decideVerdict lists their reasons', () => {
    const regressive = kindsWithRole('regressive');
    expect(regressive.map((r) => r.rank)).toEqual(regressive.map((_, i) => i + 1));
    // Reordering these reorders the reasons of every regressive report (a new kind may go anywhere).
    const pinned = ['test-broken', 'masked-regression', 'test-disabled', 'suite-crashed', 'invented-api', 'unknown-package', 'type-error', 'probe-crash', 'probe-degenerate', 'tests-weakened'];
    expect(regressive.map((r) => r.kind).filter((k) => pinned.includes(k))).toEqual(pinned);
    for (const r of regressive) expect(FINDING_KIND_INFO[r.kind].severity, r.kind).toBe('error');
  });

  it('shows only info kinds through summaryAtInfo', () => {
    expect(info.filter((k) => k.summaryAtInfo && k.severity !== 'info')).toEqual([]);
  });
});

describe('docs/verdict.md', () => {
  it('has the finding-kind table generated from the registry', () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/verdict.md'), 'utf8');
    const start = doc.indexOf(FINDING_KINDS_DOC_START);
    const end = doc.indexOf(FINDING_KINDS_DOC_END);
    expect(start, 'docs/verdict.md lost its finding-kinds markers').toBeGreaterThan(-1);
    expect(doc.slice(start, end), 'docs/verdict.md is out of date: pnpm --filter @patchprobe/core build && node scripts/gen-verdict-docs.mjs').toBe(findingKindsDocTable());
  });
});
