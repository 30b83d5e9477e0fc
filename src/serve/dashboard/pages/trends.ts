// Trends: per cluster, open findings per severity after each recent completed scan (a chart and the same numbers
// as a table), and what changed since a scan or a date: new, reopened, resolved and gone findings. The window and
// the "since" point are in the URL (a GET form). A partial scan's point is marked: its counts keep what it could
// not see.
import { html } from 'hono/html';
import { SEVERITIES, type Severity } from '../../../core/severity.ts';
import type { ScanView } from '../../../store/read.ts';
import { isPartial } from '../freshness.ts';
import { CHANGE_KINDS, type ChangeKind, type Changes, type OpenAfterScan } from '../history-queries.ts';
import { findingHref, type Html, objectLabel, page, severityBadge, time } from '../layout.ts';
import { findingsUrl, parseFindingsView } from '../query.ts';

export const TREND_SCANS = [10, 30, 100] as const;

/** The trends view as the URL states it. */
export interface TrendsView {
  cluster?: string;
  /** Completed scans per cluster in the chart. */
  scans: number;
  /** "Changes since": a scan id, or a date/time (ISO 8601, UTC), or nothing (since the start of the window). */
  sinceScan?: number;
  sinceDate?: string;
}

export function parseTrendsView(params: URLSearchParams): TrendsView {
  const view: TrendsView = { scans: 30 };
  const cluster = params.get('cluster')?.trim();
  if (cluster && cluster.length <= 253) view.cluster = cluster;
  const scans = Number(params.get('scans'));
  if ((TREND_SCANS as readonly number[]).includes(scans)) view.scans = scans;
  const sinceScan = Number(params.get('since-scan'));
  if (Number.isSafeInteger(sinceScan) && sinceScan > 0) view.sinceScan = sinceScan;
  const sinceDate = params.get('since')?.trim().replace(' ', 'T');
  if (
    sinceDate &&
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?$/.test(sinceDate) &&
    sinceTime(sinceDate) !== undefined
  )
    view.sinceDate = sinceDate;
  return view;
}

/** A date (midnight UTC) or date-time (UTC) from the URL as ms, or undefined. */
export function sinceTime(text: string): number | undefined {
  const iso = text.length === 10 ? `${text}T00:00:00Z` : text.endsWith('Z') ? text : `${text}Z`;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

export interface ClusterTrend {
  cluster: string;
  /** Oldest first. */
  points: OpenAfterScan[];
}

export interface TrendsPageInput {
  view: TrendsView;
  clusters: string[];
  trends: ClusterTrend[];
  /** The scans "since" may name (newest first), for the form. */
  recentScans: ScanView[];
  since: { from: number; label: string };
  changes: Changes;
}

const KIND_LABEL: Record<ChangeKind, string> = {
  opened: 'New',
  reopened: 'Reopened',
  resolved: 'Resolved',
  gone: 'Gone (object deleted)',
};

export function trendsPage(input: TrendsPageInput): Html {
  const { view } = input;
  const body = html`
<form class="filters" method="get" action="/trends" aria-label="Trend window">
<label>Cluster <select name="cluster"><option value="">all</option>${input.clusters.map(
    (c) => html`<option${c === view.cluster ? html` selected` : ''}>${c}</option>`,
  )}</select></label>
<label>Scans in the chart <select name="scans">${TREND_SCANS.map(
    (n) => html`<option${n === view.scans ? html` selected` : ''}>${n}</option>`,
  )}</select></label>
<label>Changes since scan <select name="since-scan"><option value="">—</option>${input.recentScans.map(
    (s) =>
      html`<option value="${s.id}"${s.id === view.sinceScan ? html` selected` : ''}>#${s.id} ${s.cluster} ${new Date(s.startedAt).toISOString().slice(0, 16).replace('T', ' ')}</option>`,
  )}</select></label>
<label>or since (UTC) <input name="since" value="${view.sinceDate ?? ''}" placeholder="2026-12-01 or 2026-12-01T08:00" size="22"></label>
<button type="submit">Apply</button> <a href="/trends">Reset</a>
</form>
${input.trends.length === 0 ? html`<p>No completed scan is recorded yet.</p>` : input.trends.map((t) => trendSection(t))}
<h2 id="changes">Changes since ${input.since.label}</h2>
${changesSection(input.changes, view)}`;
  return page('Trends', '/trends', body);
}

function changesSection(changes: Changes, view: TrendsView): Html {
  return html`<div class="cards">${CHANGE_KINDS.map(
    (k) =>
      html`<a class="card" href="#changes-${k}" data-change="${k}"><div class="n">${changes.counts[k]}</div><div>${KIND_LABEL[k]}</div></a>`,
  )}</div>
