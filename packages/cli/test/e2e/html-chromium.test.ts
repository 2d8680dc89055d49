import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@patchprobe/core';
import { EXAMPLES, expectValidReport, runCli, scaledMs } from '@patchprobe/test-utils';
import { createExampleRepo, git } from '../../../../scripts/lib/example-repo.mjs';
import { renderHtml } from '../../src/render/html.js';
import { withMutation } from '../render/html-sample-report.js';

// Debian's chromium, never a downloaded one: the machine has no network for browser downloads.
// .ci/run installs it, so on CI a missing browser is a broken setup and must fail, not skip.
const CHROMIUM = '/usr/bin/chromium';
const ON_CI = Boolean(process.env.CI) && !['0', 'false'].includes(process.env.CI!.toLowerCase());
const SKIP = !fs.existsSync(CHROMIUM) && !ON_CI;
const MISSING = `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (.ci/run does)`;
const SKIP_REASON = `${MISSING}; with CI set this is a failure`;
if (SKIP) console.warn(`html-chromium.test.ts skipped: ${SKIP_REASON}`);

// A real test whose title is markup: on the after code it fails, so it lands in the changed-tests
// table, in a finding's message and in the page. If any of it ran, window.__pwned would be set.
const HOSTILE_TITLE = '<script>window.__pwned = true; alert("pwned")</script><img src=x onerror="window.__pwned=true"> rates no ratings as 0';
const HOSTILE_TEST = `import { expect, it } from 'vitest';
import { averageRating } from '../src/ratings.js';

it(${JSON.stringify(HOSTILE_TITLE)}, () => {
  expect(averageRating([])).toBe(0);
});
`;

// Callbacks passed to page.evaluate run in the browser; this project compiles without the DOM lib,
// so they name the few browser globals they use through this type (erased before they are sent).
interface InPage {
  getComputedStyle(el: unknown): { backgroundColor: string; color: string };
  document: { scripts: { length: number }; images: { length: number } };
  __pwned?: boolean;
}

