import type { Finding } from '../../verdict/finding.js';
import { isSnapshotFile, snapshotFileFindings } from './snapshot-file.js';
import { DEFAULT_TIMEOUT_MS, display, FileComparison, isTodo, removedFinding } from './tamper-compare.js';
import { parseTestFile, type ParsedTestFile } from './test-ast.js';
import type { StaticFile } from '../types.js';

export { createModuleExists } from './module-exists.js';

export interface TamperInput {
  /** Only role 'test' files are examined for tests; snapshot files are recognised by path. */
  files: readonly StaticFile[];
  /** true when `specifier`, imported from repository-relative `fromFile`, resolves in the after tree (used for vi.mock). */
  moduleExists: (specifier: string, fromFile: string) => boolean;
}

/**
 * Static signs that a patch weakened the tests instead of (or besides) changing the code: removed,
 * skipped or focused tests, fewer assertions, changed expected values, looser matchers, rewritten
 * snapshots, mocks of modules that do not exist. All warnings: the verdict weighs them with the
 * suite matrix (a skipped test whose old version fails on the new code is the real evidence).
 */
export function detectTampering(input: TamperInput): Finding[] {
  const findings: Finding[] = [];
  for (const file of input.files) {
    if (isSnapshotFile(file.path) || (file.oldPath !== undefined && isSnapshotFile(file.oldPath))) {
      findings.push(...snapshotFileFindings(file));
      continue;
    }
    if (file.role !== 'test') continue;
    const beforePath = file.oldPath ?? file.path;
    if (file.after === undefined) {
      if (file.before !== undefined) {
        const before = parseTestFile(beforePath, file.before);
        for (const t of before.entries) if (t.kind === 'test' && !isTodo(t)) findings.push(removedFinding(beforePath, t, 'its file was deleted'));
      }
    } else if (file.before === undefined) {
      findings.push(...fileFindings(file.path, undefined, parseTestFile(file.path, file.after), input.moduleExists));
    } else if (file.before !== file.after) {
      const before = parseTestFile(beforePath, file.before);
      const after = parseTestFile(file.path, file.after);
      if (!after.broken) findings.push(...new FileComparison(beforePath, file.path, before, after).run(), ...fileFindings(file.path, before, after, input.moduleExists));
    }
  }
  return findings;
}

/**
 * File-level changes: `vi.mock('x')` added for a module that does not resolve in the after tree
 * (the mock silently does nothing), and `vi.setConfig` timeouts raised.
 */
function fileFindings(file: string, before: ParsedTestFile | undefined, after: ParsedTestFile, exists: TamperInput['moduleExists']): Finding[] {
  const old = (before?.mocks ?? []).map((m) => m.specifier);
  const out: Finding[] = [];
  for (const m of after.mocks) {
    const i = old.indexOf(m.specifier);
    if (i >= 0) {
      old.splice(i, 1);
      continue;
    }
    if (exists(m.specifier, file)) continue;
    const f: Finding = { kind: 'tamper-mock-missing', severity: 'warning', file, line: m.line, message: `\`vi.mock('${m.specifier}')\` mocks a module that does not exist; the test runs without the mock it seems to rely on` };
    if (m.test) f.test = display(file, m.test);
    out.push(f);
  }
  const maxOf = (xs: readonly { value: number }[]): number | undefined => (xs.length === 0 ? undefined : Math.max(...xs.map((x) => x.value)));
  const raised = maxOf(after.configTimeouts);
  const was = before ? maxOf(before.configTimeouts) : undefined;
  if (before && raised !== undefined && raised > (was ?? DEFAULT_TIMEOUT_MS)) {
    const at = after.configTimeouts.find((c) => c.value === raised);
    out.push({ kind: 'tamper-matcher-loosened', severity: 'warning', file, line: at?.line ?? 1, message: `\`vi.setConfig\` timeout raised from ${was ?? `the default ${DEFAULT_TIMEOUT_MS}`} to ${raised} ms` });
  }
  return out;
}
