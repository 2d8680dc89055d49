import type { Finding, FindingKind } from './finding.js';

/** Test outcomes a package the patch declares, but that is not installed, can cause. */
const FAILURE_KINDS: readonly FindingKind[] = ['test-broken', 'suite-crashed', 'new-test-fails'];

/** The package a `package-not-installed` finding names (its message quotes it: imports `name`). */
function packageOf(f: Finding): string | undefined {
  return /imports `([^`]+)`/.exec(f.message)?.[1];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Both copies link the dependencies installed now, so a package the patch adds to package.json is
 * usually missing from both: every test that loads it fails after the patch, which is not a
 * regression of the code but evidence the run could not gather. The static stage says which
 * declared packages are missing (`package-not-installed`); a failure whose error is node's or
 * vite's "cannot find / failed to resolve" of exactly such a package becomes `test-needs-install`
 * (a warning: install and rerun). Any other failure, and a package no package.json declares
 * (`unknown-package`), stays as it was. Pure.
 */
export function reconcileUninstalledPackages(suites: readonly Finding[], statics: readonly Finding[]): Finding[] {
  const names = [...new Set(statics.filter((f) => f.kind === 'package-not-installed').map(packageOf).filter((n): n is string => n !== undefined))];
  if (names.length === 0) return [...suites];
  const missing = new RegExp(`(Cannot find (?:package|module) '|Failed to resolve (?:import|entry for package) ")(${names.map(escape).join('|')})(?:/[^'"]*)?['"]`);
  return suites.map((f) => {
    if (!FAILURE_KINDS.includes(f.kind)) return f;
    const hit = missing.exec(f.message);
    if (!hit) return f;
    return {
      ...f,
      kind: 'test-needs-install',
      severity: 'warning',
      message: `${f.message} — \`${hit[2]}\` is a dependency the patch declares but that is not installed here, so this outcome says nothing about the code: install it and rerun`,
    };
  });
}
