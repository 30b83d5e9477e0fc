// The findings list: filters in a GET form (so they land in the URL), sortable columns as links, pages of
// PAGE_SIZE. Counts come from the store's query, the same one the URL describes.
import { html } from 'hono/html';
import { SEVERITIES } from '../../../core/severity.ts';
import type { FindingView } from '../../../store/read.ts';
import { ago } from '../freshness.ts';
import { findingHref, type Html, objectLabel, page, severityBadge } from '../layout.ts';
import { type FindingsView, findingsUrl, PAGE_SIZE, STATES } from '../query.ts';

export interface FindingsPageInput {
  view: FindingsView;
  total: number;
  items: FindingView[];
  clusters: string[];
  now: number;
}

export function findingsPage(input: FindingsPageInput): Html {
  const { view, total, items, now } = input;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : (view.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, view.page * PAGE_SIZE);
  const body = html`
<form class="filters" method="get" action="/findings" aria-label="Filters">
<label>Cluster <select name="cluster"><option value="">all</option>${input.clusters.map(
    (c) => html`<option${c === view.cluster ? html` selected` : ''}>${c}</option>`,
  )}</select></label>
<label>State <select name="state" multiple size="4">${STATES.map(
    (s) => html`<option${view.states.includes(s) ? html` selected` : ''}>${s}</option>`,
  )}</select></label>
<label>Severity <select name="severity" multiple size="5">${SEVERITIES.map(
    (s) => html`<option${view.severities.includes(s) ? html` selected` : ''}>${s}</option>`,
  )}</select></label>
<label>Namespace <input name="namespace" value="${view.namespaces.join(',')}" placeholder="shop,payments"></label>
<label>Check <input name="check" value="${view.checks.join(',')}" placeholder="check id"></label>
<label>Kind <input name="kind" value="${view.kinds.join(',')}" placeholder="Deployment"></label>
<label>Team <input name="team" value="${view.teams.join(',')}" placeholder="payments"></label>
<label>Name contains <input name="name" value="${view.name ?? ''}"></label>
<input type="hidden" name="sort" value="${view.sort}">
<button type="submit">Apply</button> <a href="/findings">Reset</a>
</form>
<p id="count" data-total="${total}">${total === 0 ? 'No findings match.' : html`Showing ${first}–${last} of ${total} findings.`}</p>
${items.length === 0 ? '' : table(view, items, now)}
${pager(view, pages)}`;
  return page('Findings', '/findings', body);
}

function table(view: FindingsView, items: FindingView[], now: number): Html {
  const sortable = (label: string, sort: FindingsView['sort']) => {
    const active = view.sort === sort;
    const next = active && view.order !== 'desc' ? 'desc' : 'asc';
    return html`<th scope="col"${active ? html` aria-sort="${view.order === 'desc' ? 'descending' : 'ascending'}"` : ''}><a href="${findingsUrl(view, { sort, order: active ? next : undefined })}">${label}</a></th>`;
  };
  return html`<table>
<thead><tr>${sortable('Severity', 'severity')}${sortable('Check', 'check')}${sortable('Namespace', 'namespace')}${sortable('Object', 'name')}<th scope="col">Message</th><th scope="col">State</th>${sortable('Opened', 'opened')}${sortable('Last seen', 'last-seen')}</tr></thead>
<tbody>
${items.map(
  (f) => html`<tr>
<td>${severityBadge(f.severity)}</td>
<td><code>${f.check}</code></td>
<td>${f.object.namespace ?? html`<span class="muted">cluster</span>`}</td>
<td><a href="${findingHref(f.cluster, f.fingerprint)}">${objectLabel(f.object)}</a>${f.path ? html` <code class="muted">${f.path}</code>` : ''}<br><span class="muted">${f.cluster}</span></td>
<td>${f.message}</td>
<td class="state-${f.state}">${f.state}</td>
<td>${ago(f.openedAt, now)}</td>
<td>${ago(f.lastSeenAt, now)}</td>
</tr>`,
)}
</tbody></table>`;
}

function pager(view: FindingsView, pages: number): Html {
  if (pages <= 1) return html``;
  return html`<nav class="pages" aria-label="Pages">
${view.page > 1 ? html`<a rel="prev" href="${findingsUrl(view, { page: view.page - 1 })}">← Previous</a>` : ''}
<span>Page ${view.page} of ${pages}</span>
${view.page < pages ? html`<a rel="next" href="${findingsUrl(view, { page: view.page + 1 })}">Next →</a>` : ''}
</nav>`;
}
