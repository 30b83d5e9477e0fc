// One finding: what it is (message, evidence, the check's description and remediation, the runbook command),
// when it was first seen, last seen and last verified, and its state timeline, oldest event first.
import { html } from 'hono/html';
import { findCheck } from '../../../checks/registry.ts';
import type { EventView, FindingView } from '../../../store/read.ts';
import { ago } from '../freshness.ts';
import { type Html, objectLabel, page, severityBadge, time } from '../layout.ts';
import { findingsUrl, parseFindingsView } from '../query.ts';

const EVENT_TEXT: Record<EventView['kind'], string> = {
  opened: 'opened',
  reopened: 'reopened',
  resolved: 'resolved (a scan that covered it saw it pass)',
  gone: 'gone (its object no longer exists)',
  suppressed: 'suppressed',
  unsuppressed: 'suppression lifted',
  severity: 'severity changed',
};

export function findingPage(finding: FindingView & { events: EventView[] }, now: number): Html {
  const check = findCheck(finding.check);
  const list = parseFindingsView(new URLSearchParams({ cluster: finding.cluster }));
  const body = html`
<p>${severityBadge(finding.severity)} <code>${finding.check}</code> on <strong>${objectLabel(finding.object)}</strong>${
    finding.path ? html` at <code>${finding.path}</code>` : ''
  } in cluster <a href="${findingsUrl(list)}">${finding.cluster}</a></p>
<p class="banner ${finding.state === 'open' ? 'stale' : finding.state === 'resolved' ? 'fresh' : 'partial'}">State: <span class="state-${finding.state}">${finding.state}</span> since ${time(finding.stateSince)} (${ago(finding.stateSince, now)})${
    finding.suppression
      ? html` — suppressed by ${finding.suppression.by}${finding.suppression.reason ? html`: ${finding.suppression.reason}` : ''}${
          finding.suppression.until ? html` until ${time(finding.suppression.until)}` : ''
        }`
      : ''
  }</p>
<h2>Message</h2>
<p>${finding.message}</p>
${finding.evidence.length > 0 ? html`<h2>Evidence</h2><ul>${finding.evidence.map((e) => html`<li><code>${e}</code></li>`)}</ul>` : ''}
<h2>Seen</h2>
<table><tbody>
<tr><th scope="row">First seen</th><td>${time(finding.firstSeenAt)}</td></tr>
<tr><th scope="row">Current episode opened</th><td>${time(finding.openedAt)} (${ago(finding.openedAt, now)})</td></tr>
<tr><th scope="row">Last seen</th><td>${time(finding.lastSeenAt)}</td></tr>
<tr><th scope="row">Last verified (a scan covered it)</th><td>${time(finding.lastVerifiedAt)}</td></tr>
<tr><th scope="row">Episodes</th><td>${finding.episodes}</td></tr>
</tbody></table>
<h2>Timeline</h2>
<ol class="timeline" aria-label="State timeline, oldest first">
${finding.events.map(
  (e) =>
    html`<li data-kind="${e.kind}">${time(e.at)} — <strong>${EVENT_TEXT[e.kind]}</strong>${
      e.from ? html` (${e.from} → ${e.to})` : ''
    } ${severityBadge(e.severity)}${e.reason ? html` <span class="muted">${e.reason}</span>` : ''}${
      e.scanId === null
        ? html` <span class="muted">by a user</span>`
        : html` <a href="/scans/${e.scanId}">scan ${e.scanId}</a>`
    }</li>`,
)}
</ol>
<h2>Runbook</h2>
${
  check
    ? html`<p><strong>${check.title}</strong></p><p>${check.description}</p><h3>How to fix</h3><p>${check.remediation}</p>
<p class="muted">Full runbook: <code>shipshape explain ${check.id}</code></p>`
    : html`<p class="muted">This version of shipshape has no check <code>${finding.check}</code> (it was recorded by another version).</p>`
}`;
  return page(`${finding.check} · ${objectLabel(finding.object)}`, '/findings', body);
}
