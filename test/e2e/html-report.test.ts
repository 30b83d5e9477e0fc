// The offline HTML report of one scan, opened from file:// in real headless Chromium with every non-file request
// aborted: nothing is requested, the summary and the findings render, the file stays small, and it is keyboard
// reachable. Secret values are covered by the leak matrix (html is one of its formats).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_MISSING, launchBrowser, SCREENSHOTS } from '../support/browser.ts';
import { ROOT, shipshape } from './cli-support.ts';

describe('report -o html', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-html-'));
  const json = join(dir, 'scan.json');
  const html = join(dir, 'scan.html');
  before(() => {
    const scan = shipshape([
      'scan',
      '--snapshot',
      join(ROOT, 'examples/broken-cluster/snapshot.yaml'),
      '-o',
      'json',
    ]);
    writeFileSync(json, scan.stdout);
    const run = shipshape(['report', json, '-o', 'html', '--out', html]);
    assert.equal(run.status, 0, run.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('equals scan -o html, stays under 1 MiB and names no external resource', () => {
    const direct = shipshape([
      'scan',
      '--snapshot',
      join(ROOT, 'examples/broken-cluster/snapshot.yaml'),
      '-o',
      'html',
    ]);
    const text = readFileSync(html, 'utf8');
    assert.equal(text, direct.stdout);
    assert.ok(statSync(html).size < 1024 * 1024);
    assert.doesNotMatch(text, /<script|<img|<link|<iframe|@import|url\(/i);
  });

  it('refuses input that is not a report, with exit 2', () => {
    const notJson = shipshape(['report', join(ROOT, 'package.json')]);
    assert.equal(notJson.status, 2);
    assert.match(notJson.stderr, /is not a shipshape JSON report \(no tool.name "shipshape"\)/);
    const missing = shipshape(['report', join(dir, 'nope.json')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read/);
  });

  it('renders offline in Chromium with no request, summary, findings and keyboard focus', {
    skip: CHROMIUM_MISSING ?? false,
  }, async () => {
    const { context, close } = await launchBrowser();
    try {
      const page = await context.newPage();
      const aborted: string[] = [];
      const errors: string[] = [];
      await page.route('**/*', (route) => {
        if (route.request().url().startsWith('file:')) return route.continue();
        aborted.push(route.request().url());
        return route.abort();
      });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(pathToFileURL(html).href);
      assert.deepEqual(aborted, []);
      assert.deepEqual(errors, []);
      const report = JSON.parse(readFileSync(json, 'utf8')) as { summary: { findings: number } };
      assert.equal(
        await page.locator('section[aria-labelledby=findings] tbody tr').count(),
        report.summary.findings,
      );
      assert.match((await page.locator('h2#summary').textContent()) ?? '', /Summary/);
      // Keyboard: Tab reaches the first finding's disclosure and Enter opens it.
      const summary = page.locator('section[aria-labelledby=findings] details summary').first();
      const focused = () => summary.evaluate((el) => el === el.ownerDocument.activeElement);
      for (let i = 0; i < 40 && !(await focused()); i++) await page.keyboard.press('Tab');
      assert.ok(await focused(), 'Tab reaches the first finding');
      await page.keyboard.press('Enter');
      assert.equal(
        await page.locator('section[aria-labelledby=findings] details').first().getAttribute('open'),
        '',
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'report-html.png'), fullPage: true });
    } finally {
      await close();
    }
  });
});