${CHANGE_KINDS.map((k) => {
  const list = changes.latest[k];
  return html`<section aria-labelledby="changes-${k}"><h3 id="changes-${k}">${KIND_LABEL[k]}: ${changes.counts[k]}${
    list.length < changes.counts[k] ? html` <span class="muted">(the newest ${list.length} shown)</span>` : ''
  }</h3>${
    list.length === 0
      ? html`<p class="muted">None.</p>`
      : html`<table><thead><tr><th scope="col">When</th>${view.cluster ? '' : html`<th scope="col">Cluster</th>`}<th scope="col">Severity</th><th scope="col">Check</th><th scope="col">Object</th></tr></thead><tbody>${list.map(
          (c) =>
            html`<tr data-kind="${k}"><td>${time(c.at)}</td>${view.cluster ? '' : html`<td>${c.cluster}</td>`}<td>${severityBadge(c.severity)}</td><td><code>${c.check}</code></td><td><a href="${findingHref(c.cluster, c.fingerprint)}">${objectLabel(c.object)}</a></td></tr>`,
        )}</tbody></table>`
  }</section>`;
})}`;
}

function trendSection(trend: ClusterTrend): Html {
  const { cluster, points } = trend;
  const last = points[points.length - 1];
  const base = parseFindingsView(new URLSearchParams({ cluster }));
  return html`<section aria-labelledby="trend-${cluster}" data-cluster="${cluster}">
<h2 id="trend-${cluster}">${cluster}: open findings after each of its last ${points.length} completed scans</h2>
${chart(points)}
<p class="legend">${SEVERITIES.map(
    (s) =>
      html`<a href="${findingsUrl(base, { severities: [s] })}"><span class="key key-${s}"></span> ${s}${last ? html` (${last.open[s]} now)` : ''}</a> `,
  )}</p>
<details><summary>The numbers</summary>
<table><thead><tr><th scope="col">Scan</th><th scope="col">Started</th>${SEVERITIES.map((s) => html`<th scope="col">${s}</th>`)}</tr></thead>
<tbody>${[...points]
    .reverse()
    .map(
      (p) =>
        html`<tr data-scan="${p.scan.id}"><td><a href="/scans/${p.scan.id}">${p.scan.id}</a>${
          isPartial(p.scan.coverage) ? html` <span class="sev-medium">partial</span>` : ''
        }</td><td>${time(p.scan.startedAt)}</td>${SEVERITIES.map((s) => html`<td>${p.open[s]}</td>`)}</tr>`,
    )}</tbody></table></details>
</section>`;
}

const WIDTH = 720;
const HEIGHT = 180;
const PAD = 30;

/** One line per severity over the scans, oldest left; an inline SVG (no script, no external image). */
function chart(points: OpenAfterScan[]): Html {
  if (points.length === 0) return html``;
  let max = 1;
  for (const p of points) for (const s of SEVERITIES) max = Math.max(max, p.open[s]);
  const x = (i: number) => PAD + (points.length === 1 ? 0 : (i * (WIDTH - 2 * PAD)) / (points.length - 1));
  const y = (n: number) => HEIGHT - PAD + 10 - (n / max) * (HEIGHT - PAD - 10);
  // Severities with equal counts would hide each other: each line sits a pixel or two apart.
  const line = (s: Severity) => {
    const lift = (SEVERITIES.indexOf(s) - 2) * 1.5;
    return points.map((p, i) => `${x(i).toFixed(1)},${(y(p.open[s]) + lift).toFixed(1)}`).join(' ');
  };
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const summary = SEVERITIES.map((s) => `${s} ${first.open[s]} to ${last.open[s]}`).join(', ');
  return html`<figure class="chart"><svg role="img" aria-label="open findings per severity, oldest scan to newest: ${summary}" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
<line class="axis" x1="${PAD}" y1="${y(0)}" x2="${WIDTH - PAD}" y2="${y(0)}"></line>
<text class="tick" x="2" y="${y(max) + 4}">${max}</text><text class="tick" x="2" y="${y(0) + 4}">0</text>
${SEVERITIES.map((s) => html`<polyline class="line line-${s}" points="${line(s)}"><title>${s}</title></polyline>`)}
${points.map((p, i) =>
  isPartial(p.scan.coverage)
    ? html`<circle class="partial-mark" cx="${x(i)}" cy="${y(0)}" r="4"><title>scan ${p.scan.id} was partial</title></circle>`
    : '',
)}
</svg><figcaption class="muted">${new Date(first.scan.startedAt).toISOString().slice(0, 16).replace('T', ' ')} to ${new Date(last.scan.startedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC. A dot under a point: that scan was partial, so findings it could not see kept their state.</figcaption></figure>`;
}