const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number);
const background = (l: Locator): Promise<string> => l.evaluate((el) => (globalThis as unknown as InPage).getComputedStyle(el).backgroundColor);
/** Relative luminance, 0 (black) to 1 (white), of an rgb()/rgba() colour. */
const luminance = (css: string): number => {
  const [r = 0, g = 0, b = 0] = rgb(css);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

describe.skipIf(SKIP)(SKIP ? `HTML report in headless Chromium (skipped: ${SKIP_REASON})` : 'HTML report in headless Chromium', () => {
  // Set PP_HTML_E2E_OUT to keep the page, its screenshots and the PDF for a look.
  let outDir = '';
  let htmlFile = '';
  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  let browser: Browser | undefined;
  let page: Page;
  let renderMs = 0;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`CI is set and ${MISSING}`);
    outDir = process.env.PP_HTML_E2E_OUT ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pp-html-e2e-'));
    fs.mkdirSync(outDir, { recursive: true });
    htmlFile = path.join(outDir, 'report.html');
    const repo = createExampleRepo(path.join(EXAMPLES, 'probe-edge-regression'), { prefix: 'pp-html-e2e-repo-' });
    let report: Report;
    try {
      fs.writeFileSync(path.join(repo.dir, 'test/empty.test.ts'), HOSTILE_TEST);
      git(repo.dir, ['add', '-A']);
      git(repo.dir, ['commit', '-q', '-m', 'a test with markup in its title']);
      const jsonFile = path.join(outDir, 'report.json');
      const r = await runCli(['verify', '--cwd', repo.dir, '--patch', path.join(EXAMPLES, 'probe-edge-regression/patch.diff'), '--json', jsonFile, '--no-mutation']);
      expect(r.exitCode, r.stderr).toBe(1);
      report = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as Report;
    } finally {
      repo.cleanup();
    }
    // This example's tests kill every mutant; a schema-valid mutation section with survivors stands
    // in (the real stage is off above: it would cost ~8 s and be replaced anyway).
    const full = withMutation(report);
    expectValidReport(full);
    const t0 = performance.now();
    fs.writeFileSync(htmlFile, renderHtml(full));
    renderMs = performance.now() - t0;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    page.on('request', (req) => requests.push(req.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
  }, scaledMs(300_000));

  afterAll(async () => {
    await browser?.close();
    if (outDir && !process.env.PP_HTML_E2E_OUT) fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('shows the verdict in a coloured badge, the confidence and the subject', async () => {
    const verdict = page.getByTestId('verdict');
    expect(await verdict.isVisible()).toBe(true);
    expect(await verdict.innerText()).toBe('REGRESSIVE');
    const [r = 0, g = 0, b = 0, a = 1] = rgb(await background(verdict));
    expect({ red: r > 150 && r > 2 * g && r > 2 * b, opaque: a > 0.9 }).toEqual({ red: true, opaque: true });
    expect(await page.getByTestId('confidence').innerText()).toBe('high confidence');
    expect(await page.getByTestId('subject').innerText()).toMatch(/^HEAD \([0-9a-f]{7}\) → patch .*probe-edge-regression\/patch\.diff$/);
    expect(await page.title()).toMatch(/^patchprobe: regressive · /);
  });

  it('shows the changed function before and after, with real line numbers and the changed lines tinted', async () => {
    const card = page.locator('[data-testid="declaration"]', { has: page.locator('h3', { hasText: /^averageRating$/ }) });
    expect(await card.isVisible()).toBe(true);
    const line = (text: string, side: 'before' | 'after'): Locator => card.locator(`td.src[data-side="${side}"]`, { hasText: text });
    const number = (cell: Locator): Promise<string> => cell.locator('xpath=preceding-sibling::td[1]').innerText();

    const removed = line('if (ratings.length === 0) return 0;', 'before');
    const added = line('const sum = ratings.reduce((total, rating) => total + rating, 0);', 'after');
    const keptBefore = line('return Math.round((sum / ratings.length) * 10) / 10;', 'before');
    const keptAfter = line('return Math.round((sum / ratings.length) * 10) / 10;', 'after');
    for (const l of [removed, added, keptBefore, keptAfter]) expect(await l.isVisible()).toBe(true);
    expect([await number(removed), await number(added), await number(keptBefore), await number(keptAfter)]).toEqual(['3', '3', '6', '4']);

    const [removedBg, addedBg, keptBg] = [await background(removed), await background(added), await background(keptBefore)];
    expect(new Set([removedBg, addedBg, keptBg]).size).toBe(3);
    // Removed reads red, added reads green.
    const [rr = 0, rg = 0] = rgb(removedBg);
    const [ar = 0, ag = 0] = rgb(addedBg);
    expect({ removedIsRed: rr > rg, addedIsGreen: ag > ar }).toEqual({ removedIsRed: true, addedIsGreen: true });
    expect(await card.getByTestId('probe-outcome').innerText()).toMatch(/^Property probe: diverged (1 input|\d+ inputs) \(generated \+ \d+ recorded\) · \d+ ms · counterexample$/);
    expect(await card.getByTestId('mutation-counts').innerText()).toBe('Mutation probes: 50% 4 mutants: 2 killed, 1 survived, 1 no coverage');
  });

  it('shows the counterexample: the call, both outcomes and how to replay it; the suggested test opens on click', async () => {
    const cx = page.getByTestId('counterexample');
    expect(await cx.count()).toBe(1);
    const call = cx.getByTestId('counterexample-call');
    expect(await call.isVisible()).toBe(true);
    expect(await call.innerText()).toBe('averageRating([])');
    expect([await cx.getByTestId('counterexample-before').innerText(), await cx.getByTestId('counterexample-after').innerText()]).toEqual(['returns 0', 'returns Number.NaN']);
    expect(await cx.getByTestId('replay').innerText()).toMatch(/^Replay: seed \d+, path \d+ · /);

    const code = cx.getByTestId('suggested-test').locator('pre');
    expect(await code.isVisible()).toBe(false);
    await cx.getByTestId('suggested-test').locator('summary').click();
    expect(await code.isVisible()).toBe(true);
    expect(await code.innerText()).toContain('expect(averageRating([])).toBeNaN();');
  });

  it('shows a test title holding <script> and an onerror handler as text, and runs none of it', async () => {
    const row = page.getByTestId('test-change').filter({ hasText: 'rates no ratings as 0' });
    expect(await row.isVisible()).toBe(true);
    expect(await row.locator('.test-name').innerText()).toContain(HOSTILE_TITLE);
    expect(await row.locator('.transition').innerText()).toBe('pass→fail');
    expect(await page.locator('[data-testid="finding"]', { hasText: '<script>window.__pwned' }).count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (globalThis as unknown as InPage).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => [(globalThis as unknown as InPage).document.scripts.length, (globalThis as unknown as InPage).document.images.length])).toEqual([1, 0]);
  });

  it('lists the surviving and uncovered mutants, not the killed ones', async () => {
    const rows = page.getByTestId('mutant');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toMatch(/src\/ratings\.ts:3:30\s+averageRating\s+\(total, rating\) => total \+ rating\s*→\s*\(\) => undefined\s+ArrowFunction\s+survived/);
    expect(await rows.nth(1).innerText()).toMatch(/src\/ratings\.ts:4:38[\s\S]*\/ 10\s*→\s*\* 10\s+ArithmeticOperator\s+no coverage/);
    expect(await page.getByTestId('mutation-score').innerText()).toMatch(/^StrykerJS on the touched code · score 50% · threshold 60%/);
  });

  it('groups the findings by severity, errors first', async () => {
    const top = async (id: string): Promise<number> => (await page.getByTestId(id).boundingBox())?.y ?? -1;
    const [error, info] = [await top('findings-error'), await top('findings-info')];
    expect(error).toBeGreaterThan(0);
    expect(info).toBeGreaterThan(error);
    const kinds = await page.getByTestId('findings-error').locator('.kind').allInnerTexts();
    expect(kinds).toEqual(expect.arrayContaining(['probe-degenerate', 'test-broken']));
  });

  it('reads in dark mode too', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      const body = page.locator('body');
      const [bg, fg] = await body.evaluate((el) => {
        const style = (globalThis as unknown as InPage).getComputedStyle(el);
        return [style.backgroundColor, style.color];
      });
      expect({ darkBackground: luminance(bg!) < 0.15, lightText: luminance(fg!) > 0.75 }).toEqual({ darkBackground: true, lightText: true });
      await page.screenshot({ path: path.join(outDir, 'report-dark.png'), fullPage: true });
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('fetches nothing but the page itself, logs no error, and renders fast', async () => {
    await page.screenshot({ path: path.join(outDir, 'report.png'), fullPage: true });
    if (process.env.PP_HTML_E2E_OUT) console.log(`screenshots in ${outDir}`);
    expect(requests).toEqual([pathToFileURL(htmlFile).href]);
    expect(consoleErrors).toEqual([]);
    expect(renderMs).toBeLessThan(scaledMs(1000));
  });

  it('prints with every folded part open', async () => {
    const folded = (): Promise<boolean[]> => page.locator('details').evaluateAll((els) => els.map((d) => (d as unknown as { open: boolean }).open));
    expect((await folded()).includes(false)).toBe(true);
    const pdf = await page.pdf({ path: path.join(outDir, 'report.pdf'), format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await folded()).includes(false)).toBe(false);
  });
});
