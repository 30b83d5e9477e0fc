// The dashboard's routes on the Hono app: each page reads the history store (bounded queries) and renders on
// the server. Nothing here scans a cluster or writes to the store.
import type { Hono } from 'hono';
import type { Severity } from '../../core/severity.ts';
import { HTML_STYLE } from '../../reporters/html-style.ts';
import type { HistoryStore } from '../../store/store.ts';
import { parseServeConfig } from '../config.ts';
import type { ServeStatus } from '../contract.ts';
import { changesSince, openAfterScans } from './history-queries.ts';
import { KpiCache } from './kpi-cache.ts';
import { STYLESHEET_PATH } from './layout.ts';
import { findingPage } from './pages/finding.ts';
import { findingsPage } from './pages/findings.ts';
import { kpisPage, parseKpisView } from './pages/kpis.ts';
import { namespacePage } from './pages/namespace.ts';
import { namespaceRows, namespacesPage } from './pages/namespaces.ts';
import { overviewPage } from './pages/overview.ts';
import { scanPage, scansPage } from './pages/scans.ts';
import { teamPage, teamRows, teamsPage } from './pages/teams.ts';
import { parseTrendsView, sinceTime, type TrendsPageInput, trendsPage } from './pages/trends.ts';
import { parseFindingsView, storeQuery } from './query.ts';

export interface DashboardInput {
  store: HistoryStore;
  status?: ServeStatus;
  now?: () => number;
  /** The SLA per severity (ms) the KPIs judge by: the serve config's kpi.sla. */
  sla?: Record<Severity, number>;
  /** The namespace label that names a namespace's team (serve config teamLabel), for the teams page's words. */
  teamLabel?: string;
  /** The KPI page's cache (the server warms it when a scan is recorded); made here when not given. */
  kpis?: KpiCache;
}

const DAY = 86_400_000;
const CHANGES_LISTED = 20;

const OVERVIEW_SCANS = 30;
const SCANS_PAGE = 50;

export function dashboardRoutes(input: DashboardInput): (app: Hono) => void {
  const { store } = input;
  const now = input.now ?? Date.now;
  const statusOf = (cluster: string) => input.status?.clusters().find((c) => c.cluster === cluster);
  const kpiCache = input.kpis ?? new KpiCache(store, input.sla ?? parseServeConfig({}).sla, now);
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
          recent: await store.scans({ cluster: summary.cluster, status: 'completed', limit: OVERVIEW_SCANS }),
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
      const [counts, summaries, facts] = await Promise.all([
        store.openCounts(['cluster', 'namespace', 'severity']),
        store.clusters(),
        store.namespaces(),
      ]);
      const coverage = new Map(summaries.map((s) => [s.cluster, s.lastCompleted?.coverage]));
      const teams = new Map(facts.map((n) => [`${n.cluster}\u0000${n.namespace}`, n.team]));
      return c.html(namespacesPage(namespaceRows(counts), coverage, teams));
    });

    app.get('/namespaces/:cluster/:namespace', async (c) => {
      const cluster = c.req.param('cluster');
      const namespace = c.req.param('namespace');
      const filter = { cluster, namespaces: [namespace] };
      const [byCheck, suppressed, summaries, facts] = await Promise.all([
        store.openCounts(['check', 'severity'], filter),
        store.openCounts(['cluster'], { ...filter, states: ['suppressed'] }),
        store.clusters(),
        store.namespaces({ cluster }),
      ]);
      const team = facts.find((n) => n.namespace === namespace)?.team;
      const summary = summaries.find((s) => s.cluster === cluster);
      if (!summary) return c.text('404 Not Found: no such cluster in the history\n', 404);
      return c.html(
        namespacePage({
          cluster,
          namespace,
          coverage: summary.lastCompleted?.coverage,
          byCheck,
          suppressed: suppressed[0]?.count ?? 0,
          ...(team ? { team } : {}),
        }),
      );
    });

    app.get('/teams', async (c) => {
      const [counts, namespaces, summaries] = await Promise.all([
        store.openCounts(['cluster', 'namespace', 'severity']),
        store.namespaces(),
        store.clusters(),
      ]);
      const coverage = new Map(summaries.map((s) => [s.cluster, s.lastCompleted?.coverage]));
      return c.html(teamsPage(teamRows(namespaceRows(counts), namespaces), input.teamLabel, coverage));
    });

    app.get('/teams/:team', async (c) => {
      const name = c.req.param('team');
      const [counts, namespaces] = await Promise.all([
        store.openCounts(['cluster', 'namespace', 'severity'], { teams: [name] }),
        store.namespaces(),
      ]);
      const team = teamRows(
        namespaceRows(counts),
        namespaces.filter((n) => n.team === name),
      ).find((t) => t.team === name);
      if (!team) return c.text('404 Not Found: no namespace of that team in the last scans\n', 404);
      return c.html(teamPage(team));
    });

    app.get('/trends', async (c) => {
      const view = parseTrendsView(new URL(c.req.url).searchParams);
      const summaries = await store.clusters();
      const names = summaries.map((s) => s.cluster).filter((n) => !view.cluster || n === view.cluster);
      const trends = await Promise.all(
        names.map(async (cluster) => {
          const scans = await store.scans({ cluster, status: 'completed', limit: view.scans });
          return { cluster, points: (await openAfterScans(store.db, cluster, scans)).reverse() };
        }),
      );
      const recentScans = await store.scans({
        status: 'completed',
        limit: 30,
        ...(view.cluster ? { cluster: view.cluster } : {}),
      });
      let since: TrendsPageInput['since'] | undefined;
      const named = view.sinceScan === undefined ? undefined : await store.scan(view.sinceScan);
      if (named)
        // After that scan: its own transitions are not "since" it.
        since = {
          from: named.startedAt + 1,
          label: `scan #${named.id} (${named.cluster}, ${new Date(named.startedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
        };
      else if (view.sinceDate) since = { from: sinceTime(view.sinceDate)!, label: `${view.sinceDate} UTC` };
      else {
        const starts = trends.flatMap((t) => (t.points[0] ? [t.points[0].scan.startedAt] : []));
        since =
          starts.length > 0
            ? { from: starts.reduce((a, b) => Math.min(a, b)) + 1, label: 'the oldest scan in the chart' }
            : { from: now() - 7 * DAY, label: 'the last 7 days' };
      }
      const changes = await changesSince(store.db, {
        from: since.from,
        limit: CHANGES_LISTED,
        ...(view.cluster ? { cluster: view.cluster } : {}),
      });
      return c.html(
        trendsPage({
          view,
          clusters: summaries.map((s) => s.cluster),
          trends,
          recentScans,
          since,
          changes,
        }),
      );
    });

    app.get('/kpis', async (c) => {
      const view = parseKpisView(new URL(c.req.url).searchParams);
      const [summaries, { kpis, computedAt }] = await Promise.all([store.clusters(), kpiCache.get(view)]);
      return c.html(kpisPage({ view, clusters: summaries.map((s) => s.cluster), kpis, computedAt }));
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
