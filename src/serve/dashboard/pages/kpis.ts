// KPIs: the numbers `shipshape kpi` computes (the same HistoryStore.kpis call), for a window and cluster in the
// URL, each linked to its formula (docs/kpis.md word for word, at the foot of the page). A rate with nothing to
// divide by is "–", never 0 % or 100 %.
import { html, raw } from 'hono/html';
import type { FindingKpis } from '../../../store/kpi.ts';
import type { Kpis } from '../../../store/store.ts';
import { DELIVERY_FORMULAS, formulaOf, KPI_FORMULAS } from '../kpi-formulas.ts';
import { type Html, page, time } from '../layout.ts';

export const KPI_WINDOWS = ['7d', '30d', '90d', '365d'] as const;

export interface KpisView {
  cluster?: string;
  since: string;
}

export function parseKpisView(params: URLSearchParams): KpisView {
  const since = params.get('since')?.trim() ?? '';
  const view: KpisView = { since: (KPI_WINDOWS as readonly string[]).includes(since) ? since : '30d' };
  const cluster = params.get('cluster')?.trim();
  if (cluster && cluster.length <= 253) view.cluster = cluster;
  return view;
}

export interface KpisPageInput {
  view: KpisView;
  clusters: string[];
  kpis: Kpis;
  computedAt: number;
}

const pct = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)} %`);
const hours = (h: number | null) =>
  h === null ? '–' : h >= 48 ? `${(h / 24).toFixed(1)} d` : `${h.toFixed(1)} h`;
const days = (d: number | null) => (d === null ? '–' : `${d.toFixed(1)} d`);
const minutes = (m: number | null) =>
  m === null ? '–' : m >= 120 ? `${(m / 60).toFixed(1)} h` : `${m.toFixed(0)} min`;

/** A KPI's name with the link to its formula. */
function named(id: string, label = formulaOf(id).name): Html {
  return html`${label} <a class="formula-link" href="#formula-${id}" aria-label="formula of ${label}">formula</a>`;
}

export function kpisPage(input: KpisPageInput): Html {
  const { view, kpis: k } = input;
  const mttrRow = (name: string, d: FindingKpis['mttr']['all']) =>
    html`<tr><th scope="row">${name}</th><td>${d.count}</td><td>${hours(d.medianHours)}</td><td>${hours(d.p90Hours)}</td><td>${hours(d.meanHours)}</td></tr>`;
  const c = k.slaCompliance;
  const b = k.backlog;
  const v = k.coverage;
  const d = k.delivery;
  const body = html`
<form class="filters" method="get" action="/kpis" aria-label="KPI window">
<label>Cluster <select name="cluster"><option value="">all</option>${input.clusters.map(
    (name) => html`<option${name === view.cluster ? html` selected` : ''}>${name}</option>`,
  )}</select></label>
<label>Window <select name="since">${KPI_WINDOWS.map(
    (w) => html`<option value="${w}"${w === view.since ? html` selected` : ''}>last ${w}</option>`,
  )}</select></label>
<button type="submit">Apply</button>
</form>
<p class="muted">${view.cluster ? `Cluster ${view.cluster}` : 'All clusters'}, ${time(Date.parse(k.window.from))} to ${time(Date.parse(k.window.to))} (${k.window.days.toFixed(1)} days). The same numbers as <code>shipshape kpi --since ${view.since}${view.cluster ? ` --cluster ${view.cluster}` : ''}</code>. Computed ${time(input.computedAt)}. "–": no data in the window.</p>

<h2 id="mttr">${named('mttr', 'Time to resolve (MTTR)')}</h2>
<table data-kpi="mttr"><thead><tr><th scope="col">Group</th><th scope="col">Resolved</th><th scope="col">Median</th><th scope="col">p90</th><th scope="col">Mean</th></tr></thead><tbody>
${mttrRow('all', k.mttr.all)}
${Object.entries(k.mttr.bySeverity).map(([s, d]) => mttrRow(`severity ${s}`, d))}
${Object.entries(k.mttr.byCategory).map(([s, d]) => mttrRow(`category ${s}`, d))}
</tbody></table>

<h2 id="sla">SLA</h2>
<p class="muted">SLAs: ${Object.entries(k.slaDays)
    .map(([s, d]) => `${s} ${d} d`)
    .join(', ')}.</p>
<dl class="kpi">
<dt>${named('sla-compliance', 'SLA compliance')}</dt><dd data-kpi="sla-compliance">${pct(c.rate)} (${c.met} of ${c.due} findings due in the window were resolved by their due time; ${c.excluded} gone or suppressed by then are not counted)</dd>
${Object.entries(c.bySeverity).map(
  ([s, x]) => html`<dt>… ${s}</dt><dd>${pct(x.rate)} (${x.met} of ${x.due})</dd>`,
)}
<dt>${named('sla-closure', 'Closure within SLA')}</dt><dd data-kpi="sla-closure">${pct(k.slaClosure.rate)} (${k.slaClosure.onTime} of ${k.slaClosure.resolved} resolutions)</dd>
</dl>

