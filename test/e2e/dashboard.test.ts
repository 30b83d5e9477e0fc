// The dashboard in real headless Chromium over a real history database (SQLite file) seeded with a scan
// sequence: stale and partial banners, filters in the URL with the row count the store gives, the detail
// timeline in order, n/a for a namespace the scan could not read, keyboard navigation, readable contrast, no
// console error and no request leaving the server; 401 without the token on a non-loopback bind.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import type { ClusterStatus, ServeStatus } from '../../src/serve/contract.ts';
import { dashboardRoutes } from '../../src/serve/dashboard/routes.ts';
import { createApp } from '../../src/serve/http/app.ts';
import { type ListeningServer, listen } from '../../src/serve/http/server.ts';
import { startHttpServer } from '../../src/serve/http/start.ts';
import { HistoryStore } from '../../src/store/store.ts';
import { CHROMIUM_MISSING, launchBrowser, SCREENSHOTS } from '../support/browser.ts';
import { ALL_CHECKS, DAY, HOUR, meta, observation, type ScanSpec, T0 } from '../support/history-fixtures.ts';

const skip = CHROMIUM_MISSING ?? false;

// Run in the page (as source text: the test is not compiled against the DOM's types).
interface Focused {
  tag: string;
  text: string;
  outline: string;
  width: string;
}
const FOCUSED = `(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return { tag: el.tagName, text: el.textContent ?? '', outline: style.outlineStyle, width: style.outlineWidth };
})()`;
/** Every text node whose colour on its background is below WCAG AA's 4.5:1. */
const LOW_CONTRAST = `(() => {
  const parse = (c) => (c.match(/[\\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] !== 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || n.textContent.trim() === '' || el.closest('.skip')) continue;
    checked++;
    const a = lum(parse(getComputedStyle(el).color));
    const b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) out.push(ratio.toFixed(2) + ' ' + el.tagName + ' "' + n.textContent.trim().slice(0, 30) + '"');
  }
  return { checked, low: out };
})()`;
const INTERVAL = HOUR;
const PAGES = [
  '/',
  '/findings',
  '/trends',
  '/kpis',
  '/namespaces',
  '/namespaces/prod/shop',
  '/teams',
  '/teams/storefront',
  '/scans',
];
const NOW = T0 + 2 * DAY;

// prod: three scans, the last one an hour ago (fresh, complete). edge: one scan two days ago (stale), partial.
const PROD: ScanSpec[] = [
  {
    at: NOW - 3 * HOUR,
    objects: ['Pod/shop/web', 'Pod/shop/db', 'Deployment/payments/api', 'Pod/shop/cart'],
    findings: [
      { check: 'pod-crash-looping', object: 'Pod/shop/web', severity: 'high' },
      { check: 'c-limits', object: 'Deployment/payments/api', severity: 'critical' },
      { check: 'c-limits', object: 'Pod/shop/db', severity: 'medium' },
    ],
  },
  {
    at: NOW - 2 * HOUR,
    objects: ['Pod/shop/web', 'Pod/shop/db', 'Deployment/payments/api', 'Pod/shop/cart'],
    findings: [
      { check: 'c-limits', object: 'Deployment/payments/api', severity: 'critical' },
      { check: 'c-limits', object: 'Pod/shop/db', severity: 'medium' },
      { check: 'pod-crash-looping', object: 'Pod/shop/cart', severity: 'high' },
    ],
  },
  {
    at: NOW - HOUR,
    objects: ['Pod/shop/web', 'Pod/shop/db', 'Deployment/payments/api', 'Pod/shop/cart'],
    findings: [
      { check: 'pod-crash-looping', object: 'Pod/shop/web', severity: 'high' },
      { check: 'c-limits', object: 'Deployment/payments/api', severity: 'critical' },
      { check: 'c-limits', object: 'Pod/shop/db', severity: 'medium' },
      { check: 'pod-crash-looping', object: 'Pod/shop/cart', severity: 'high' },
    ],
  },
];
for (const spec of PROD) spec.coverage = { checksRan: [...ALL_CHECKS, 'pod-crash-looping'] };
const EDGE: ScanSpec = {
  at: NOW - 2 * DAY + HOUR,
  objects: ['Pod/team-a/proxy', 'Pod/team-b/cache'],
  findings: [{ check: 'pod-crash-looping', object: 'Pod/team-a/proxy', severity: 'low' }],
  coverage: {
    namespacesForbidden: [{ namespace: 'team-b', kinds: ['*'], reason: 'pods is forbidden' }],
  },
};

