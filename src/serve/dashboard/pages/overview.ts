// Overview: per cluster, freshness and coverage first (a banner whenever the picture is stale, failing, partial
// or unknown), then open findings by severity and the trend of the last completed scans.
import { html } from 'hono/html';
import { SEVERITIES } from '../../../core/severity.ts';
import type { ClusterSummary, ScanView } from '../../../store/read.ts';
import type { ClusterStatus } from '../../contract.ts';
import { ago, assess, duration, type Freshness } from '../freshness.ts';
import { type Html, page, time } from '../layout.ts';
import { findingsUrl, parseFindingsView } from '../query.ts';

export interface ClusterOverview {
  summary: ClusterSummary;
  status: ClusterStatus | undefined;
  /** Completed scans, newest first (the trend). */
  recent: ScanView[];
}

export function overviewPage(clusters: ClusterOverview[], now: number): Html {
  const assessed = clusters.map((c) => ({ ...c, freshness: assess(c.summary, c.status, now) }));
  const attention = assessed.filter((c) => c.freshness.level !== 'ok');
  const body = html`
${
  clusters.length === 0
    ? html`<div class="banner stale" role="alert">No scan has been recorded yet: nothing is verified.</div>`
    : attention.length > 0
      ? html`<div class="banner ${attention.some((c) => c.freshness.level === 'bad') ? 'stale' : 'partial'}" role="alert">${attention.length} of ${clusters.length} cluster${clusters.length === 1 ? '' : 's'} not fully current: ${attention.map((c) => c.summary.cluster).join(', ')}. Their counts below may be out of date or incomplete.</div>`
      : html`<div class="banner fresh">All ${clusters.length} cluster${clusters.length === 1 ? '' : 's'} scanned completely within two intervals.</div>`
}
${assessed.map((c) => clusterSection(c, c.freshness, now))}`;
  return page('Overview', '/', body);
}

function clusterSection(c: ClusterOverview, freshness: Freshness, now: number): Html {
  const { summary } = c;
  const base = parseFindingsView(new URLSearchParams({ cluster: summary.cluster }));
  const completed = summary.lastCompleted;
  return html`<section aria-labelledby="cluster-${summary.cluster}">
<h2 id="cluster-${summary.cluster}">${summary.cluster}</h2>
${freshness.notes.map(
  (note) =>
    html`<div class="banner ${note.level === 'bad' ? 'stale' : 'partial'}" role="status" data-cluster="${summary.cluster}">${note.text}</div>`,
)}
<p class="muted">${
    completed
      ? html`Last completed scan ${time(completed.finishedAt)} (${ago(completed.finishedAt, now)}), took
${duration(completed.durationMs)}, read ${completed.objects} objects.`
      : 'No completed scan.'
  }${c.status?.runningSince ? html` A scan is running since ${ago(c.status.runningSince, now)}.` : ''}</p>
<div class="cards">
${SEVERITIES.map(
  (severity) =>
    html`<a class="card" href="${findingsUrl(base, { severities: [severity] })}"><div class="n sev-${severity}">${summary.open[severity]}</div><div>open ${severity}</div></a>`,
)}
<a class="card" href="${findingsUrl(base, { states: ['suppressed'] })}"><div class="n">${summary.suppressed}</div><div>suppressed</div></a>
</div>
${trend(c.recent)}
</section>`;
}

/** Findings per completed scan, oldest left, as an inline SVG (no script, no external image). */
function trend(scans: ScanView[]): Html {
  if (scans.length < 2) return html``;
  const ordered = [...scans].reverse();
  let max = 1;
  for (const s of ordered) max = Math.max(max, s.findings);
  const w = 12;
  const h = 60;
  return html`<figure><figcaption>Findings reported by the last ${ordered.length} completed scans (oldest first)</figcaption>
<svg role="img" aria-label="findings per scan, from ${ordered[0]!.findings} to ${ordered[ordered.length - 1]!.findings}" width="${ordered.length * (w + 2)}" height="${h}" viewBox="0 0 ${ordered.length * (w + 2)} ${h}">
${ordered.map((s, i) => {
  const bh = Math.max(1, Math.round((s.findings / max) * (h - 2)));
  return html`<rect x="${i * (w + 2)}" y="${h - bh}" width="${w}" height="${bh}" fill="#0b5cad"><title>${new Date(s.finishedAt).toISOString()}: ${s.findings}</title></rect>`;
})}
</svg></figure>`;
}
