// Open findings per namespace and severity, per cluster. A namespace the last completed scan could not read says
// "n/a" instead of a count: no data is never shown as clean.
import { html } from 'hono/html';
import { SEVERITIES, type Severity } from '../../../core/severity.ts';
import type { Coverage } from '../../../store/coverage.ts';
import { type Html, namespaceHref, page } from '../layout.ts';
import { findingsUrl, parseFindingsView } from '../query.ts';
import { teamHref } from './teams.ts';

export interface NamespaceRow {
  cluster: string;
  namespace: string;
  counts: Record<Severity, number>;
}

export function namespaceRows(
  counts: readonly { cluster?: string; namespace?: string; severity?: string; count: number }[],
): NamespaceRow[] {
  const rows = new Map<string, NamespaceRow>();
  for (const c of counts) {
    const cluster = c.cluster ?? '';
    const namespace = c.namespace ?? '';
    const key = `${cluster}\u0000${namespace}`;
    let row = rows.get(key);
    if (!row) {
      row = { cluster, namespace, counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } };
      rows.set(key, row);
    }
    if (c.severity && c.severity in row.counts) row.counts[c.severity as Severity] += c.count;
  }
  return [...rows.values()].sort(
    (a, b) => a.cluster.localeCompare(b.cluster) || a.namespace.localeCompare(b.namespace),
  );
}

export function namespacesPage(
  rows: NamespaceRow[],
  coverage: Map<string, Coverage | undefined>,
  /** cluster NUL namespace → team, from each cluster's last completed scan. */
  teams: Map<string, string | null> = new Map(),
): Html {
  const withTeams = [...teams.values()].some((t) => t !== null);
  const forbidden = (cluster: string, namespace: string) =>
    coverage.get(cluster)?.namespacesForbidden.find((n) => n.namespace === namespace);
  // Namespaces the scan could not read appear even without a finding, marked n/a.
  const shown = [...rows];
  for (const [cluster, c] of coverage)
    for (const f of c?.namespacesForbidden ?? [])
      if (!rows.some((r) => r.cluster === cluster && r.namespace === f.namespace))
        shown.push({
          cluster,
          namespace: f.namespace,
          counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
        });
  const body = html`<p class="muted">Open findings of every cluster's history by namespace. "n/a": the last completed scan could not read (some kinds of) the namespace, so its counts are not verified.</p>
<table><thead><tr><th scope="col">Cluster</th><th scope="col">Namespace</th>${SEVERITIES.map((s) => html`<th scope="col">${s}</th>`)}${withTeams ? html`<th scope="col">Team</th>` : ''}</tr></thead>
<tbody>${shown.map((r) => {
    const team = teams.get(`${r.cluster}\u0000${r.namespace}`);
    const denied = forbidden(r.cluster, r.namespace);
    const view = parseFindingsView(new URLSearchParams({ cluster: r.cluster }));
    return html`<tr data-namespace="${r.namespace}"><td>${r.cluster}</td><td><a href="${r.namespace ? namespaceHref(r.cluster, r.namespace) : findingsUrl(view, { namespaces: [] })}">${r.namespace || '(cluster-scoped)'}</a>${
      denied
        ? html` <span class="sev sev-high">n/a</span> <span class="muted">not readable: ${denied.reason}</span>`
        : ''
    }</td>${SEVERITIES.map((s) => html`<td>${denied && r.counts[s] === 0 ? 'n/a' : r.counts[s]}</td>`)}${
      withTeams ? html`<td>${team ? html`<a href="${teamHref(team)}">${team}</a>` : ''}</td>` : ''
    }</tr>`;
  })}</tbody></table>`;
  return page('Namespaces', '/namespaces', body);
}