function status(cluster: string): ClusterStatus {
  return {
    cluster,
    runningSince: null,
    nextScanAt: null,
    intervalMs: INTERVAL,
    lastError: null,
    pendingWrite: false,
  };
}
const STATUS: ServeStatus = {
  instance: 'test:1',
  startedAt: T0,
  database: 'test.db',
  clusters: () => [status('edge'), status('prod')],
};

describe('dashboard in headless Chromium', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-dashboard-'));
  let store: HistoryStore;
  let server: ListeningServer;
  let context: BrowserContext;
  let closeBrowser: () => Promise<void>;
  const outside: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    store = await HistoryStore.open(join(dir, 'history.db'));
    // Teams from a namespace label (the serve config's teamLabel), as the scans recorded them.
    const ns = (namespace: string, team: string | null) => ({
      namespace,
      labels: (team ? { 'example.com/team': team } : {}) as Record<string, string>,
      team,
    });
    for (const spec of PROD)
      await store.recordScan(meta('prod', spec), {
        ...observation(spec),
        facts: { namespaces: [ns('shop', 'storefront'), ns('payments', 'payments')], certificates: [] },
      });
    await store.recordScan(meta('edge', EDGE), {
      ...observation(EDGE),
      facts: { namespaces: [ns('team-a', 'storefront'), ns('team-b', null)], certificates: [] },
    });
    const app = createApp({
      host: '127.0.0.1',
      auth: {},
      metrics: () => undefined,
      dashboard: dashboardRoutes({ store, status: STATUS, now: () => NOW, teamLabel: 'example.com/team' }),
    });
    server = await listen(app, { host: '127.0.0.1', port: 0, auth: {} });
    const browser = await launchBrowser();
    context = browser.context;
    closeBrowser = browser.close;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    context.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  });

  after(async () => {
    await closeBrowser?.();
    await server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(server.url + path);
    assert.equal(response?.status(), 200, path);
    return page;
  }

  it('overview: the stale and partial cluster has its banners, the fresh one none', async () => {
    const page = await open('/');
    const edge = await page.locator('[data-cluster="edge"]').allTextContents();
    assert.ok(
      edge.some((t) => t.startsWith('stale:')),
      edge.join('\n'),
    );
    assert.ok(
      edge.some((t) => t.startsWith('partial:') && t.includes('team-b')),
      edge.join('\n'),
    );
    assert.equal(await page.locator('[data-cluster="prod"]').count(), 0);
    const top = await page.locator('[role="alert"]').textContent();
    assert.match(top ?? '', /1 of 2 clusters not fully current: edge/);
    assert.ok(await page.locator('[role="alert"]').isVisible());
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-overview.png'), fullPage: true });
    await page.close();
  });

  it('findings: a namespace filter typed in the form lands in the URL and the rows match the store', async () => {
    const page = await open('/findings');
    const all = await store.findings({});
    assert.equal(await page.locator('tbody tr').count(), all.total);
    await page.getByLabel('Namespace').fill('shop');
    await page.getByLabel('Namespace').press('Enter');
    await page.waitForURL(/namespace=shop/);
    const url = new URL(page.url());
    assert.deepEqual(url.searchParams.getAll('namespace'), ['shop']);
    const expected = await store.findings({ namespaces: ['shop'] });
    assert.equal(expected.total, 3);
    assert.equal(await page.locator('tbody tr').count(), expected.total);
    assert.equal(await page.locator('#count').getAttribute('data-total'), String(expected.total));
    // The same URL opened afresh shows the same view.
    const again = await open(url.pathname + url.search);
    assert.equal(await again.locator('tbody tr').count(), expected.total);
    assert.equal(await again.getByLabel('Namespace').inputValue(), 'shop');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-findings.png'), fullPage: true });
    // Sorting by a column is a link that keeps the filter.
    await page.getByRole('link', { name: 'Object' }).click();
    await page.waitForURL(/sort=name/);
    assert.deepEqual(new URL(page.url()).searchParams.getAll('namespace'), ['shop']);
    const names = await page.locator('tbody tr td:nth-child(4) a').allTextContents();
    assert.deepEqual(names, [...names].sort());
    await page.close();
    await again.close();
  });

  it('finding detail: the timeline lists its events in order (opened, resolved, reopened)', async () => {
    const page = await open('/findings?namespace=shop&check=pod-crash-looping&name=web');
    await page.getByRole('link', { name: 'Pod shop/web' }).click();
    await page.waitForURL(/\/findings\/prod\//);
    const kinds = await page
      .locator('ol.timeline li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    assert.deepEqual(kinds, ['opened', 'resolved', 'reopened']);
    const times = await page
      .locator('ol.timeline time')
      .evaluateAll((items) => items.map((t) => Date.parse(t.getAttribute('datetime') ?? '')));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.match(
      (await page.locator('main').textContent()) ?? '',
      /Full runbook: shipshape explain pod-crash-looping/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-finding.png'), fullPage: true });
    await page.close();
  });

  it('namespaces: a namespace the scan could not read is n/a, not zero', async () => {
    const page = await open('/namespaces');
    const row = page.locator('tr[data-namespace="team-b"]');
    assert.match((await row.textContent()) ?? '', /n\/a/);
    assert.doesNotMatch((await row.locator('td').nth(2).textContent()) ?? '', /^0$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-namespaces.png'), fullPage: true });
    await page.close();
  });

  it('scans: every recorded scan, the partial one marked', async () => {
    const page = await open('/scans');
    assert.equal(await page.locator('tbody tr').count(), 4);
    assert.match((await page.locator('tbody').textContent()) ?? '', /partial/);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-scans.png'), fullPage: true });
    await page.close();
  });

  it('trends: open findings per severity after each scan, and the changes since a scan chosen in the form', async () => {
    const page = await open('/trends?cluster=prod');
    const rows = await page
      .locator('section[data-cluster="prod"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(2).map((td) => td.textContent)),
      );
    // Newest first; by hand: web, api, db open; web resolved and cart opened; web reopened.
    assert.deepEqual(rows, [
      ['1', '2', '1', '0', '0'],
      ['1', '1', '1', '0', '0'],
      ['1', '1', '1', '0', '0'],
    ]);
    assert.equal(await page.locator('section[data-cluster="prod"] svg polyline').count(), 5);
    const [first] = await store.scans({
      cluster: 'prod',
      status: 'completed',
      before: NOW - 3 * HOUR + 1,
      limit: 1,
    });
    await page.getByLabel('Changes since scan').selectOption(String(first!.id));
    await page.getByRole('button', { name: 'Apply' }).press('Enter');
    await page.waitForURL(/since-scan=/);
    assert.equal(new URL(page.url()).searchParams.get('since-scan'), String(first!.id));
    assert.equal(new URL(page.url()).searchParams.get('cluster'), 'prod');
    const cards = Object.fromEntries(
      await page
        .locator('[data-change]')
        .evaluateAll((els) =>
          els.map((e) => [e.getAttribute('data-change'), e.querySelector('.n')?.textContent]),
        ),
    );
    // After the first scan: cart new, web resolved then reopened, nothing deleted.
    assert.deepEqual(cards, { opened: '1', reopened: '1', resolved: '1', gone: '0' });
    assert.deepEqual(await page.locator('tr[data-kind="reopened"] a').allTextContents(), ['Pod shop/web']);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-trends.png'), fullPage: true });
    await page.close();
  });

  it('KPIs: the numbers of store.kpis for the window in the URL, each linked to its formula', async () => {
    const page = await open('/kpis');
    await page.locator('select[name=since]').selectOption('7d');
    await page.locator('select[name=cluster]').selectOption('prod');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/since=7d/);
    const expected = await store.kpis({
      from: NOW - 7 * DAY,
      to: NOW,
      sla: { critical: 7 * DAY, high: 30 * DAY, medium: 90 * DAY, low: 180 * DAY, info: 365 * DAY },
      cluster: 'prod',
    });
    assert.equal(expected.backlog.open, 4);
    assert.match(
      (await page.locator('[data-kpi="backlog"]').textContent()) ?? '',
      /^4 \(critical 1, high 2, medium 1/,
    );
    assert.equal(expected.reopen.reopened, 1);
    assert.match(
      (await page.locator('[data-kpi="reopen"]').textContent()) ?? '',
      /\(1 reopened per 1 resolved\)/,
    );
    const links = await page
      .locator('a.formula-link')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 13, links.join(' '));
    // Delivery: no revision recorded by these scans; lead time is never a number.
    assert.match(
      (await page.locator('[data-kpi="deployment-frequency"]').textContent()) ?? '',
      /^0 workload rollouts/,
    );
    assert.match(
      (await page.locator('[data-kpi="lead-time"]').textContent()) ?? '',
      /^not derivable from a cluster/,
    );
    for (const href of links) assert.equal(await page.locator(href!).count(), 1, `${href} has its formula`);
    await page.locator('a.formula-link').first().click();
    assert.match(
      (await page.locator('#formula-mttr + dd').textContent()) ?? '',
      /resolved\.at − episode start/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-kpis.png'), fullPage: true });
    await page.close();
  });

  it('namespace view: open findings of one namespace by severity and check; n/a where the scan could not read it', async () => {
    const page = await open('/namespaces');
    await page.locator('tr[data-namespace="shop"]').getByRole('link', { name: 'shop' }).click();
    await page.waitForURL(/\/namespaces\/prod\/shop$/);
    assert.deepEqual(await page.locator('.card .n').allTextContents(), ['0', '2', '1', '0', '0', '0']);
    assert.deepEqual(
      await page.locator('tr[data-check]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-check'))),
      ['pod-crash-looping', 'c-limits'],
    );
    await page.getByRole('link', { name: 'pod-crash-looping' }).click();
    await page.waitForURL(/\/findings\?/);
    const url = new URL(page.url());
    assert.deepEqual(url.searchParams.getAll('namespace'), ['shop']);
    assert.equal(await page.locator('tbody tr').count(), 2);
    await page.close();
    const denied = await open('/namespaces/edge/team-b');
    assert.match((await denied.locator('.banner').textContent()) ?? '', /not readable/);
    assert.equal(await denied.locator('.card .n').first().textContent(), 'n/a');
    await denied.screenshot({ path: join(SCREENSHOTS, 'dashboard-namespace.png'), fullPage: true });
    await denied.close();
  });

  it('teams: open findings summed over the namespaces of each team in every cluster; a namespace without the label is "no team"', async () => {
    const page = await open('/teams');
    const rows = await page
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-team'),
          ...[...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent),
        ]),
      );
    // By hand: storefront = prod/shop (high 2, medium 1) + edge/team-a (low 1); payments = prod/payments (critical 1).
    assert.deepEqual(rows, [
      ['payments', '1', '1', '0', '0', '0', '0'],
      ['storefront', '2', '0', '2', '1', '1', '0'],
      // edge/team-b: not readable in edge's last scan, so its zeros are marked unverified.
      ['', '1 1 not readable (counts not verified)', '0', '0', '0', '0', '0'],
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-teams.png'), fullPage: true });
    await page.getByRole('link', { name: 'storefront' }).click();
    await page.waitForURL(/\/teams\/storefront$/);
    assert.deepEqual(
      await page.locator('tbody tr').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-namespace'))),
      ['team-a', 'shop'],
    );
    await page.getByRole('link', { name: 'Every open finding of team storefront' }).click();
    await page.waitForURL(/\/findings\?team=storefront$/);
    const expected = await store.findings({ teams: ['storefront'] });
    assert.equal(expected.total, 4);
    assert.equal(await page.locator('tbody tr').count(), expected.total);
    assert.equal(await page.getByLabel('Team').inputValue(), 'storefront');
    await page.close();
    const ns = await open('/namespaces/prod/shop');
    assert.match((await ns.locator('main p').first().textContent()) ?? '', /team storefront/);
    await ns.close();
  });

  it('keyboard: every control on every page is reachable with Tab and shows a focus ring', async () => {
    for (const path of PAGES) {
      const page = await open(path);
      const reached = new Set<string>();
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate<Focused>(FOCUSED);
        if (focused.tag === 'BODY') break;
        reached.add(`${focused.tag} ${focused.text.trim().slice(0, 30)}`);
        assert.equal(
          focused.outline,
          'solid',
          `${path}: ${focused.tag} "${focused.text.trim().slice(0, 30)}"`,
        );
        assert.notEqual(focused.width, '0px', `${path}: ${focused.text}`);
      }
      assert.ok(reached.size >= 7, `${path}: ${[...reached].join(' | ')}`);
      await page.close();
    }
  });

  it('keyboard: the skip link comes first, then the navigation, each with a visible focus ring', async () => {
    const page = await open('/findings');
    await page.keyboard.press('Tab');
    assert.equal((await page.evaluate<Focused>(FOCUSED)).text, 'Skip to content');
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate<Focused>(FOCUSED);
      order.push(focused.text);
      assert.equal(focused.outline, 'solid', focused.text);
      assert.notEqual(focused.width, '0px', focused.text);
    }
    assert.deepEqual(order, ['Overview', 'Findings', 'Trends', 'KPIs', 'Namespaces', 'Teams', 'Scans']);
    // Enter on the focused link follows it.
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/scans$/);
    await page.close();
  });

  it('contrast: text on every page meets WCAG AA (4.5:1)', async () => {
    for (const path of PAGES) {
      const page = await open(path);
      const { checked, low } = await page.evaluate<{ checked: number; low: string[] }>(LOW_CONTRAST);
      assert.ok(checked > 20, `${path}: ${checked} text nodes checked`);
      assert.deepEqual(low, [], path);
      await page.close();
    }
  });

  it('loaded nothing from outside the server and logged no console error', () => {
    assert.deepEqual(outside, []);
    assert.deepEqual(consoleErrors, []);
  });
});

