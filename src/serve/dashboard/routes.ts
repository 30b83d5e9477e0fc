// The dashboard's routes on the Hono app: each page reads the history store (bounded queries) and renders on
// the server. Nothing here scans a cluster or writes to the store.
import type { Hono } from 'hono';
import { HTML_STYLE } from '../../reporters/html-style.ts';
import type { HistoryStore } from '../../store/store.ts';
import type { ServeStatus } from '../contract.ts';
import { STYLESHEET_PATH } from './layout.ts';
import { findingPage } from './pages/finding.ts';
import { findingsPage } from './pages/findings.ts';
import { namespaceRows, namespacesPage } from './pages/namespaces.ts';
import { overviewPage } from './pages/overview.ts';
import { scanPage, scansPage } from './pages/scans.ts';
import { parseFindingsView, storeQuery } from './query.ts';

export interface DashboardInput {
  store: HistoryStore;
  status?: ServeStatus;
  now?: () => number;
}

const TREND_SCANS = 30;
const SCANS_PAGE = 50;

export function dashboardRoutes(input: DashboardInput): (app: Hono) => void {
  const { store } = input;
  const now = input.now ?? Date.now;
  const statusOf = (cluster: string) => input.status?.clusters().find((c) => c.cluster === cluster);
  return (app) => {
    app.get(STYLESHEET_PATH, (c) => {
      c.header('Content-Type', 'text/css; charset=utf-8');
      c.header('Cache-Control', 'max-age=3600');
      return c.body(HTML_STYLE);
    });

    app.get('/', async (c) => {
      const summaries = await store.clusters();
      const clusters = await Promise.all(
        summaries.map(async (summary) => ({
          summary,
          status: statusOf(summary.cluster),
          recent: await store.scans({ cluster: summary.cluster, status: 'completed', limit: TREND_SCANS }),
        })),
      );
      // A cluster the scheduler knows but the history does not yet: shown, never as healthy.
      for (const s of input.status?.clusters() ?? [])
        if (!summaries.some((x) => x.cluster === s.cluster))
          clusters.push({
            summary: {
              cluster: s.cluster,
              lastScan: null,
              lastCompleted: null,
              open: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
              suppressed: 0,
            },
            status: s,
            recent: [],
          });
      return c.html(overviewPage(clusters, now()));
    });

    app.get('/findings', async (c) => {
      const view = parseFindingsView(new URL(c.req.url).searchParams);
      const [result, summaries] = await Promise.all([store.findings(storeQuery(view)), store.clusters()]);
      return c.html(
        findingsPage({
          view,
          total: result.total,
          items: result.items,
          clusters: summaries.map((s) => s.cluster),
          now: now(),
        }),
      );
    });

    app.get('/findings/:cluster/:fingerprint', async (c) => {
      const finding = await store.finding(c.req.param('cluster'), c.req.param('fingerprint'));
      if (!finding) return c.text('404 Not Found: no such finding in the history\n', 404);
      return c.html(findingPage(finding, now()));
    });

    app.get('/namespaces', async (c) => {
      const [counts, summaries] = await Promise.all([
        store.openCounts(['cluster', 'namespace', 'severity']),
        store.clusters(),
      ]);
      const coverage = new Map(summaries.map((s) => [s.cluster, s.lastCompleted?.coverage]));
      return c.html(namespacesPage(namespaceRows(counts), coverage));
    });

    app.get('/scans', async (c) => {
      const before = Number(c.req.query('before'));
      const cluster = c.req.query('cluster');
      const scans = await store.scans({
        limit: SCANS_PAGE,
        ...(Number.isFinite(before) && before > 0 ? { before } : {}),
        ...(cluster ? { cluster } : {}),
      });
      const last = scans[scans.length - 1];
      const params = new URLSearchParams(cluster ? { cluster } : {});
      if (last) params.set('before', String(last.startedAt));
      return c.html(scansPage(scans, scans.length === SCANS_PAGE ? `/scans?${params}` : undefined));
    });

    app.get('/scans/:id', async (c) => {
      const id = Number(c.req.param('id'));
      const scan = Number.isSafeInteger(id) ? await store.scan(id) : undefined;
      if (!scan) return c.text('404 Not Found: no such scan in the history\n', 404);
      return c.html(scanPage(scan));
    });
  };
}