<h2 id="backlog">${named('backlog', 'Backlog (open now)')}</h2>
<dl class="kpi">
<dt>Open</dt><dd data-kpi="backlog">${b.open} (${Object.entries(b.bySeverity)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ')})</dd>
<dt>Age</dt><dd>median ${days(b.medianAgeDays)}, oldest ${days(b.maxAgeDays)}</dd>
<dt>By age</dt><dd>0–7 d ${b.buckets['0-7']}, 8–30 d ${b.buckets['8-30']}, 31–90 d ${b.buckets['31-90']}, over 90 d ${b.buckets['>90']}</dd>
</dl>

<h2 id="quality">Quality</h2>
<dl class="kpi">
<dt>${named('reopen', 'Reopen rate')}</dt><dd data-kpi="reopen">${pct(k.reopen.rate)} (${k.reopen.reopened} reopened per ${k.reopen.resolved} resolved)</dd>
<dt>${named('noise', 'Noise rate')}</dt><dd data-kpi="noise">${pct(k.noise.rate)} (${k.noise.noisy} of ${k.noise.opened} opened were suppressed, or resolved without their object changing, within a day)</dd>
${k.noise.byCheck.map((n) => html`<dt>… <code>${n.check}</code></dt><dd>${pct(n.rate)} (${n.noisy} of ${n.opened})</dd>`)}
<dt>${named('gone')}</dt><dd data-kpi="gone">${k.gone} (object deleted: not a fix)</dd>
<dt>${named('suppressed')}</dt><dd data-kpi="suppressed">${k.suppressed}</dd>
</dl>

<h2 id="coverage">${named('coverage')}</h2>
<dl class="kpi">
<dt>Scans</dt><dd data-kpi="coverage">${v.scans} (${v.completed} completed, ${v.failed} failed); full coverage ${pct(v.rate)} (${v.full})</dd>
${v.kindsMissing.length > 0 ? html`<dt>Kinds not read in some scan</dt><dd>${v.kindsMissing.join(', ')}</dd>` : ''}
${v.namespacesForbidden.length > 0 ? html`<dt>Namespaces not readable in some scan</dt><dd>${v.namespacesForbidden.join(', ')}</dd>` : ''}
</dl>

<h2 id="delivery">Delivery (from the revisions the cluster records)</h2>
<dl class="kpi">
<dt>${named('deployment-frequency')}</dt><dd data-kpi="deployment-frequency">${d.rollouts.count} workload rollouts, ${d.rollouts.perDay.toFixed(2)} per day${
    Object.keys(d.rollouts.byKind).length > 0
      ? ` (${Object.entries(d.rollouts.byKind)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', ')})`
      : ''
  }</dd>
<dt>${named('rollback-rate')}</dt><dd data-kpi="rollback-rate">${pct(d.rollbacks.rate)} (${d.rollbacks.count} rollbacks: a revision that repeats an earlier pod template)</dd>
<dt>${named('recovery-time')}</dt><dd data-kpi="recovery-time">median ${minutes(d.recovery.medianMinutes)}, p90 ${minutes(d.recovery.p90Minutes)}, mean ${minutes(d.recovery.meanMinutes)} over ${d.recovery.count} rollbacks</dd>
<dt>${named('helm-releases')}</dt><dd data-kpi="helm-releases">${d.helm.revisions} revisions, ${d.helm.perDay.toFixed(2)} per day, ${d.helm.failed} failed; recovery (failed → next deployed revision): median ${minutes(d.helm.recovery.medianMinutes)} over ${d.helm.recovery.count}</dd>
<dt>${named('lead-time')}</dt><dd data-kpi="lead-time">not derivable from a cluster: ${d.leadTime.reason}</dd>
</dl>
${d.observedTimes > 0 ? html`<p class="muted">${d.observedTimes} of these revisions are dated by the scan that first saw them (a rollback re-uses an older object): precise to the scan interval.</p>` : ''}

<h2 id="formulas">Formulas</h2>
<p class="muted">As docs/kpis.md states them. Percentiles are nearest-rank; an episode runs from a finding's opening (or reopening) to its resolution or deletion.</p>
<dl class="kpi">${[...KPI_FORMULAS, ...DELIVERY_FORMULAS].map(
    (f) =>
      html`<dt id="formula-${f.id}">${f.name}</dt><dd><span class="muted">${raw(inlineMarkdown(f.field))}</span>: ${raw(inlineMarkdown(f.formula))}</dd>`,
  )}</dl>`;
  return page('KPIs', '/kpis', body);
}

/** The docs' inline markdown (`code`, **bold**) as HTML, everything else escaped. */
export function inlineMarkdown(text: string): string {
  const escaped = text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}