describe('dashboard on a non-loopback address', { skip }, () => {
  it('answers 401 without the bearer token, and the page with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-dashboard-auth-'));
    const store = await HistoryStore.open(join(dir, 'history.db'));
    await store.recordScan(meta('prod', PROD[0]!), observation(PROD[0]!));
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 's3cret-token\n');
    const running = await startHttpServer({
      store,
      status: STATUS,
      http: { host: '0.0.0.0', port: 0 },
      settings: { tokenFile },
    });
    const { context, close } = await launchBrowser();
    try {
      const url = running.url.replace('0.0.0.0', '127.0.0.1');
      const page = await context.newPage();
      const refused = await page.goto(`${url}/findings`);
      assert.equal(refused?.status(), 401);
      assert.match((await page.textContent('body')) ?? '', /bearer token is required/);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-401.png') });
      await context.setExtraHTTPHeaders({ Authorization: 'Bearer s3cret-token' });
      const allowed = await page.goto(`${url}/findings`);
      assert.equal(allowed?.status(), 200);
      assert.equal(await page.locator('tbody tr').count(), 3);
      const metrics = await page.goto(`${url}/metrics`);
      assert.equal(metrics?.status(), 200);
      assert.match(
        (await page.textContent('body')) ?? '',
        /shipshape_findings_open\{cluster_name="prod",severity="critical"\} 1/,
      );
    } finally {
      await close();
      await running.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start without a token or proxy header', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-dashboard-auth-'));
    const store = await HistoryStore.open(join(dir, 'history.db'));
    try {
      await assert.rejects(
        startHttpServer({ store, status: STATUS, http: { host: '0.0.0.0', port: 0 }, settings: {} }),
        /needs authentication/,
      );
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
