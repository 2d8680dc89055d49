import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/verdict/finding.js';
import { reconcileUninstalledPackages } from '../src/verdict/uninstalled-packages.js';
import { decideVerdict } from '../src/verdict/decide.js';

const notInstalled = (name: string): Finding => ({
  kind: 'package-not-installed',
  severity: 'warning',
  message: `imports \`${name}\`, which a package.json declares but is not installed here (a new dependency?) (TS2307), so the type-check could not see it`,
  file: 'src/retry.ts',
});
const broken = (error: string): Finding => ({ kind: 'test-broken', severity: 'error', message: `"test/a.test.ts > a > works" passed before the patch and fails after: ${error}`, test: 'test/a.test.ts > a > works' });

describe(reconcileUninstalledPackages.name, () => {
  it.each([
    ["Error: Cannot find package 'zod' imported from <root>/src/retry.ts"],
    ["Error: Cannot find module 'zod/v4' imported from <root>/src/retry.ts"],
    ['Error: Failed to resolve import "zod" from "src/retry.ts". Does the file exist?'],
    ['Error: Failed to resolve entry for package "@scope/pkg". The package may have incorrect main/module/exports specified in its package.json.'],
  ])('sets apart a failure caused by a declared package that is not installed: %s', (error) => {
    const [f] = reconcileUninstalledPackages([broken(error)], [notInstalled(error.includes('@scope') ? '@scope/pkg' : 'zod')]);
    expect(f).toMatchObject({ kind: 'test-needs-install', severity: 'warning' });
    expect(f!.message).toMatch(/is a dependency the patch declares but that is not installed here/);
  });

  it.each([
    // another package, a prefix of the name, any other error, no declared-but-missing package
    ["Error: Cannot find package 'zodiac' imported from <root>/src/retry.ts", [notInstalled('zod')]],
    ["Error: Cannot find package 'left-pad' imported from <root>/src/retry.ts", [notInstalled('zod')]],
    ['AssertionError: expected 2 to be 3', [notInstalled('zod')]],
    ["Error: Cannot find package 'zod' imported from <root>/src/retry.ts", []],
    // a package no package.json declares is the static stage's unknown-package: the break stands
    ["Error: Cannot find package 'zod' imported from <root>/src/retry.ts", [{ ...notInstalled('zod'), kind: 'unknown-package', severity: 'error' } as Finding]],
  ] as Array<[string, Finding[]]>)('keeps a genuine break: %s', (error, statics) => {
    expect(reconcileUninstalledPackages([broken(error)], statics)).toEqual([broken(error)]);
  });

  it('keeps a patch whose only failures come from an uninstalled declared package out of regressive', () => {
    const suites = reconcileUninstalledPackages([broken("Error: Cannot find package 'zod' imported from <root>/src/retry.ts")], [notInstalled('zod')]);
    const d = decideVerdict([{ kind: 'source-changed', severity: 'info', message: 'x', file: 'src/retry.ts' }, ...suites, notInstalled('zod')]);
    expect(d.verdict).not.toBe('regressive');
    expect(d.reasons[0]).toMatch(/^1 test could not run the new code: it loads a package the patch declares but that is not installed here/);
    const withBreak = decideVerdict([{ kind: 'source-changed', severity: 'info', message: 'x', file: 'src/retry.ts' }, broken('AssertionError: expected 2 to be 3'), ...suites]);
    expect(withBreak.verdict).toBe('regressive');
  });
});
