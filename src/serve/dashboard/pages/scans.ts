// Every recorded scan, newest first: status, scope and coverage, duration, what changed; and one scan's detail.
import { html } from 'hono/html';
import type { ScanView } from '../../../store/read.ts';
import { coverageGaps, duration, isPartial } from '../freshness.ts';
import { type Html, page, time } from '../layout.ts';

export function scansPage(scans: ScanView[], next: string | undefined): Html {
  const body = html`<table><thead><tr><th scope="col">Scan</th><th scope="col">Cluster</th><th scope="col">Started</th><th scope="col">Status</th><th scope="col">Took</th><th scope="col">Objects</th><th scope="col">Findings</th><th scope="col">Opened / reopened / resolved / gone</th></tr></thead>
<tbody>${scans.map(
    (
      s,
    ) => html`<tr><td><a href="/scans/${s.id}">${s.id}</a></td><td>${s.cluster}</td><td>${time(s.startedAt)}</td>
<td>${status(s)}</td><td>${duration(s.durationMs)}</td><td>${s.objects}</td><td>${s.findings}</td>
<td>${s.opened} / ${s.reopened} / ${s.resolved} / ${s.gone}</td></tr>`,
  )}</tbody></table>
${next ? html`<nav class="pages" aria-label="Pages"><a rel="next" href="${next}">Older scans →</a></nav>` : ''}`;
  return page('Scans', '/scans', body);
}

function status(s: ScanView): Html {
  if (s.status === 'failed') return html`<span class="state-open">failed</span>`;
  return isPartial(s.coverage)
    ? html`<span class="sev-medium">partial</span>`
    : html`<span class="state-resolved">complete</span>`;
}

export function scanPage(s: ScanView): Html {
  const gaps = s.status === 'completed' ? coverageGaps(s.coverage, 50) : [];
  const body = html`<p>Cluster ${s.cluster}, ${status(s)}, started ${time(s.startedAt)}, took ${duration(s.durationMs)}, by ${s.instance} (shipshape ${s.toolVersion}).</p>
${s.error ? html`<div class="banner failed">${s.error}</div>` : ''}
${gaps.map((g) => html`<div class="banner partial">${g}</div>`)}
<table><tbody>
<tr><th scope="row">Objects read</th><td>${s.objects}</td></tr>
<tr><th scope="row">Findings reported</th><td>${s.findings}</td></tr>
<tr><th scope="row">Opened / reopened</th><td>${s.opened} / ${s.reopened}</td></tr>
<tr><th scope="row">Resolved / gone</th><td>${s.resolved} / ${s.gone}</td></tr>
<tr><th scope="row">Namespaces in scope</th><td>${s.coverage.namespaces === 'all' ? 'all' : s.coverage.namespaces.join(', ')}</td></tr>
<tr><th scope="row">Checks ran</th><td>${s.coverage.checksRan.length}</td></tr>
</tbody></table>
${s.problems.length > 0 ? html`<h2>Problems the scan reported</h2><ul>${s.problems.map((p) => html`<li>${p}</li>`)}</ul>` : ''}`;
  return page(`Scan ${s.id}`, '/scans', body);
}
