// The capacity report as one tidy CSV table (RFC 4180): a row per view, name, resource and measure, amounts in
// scheduler units named in the unit column — ready for a spreadsheet's pivot table.
import type { CapacityReport, Totals } from './report.ts';

const HEADER = ['view', 'name', 'group', 'resource', 'measure', 'value', 'unit'];

function unitOf(resource: string): string {
  if (resource === 'cpu' || resource.endsWith('.cpu')) return 'millicores';
  if (/memory|storage|hugepages/.test(resource)) return 'bytes';
  return 'count';
}

/** Quoted when needed; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula. */
function field(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function capacityCsv(report: CapacityReport): string {
  const rows: (string | number)[][] = [];
  const totals = (view: string, name: string, group: string, t: Totals) => {
    for (const measure of ['allocatable', 'requested', 'limits', 'usage', 'free'] as const) {
      const amounts = t[measure];
      if (!amounts) continue;
      for (const [r, v] of Object.entries(amounts)) rows.push([view, name, group, r, measure, v, unitOf(r)]);
    }
    for (const [r, v] of Object.entries(t.overcommit ?? {}))
      rows.push([view, name, group, r, 'overcommit', v, 'ratio']);
    rows.push([view, name, group, 'pods', 'count', t.pods, 'count']);
  };
  totals('cluster', '', '', report.cluster);
  for (const n of report.nodes) totals('node', n.name, n.pool, n);
  for (const p of report.pools) totals('pool', p.name, '', p);
  for (const n of report.namespaces) totals('namespace', n.name, n.team ?? '', n);
  for (const t of report.teams) totals('team', t.name, '', t);
  for (const q of report.quotas)
    for (const [r, hard] of Object.entries(q.hard)) {
      rows.push(['quota', q.name, q.namespace, r, 'hard', hard, 'quantity']);
      if (q.used[r] !== undefined)
        rows.push(['quota', q.name, q.namespace, r, 'used', q.used[r]!, 'quantity']);
    }
  const h = report.headroom;
  if (h) {
    rows.push(['headroom', h.shape, h.namespace, 'pods', 'fit', h.pods, 'count']);
    if (h.quota) rows.push(['headroom', h.shape, h.namespace, 'pods', 'quota-fit', h.quota.pods, 'count']);
    for (const n of h.byNode) rows.push(['headroom-node', n.node, n.pool, 'pods', 'fit', n.pods, 'count']);
  }
  for (const n of report.stranded?.nodes ?? [])
    for (const [r, v] of Object.entries(n.stranded))
      rows.push(['stranded', n.node, n.limitedBy, r, 'stranded', v, unitOf(r)]);
  return `${[HEADER, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
