// One namespace of one cluster: open findings per severity and per check (each a link to the findings list with
// that filter), suppressed ones, and whether the last completed scan could read it at all ("n/a" otherwise).
import { html } from 'hono/html';
import { SEVERITIES, type Severity } from '../../../core/severity.ts';
import type { Coverage } from '../../../store/coverage.ts';
import { type Html, page } from '../layout.ts';
import { findingsUrl, parseFindingsView } from '../query.ts';
import { teamHref } from './teams.ts';

export interface NamespacePageInput {
  cluster: string;
  namespace: string;
  coverage: Coverage | undefined;
  /** Open findings per check and severity. */
  byCheck: { check?: string; severity?: string; count: number }[];
  suppressed: number;
  /** The namespace's team (its teamLabel value in the last completed scan), when it has one. */
  team?: string;
}

export function namespacePage(input: NamespacePageInput): Html {
  const { cluster, namespace } = input;
  const base = parseFindingsView(new URLSearchParams({ cluster, namespace }));
  const denied = input.coverage?.namespacesForbidden.find((n) => n.namespace === namespace);
  const totals = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const checks = new Map<string, Record<Severity, number>>();
  for (const row of input.byCheck) {
    const severity = row.severity as Severity;
    if (!row.check || !(severity in totals)) continue;
    totals[severity] += row.count;
    let counts = checks.get(row.check);
    if (!counts) {
      counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
      checks.set(row.check, counts);
    }
    counts[severity] += row.count;
  }
  const ordered = [...checks].sort(
    ([a, x], [b, y]) => SEVERITIES.reduce((d, s) => d || y[s] - x[s], 0) || a.localeCompare(b),
  );
  const shown = (n: number) => (denied && n === 0 ? 'n/a' : String(n));
  const body = html`<p class="muted">Cluster ${cluster}${
    input.team ? html`, team <a href="${teamHref(input.team)}">${input.team}</a>` : ''
  }. <a href="${findingsUrl(base, { states: ['open', 'resolved', 'gone', 'suppressed'] })}">Every finding of this namespace, in any state</a>.</p>
${
  denied
    ? html`<div class="banner partial" role="status">not readable: the last completed scan could not read ${denied.kinds.includes('*') ? 'this namespace' : denied.kinds.join(', ')} (${denied.reason}). Counts here are not verified.</div>`
    : ''
}
<div class="cards">${SEVERITIES.map(
    (s) =>
      html`<a class="card" href="${findingsUrl(base, { severities: [s] })}"><div class="n sev-${s}">${shown(totals[s])}</div><div>open ${s}</div></a>`,
  )}<a class="card" href="${findingsUrl(base, { states: ['suppressed'] })}"><div class="n">${input.suppressed}</div><div>suppressed</div></a></div>
<h2>Open findings by check</h2>
${
  ordered.length === 0
    ? html`<p>${denied ? 'No open finding recorded, but the namespace was not readable.' : 'No open finding.'}</p>`
    : html`<table><thead><tr><th scope="col">Check</th>${SEVERITIES.map((s) => html`<th scope="col">${s}</th>`)}</tr></thead><tbody>${ordered.map(
        ([check, counts]) =>
          html`<tr data-check="${check}"><td><a href="${findingsUrl(base, { checks: [check] })}"><code>${check}</code></a></td>${SEVERITIES.map((s) => html`<td>${counts[s]}</td>`)}</tr>`,
      )}</tbody></table>`
}`;
  return page(`Namespace ${namespace || '(cluster-scoped)'}`, '/namespaces', body);
}
