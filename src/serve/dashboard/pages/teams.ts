// Per-team views: a team is the value of the namespace label the serve config names (teamLabel), as each
// cluster's last completed scan read it. The teams page sums open findings over each team's namespaces; one
// team's page lists its namespaces. Namespaces without the label are "no team", shown, never dropped.
import { html } from 'hono/html';
import { SEVERITIES, type Severity } from '../../../core/severity.ts';
import type { Coverage } from '../../../store/coverage.ts';
import type { NamespaceView } from '../../../store/read.ts';
import { zeroCounts } from '../history-queries.ts';
import { type Html, namespaceHref, page } from '../layout.ts';
import { findingsUrl, parseFindingsView } from '../query.ts';
import type { NamespaceRow } from './namespaces.ts';

export interface TeamRow {
  /** null: namespaces without the team label. */
  team: string | null;
  namespaces: NamespaceRow[];
  counts: Record<Severity, number>;
}

/** Open counts per namespace (namespaceRows) grouped by the team of each namespace. */
export function teamRows(rows: readonly NamespaceRow[], namespaces: readonly NamespaceView[]): TeamRow[] {
  const teamOf = new Map(namespaces.map((n) => [`${n.cluster}\u0000${n.namespace}`, n.team]));
  const teams = new Map<string | null, TeamRow>();
  const row = (team: string | null) => {
    let t = teams.get(team);
    if (!t) {
      t = { team, namespaces: [], counts: zeroCounts() };
      teams.set(team, t);
    }
    return t;
  };
  // Every namespace the scans read, with or without findings.
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.cluster}\u0000${r.namespace}`;
    seen.add(key);
    if (r.namespace === '') continue;
    const t = row(teamOf.get(key) ?? null);
    t.namespaces.push(r);
    for (const s of SEVERITIES) t.counts[s] += r.counts[s];
  }
  for (const n of namespaces)
    if (!seen.has(`${n.cluster}\u0000${n.namespace}`))
      row(n.team).namespaces.push({ cluster: n.cluster, namespace: n.namespace, counts: zeroCounts() });
  return [...teams.values()].sort((a, b) =>
    a.team === null ? 1 : b.team === null ? -1 : a.team.localeCompare(b.team),
  );
}

/** How many of a team's namespaces the last completed scan of their cluster could not read. */
export function unreadable(team: TeamRow, coverage: Map<string, Coverage | undefined>): number {
  return team.namespaces.filter((r) =>
    coverage.get(r.cluster)?.namespacesForbidden.some((f) => f.namespace === r.namespace),
  ).length;
}

export function teamsPage(
  teams: TeamRow[],
  teamLabel: string | undefined,
  coverage: Map<string, Coverage | undefined> = new Map(),
): Html {
  const labelled = teams.some((t) => t.team !== null);
  const body = html`<p class="muted">${
    teamLabel
      ? html`A namespace's team is its label <code>${teamLabel}</code> as the last completed scan of its cluster read it.`
      : html`No team label is configured: set <code>teamLabel</code> in the serve config (e.g. <code>teamLabel: example.com/team</code>) to group namespaces by team.`
  }</p>
${
  !labelled && teamLabel
    ? html`<div class="banner partial" role="status">No namespace carries the label ${teamLabel} in the last completed scans.</div>`
    : ''
}
<table><thead><tr><th scope="col">Team</th><th scope="col">Namespaces</th>${SEVERITIES.map((s) => html`<th scope="col">${s}</th>`)}</tr></thead>
<tbody>${teams.map(
    (t) =>
      html`<tr data-team="${t.team ?? ''}"><td>${
        t.team === null
          ? html`<span class="muted">no team</span>`
          : html`<a href="${teamHref(t.team)}">${t.team}</a>`
      }</td><td>${t.namespaces.length}${
        unreadable(t, coverage) > 0
          ? html` <span class="sev sev-high">${unreadable(t, coverage)} not readable</span> <span class="muted">(counts not verified)</span>`
          : ''
      }</td>${SEVERITIES.map((s) => html`<td>${t.counts[s]}</td>`)}</tr>`,
  )}</tbody></table>`;
  return page('Teams', '/teams', body);
}

export function teamPage(team: TeamRow): Html {
  const name = team.team ?? '';
  const view = parseFindingsView(new URLSearchParams({ team: name }));
  const body = html`<div class="cards">${SEVERITIES.map(
    (s) =>
      html`<a class="card" href="${findingsUrl(view, { severities: [s] })}"><div class="n sev-${s}">${team.counts[s]}</div><div>open ${s}</div></a>`,
  )}</div>
<p><a href="${findingsUrl(view)}">Every open finding of team ${name}</a></p>
<h2>Namespaces</h2>
<table><thead><tr><th scope="col">Cluster</th><th scope="col">Namespace</th>${SEVERITIES.map((s) => html`<th scope="col">${s}</th>`)}</tr></thead>
<tbody>${team.namespaces.map(
    (r) =>
      html`<tr data-namespace="${r.namespace}"><td>${r.cluster}</td><td><a href="${namespaceHref(r.cluster, r.namespace)}">${r.namespace}</a></td>${SEVERITIES.map((s) => html`<td>${r.counts[s]}</td>`)}</tr>`,
  )}</tbody></table>`;
  return page(`Team ${name}`, '/teams', body);
}

export function teamHref(team: string): string {
  return `/teams/${encodeURIComponent(team)}`;
}
