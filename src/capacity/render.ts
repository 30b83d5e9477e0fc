// The capacity report as text (fixed-width tables) and Markdown (the same tables, pipe-delimited). Formatting only:
// every number comes from the report.
import { append } from '../core/append.ts';
import { showQuantity } from '../k8s/scheduling.ts';
import { table } from '../rbac/render.ts';
import type { Amounts, CapacityReport, GroupRow, NodeRow, Totals } from './report.ts';

type Table = { title: string; header: string[]; rows: string[][]; notes?: string[] };

export function amount(resource: string, value: number | undefined): string {
  if (value === undefined) return '-';
  if (value === 0) return '0';
  if (resource === 'cpu') {
    const cores = value / 1000;
    return Number.isInteger(cores)
      ? String(cores)
      : cores >= 10
        ? cores.toFixed(1)
        : cores.toFixed(2).replace(/0$/, '');
  }
  return showQuantity(resource, value);
}

function percent(part: number | undefined, whole: number | undefined): string {
  if (part === undefined || !whole) return '';
  return ` (${Math.round((part / whole) * 100)}%)`;
}

/** "1.5 (19%)" of allocatable, or the bare amount for groups without allocatable. */
function cell(t: Totals, key: 'requested' | 'limits' | 'usage', resource: string): string {
  const value = t[key]?.[resource];
  if (key === 'usage' && !t.usage) return '-';
  return `${amount(resource, value ?? 0)}${percent(value ?? 0, t.allocatable?.[resource])}`;
}

function resourceColumns(resources: readonly string[], withAllocatable: boolean, withUsage: boolean) {
  const header: string[] = [];
  const cells: ((t: Totals) => string)[] = [];
  for (const r of resources) {
    if (r === 'pods') continue;
    const short = r === 'memory' ? 'MEM' : r.toUpperCase();
    if (withAllocatable) {
      header.push(`${short} ALLOC`);
      cells.push((t) => amount(r, t.allocatable?.[r]));
    }
    header.push(`${short} REQ`, `${short} LIM`);
    cells.push(
      (t) => cell(t, 'requested', r),
      (t) => cell(t, 'limits', r),
    );
    if (withUsage && (r === 'cpu' || r === 'memory')) {
      header.push(`${short} USE`);
      cells.push((t) => cell(t, 'usage', r));
    }
  }
  return { header, cells };
}

function nodeStatus(n: NodeRow): string {
  const parts = [n.ready ? 'Ready' : 'NotReady'];
  if (!n.schedulable) parts.push('cordoned');
  if (n.taints.length > 0) parts.push(`taints ${n.taints.join(' ')}`);
  if (!n.allocatable) parts.push('no allocatable');
  return parts.join(', ');
}

/** cpu, memory, extended resources the nodes offer (GPUs) and whatever pods request; the JSON has every one. */
function shown(report: CapacityReport): string[] {
  const c = report.cluster;
  return report.resources.filter(
    (r) =>
      r === 'cpu' ||
      r === 'memory' ||
      (c.requested[r] ?? 0) > 0 ||
      (r.includes('/') && !r.startsWith('hugepages-') && (c.allocatable?.[r] ?? 0) > 0),
  );
}

function tables(report: CapacityReport): Table[] {
  const usage = report.usage.available;
  const resources = shown(report);
  const withAlloc = resourceColumns(resources, true, usage);
  const out: Table[] = [];
  out.push({
    title: `Nodes (${report.nodes.length})`,
    header: ['NODE', 'POOL', ...withAlloc.header, 'PODS', 'STATUS'],
    rows: report.nodes.map((n) => [
      n.name,
      n.pool,
      ...withAlloc.cells.map((c) => c(n)),
      `${n.pods}/${n.maxPods ?? '?'}`,
      nodeStatus(n),
    ]),
  });
  out.push({
    title: `Pools (node label ${report.poolLabel || 'none found: every node in (none); choose one with --pool-label'})`,
    header: ['POOL', 'NODES', ...withAlloc.header, 'PODS'],
    rows: report.pools.map((p) => [
      p.name,
      String(p.nodes ?? 0),
      ...withAlloc.cells.map((c) => c(p)),
      `${p.pods}/${p.maxPods ?? '-'}`,
    ]),
  });
  const plain = resourceColumns(resources, false, usage);
  const group = (g: GroupRow) => [String(g.pods), String(g.pending ?? 0), ...plain.cells.map((c) => c(g))];
  out.push({
    title: `Namespaces (${report.namespaces.length})`,
    header: ['NAMESPACE', 'TEAM', 'PODS', 'PENDING', ...plain.header],
    rows: report.namespaces.map((g) => [g.name, g.team ?? '', ...group(g)]),
  });
  out.push({
    title: `Teams (pod or namespace label ${report.teamLabel})`,
    header: ['TEAM', 'PODS', 'PENDING', ...plain.header],
    rows: report.teams.map((g) => [g.name, ...group(g)]),
  });
  if (report.quotas.length > 0)
    out.push({
      title: 'Resource quotas (used as the quota controller counts it)',
      header: ['NAMESPACE', 'QUOTA', 'RESOURCE', 'USED', 'HARD', 'USED %', 'SCOPES'],
      rows: report.quotas.flatMap((q) =>
        Object.keys(q.hard)
          .sort()
          .map((r) => [
            q.namespace,
            q.name,
            r,
            q.used[r] ?? '-',
            q.hard[r]!,
            q.ratio[r] === undefined ? '' : `${Math.round(q.ratio[r]! * 100)}%`,
            q.scopes.join(', '),
          ]),
      ),
    });
  return out;
}

function clusterLine(report: CapacityReport): string {
  const c = report.cluster;
  const parts = shown(report).map(
    (r) =>
      `${r} ${amount(r, c.requested[r] ?? 0)} of ${amount(r, c.allocatable?.[r] ?? 0)} requested${percent(c.requested[r] ?? 0, c.allocatable?.[r])}, limits ${amount(r, c.limits[r] ?? 0)}${percent(c.limits[r] ?? 0, c.allocatable?.[r])}${c.usage ? `, using ${amount(r, c.usage[r])}` : ''}`,
  );
  return `Cluster: ${report.nodes.length} nodes, ${c.pods}/${c.maxPods ?? 0} pods · ${parts.join(' · ')}`;
}

function headroomLines(report: CapacityReport): string[] {
  const h = report.headroom;
  if (!h) return [];
  const lines = [`Headroom for ${h.shape} (requests ${formatAmounts(h.requests)}; namespace ${h.namespace})`];
  const quota = h.quota;
  const effective = quota ? Math.min(h.pods, quota.pods) : h.pods;
  lines.push(
    `  ${effective} more pod${effective === 1 ? '' : 's'} of this size can be created and scheduled now${quota && quota.pods < h.pods ? ` (the nodes take ${h.pods}; quota stops at ${quota.pods})` : ''}${h.truncated ? ' — at least: the simulation stopped at its budget' : ''}`,
  );
  if (quota) lines.push(`  quota: ${quota.pods} more (${quota.limitedBy})`);
  lines.push(`  by pool: ${h.byPool.map((p) => `${p.pool} ${p.pods}`).join(', ') || 'no nodes'}`);
  const reasons = Object.entries(h.limitedBy).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (reasons.length > 0) lines.push(`  nodes stop at: ${reasons.map(([r, n]) => `${n} ${r}`).join(', ')}`);
  const top = h.byNode.filter((n) => n.pods > 0).slice(0, 10);
  if (top.length > 0)
    lines.push(
      `  most room: ${top.map((n) => `${n.node} ${n.pods}`).join(', ')}${h.byNode.filter((n) => n.pods > 0).length > 10 ? ', …' : ''}`,
    );
  if (h.simulated)
    lines.push('  placed pod by pod: topology spread and pod (anti-)affinity change with every pod placed');
  if (h.pendingPods > 0)
    lines.push(
      `  ${h.pendingPods} pod${h.pendingPods === 1 ? ' is' : 's are'} Pending now: the scheduler places them first where they fit, which takes from this room`,
    );
  return lines;
}

function formatAmounts(a: Amounts): string {
  const entries = Object.entries(a);
  return entries.length === 0 ? 'none' : entries.map(([r, v]) => `${r} ${amount(r, v)}`).join(', ');
}

function strandedLines(report: CapacityReport): string[] {
  const s = report.stranded;
  if (!s) return [];
  const lines = [
    `Stranded capacity (free room no pod of ${s.shape} can use: another resource ran out first)`,
  ];
  if (s.nodes.length === 0) {
    lines.push('  none');
    return lines;
  }
  for (const [r, v] of Object.entries(s.total)) {
    const nodes = s.nodes.filter((n) => n.stranded[r] !== undefined);
    const other = r === 'cpu' ? 'memory or pod slots' : 'cpu or pod slots';
    lines.push(
      `  ${r}: ${amount(r, v)} free on ${nodes.length} node${nodes.length === 1 ? '' : 's'} where ${other} ran out`,
    );
  }
  for (const n of s.nodes.slice(0, 10))
    lines.push(`  ${n.node}: ${formatAmounts(n.stranded)} left (${n.limitedBy})`);
  if (s.nodes.length > 10) lines.push(`  … ${s.nodes.length - 10} more nodes (-o json for all)`);
  return lines;
}

function problemLines(report: CapacityReport): string[] {
  const lines: string[] = [];
  if (!report.usage.available) lines.push(`usage: not shown — ${report.usage.reason}`);
  for (const p of report.problems) lines.push(`${p.level === 'error' ? 'error' : 'note'}: ${p.message}`);
  return lines;
}

export function capacityText(report: CapacityReport): string {
  const lines = [clusterLine(report), ''];
  for (const t of tables(report)) {
    lines.push(t.title);
    // A table has a row per node: thousands, more than a spread call may pass.
    append(lines, t.rows.length > 0 ? table(t.header, t.rows).map((l) => `  ${l}`) : ['  none']);
    lines.push('');
  }
  for (const block of [headroomLines(report), strandedLines(report), problemLines(report)])
    if (block.length > 0) {
      append(lines, block);
      lines.push('');
    }
  return `${lines.join('\n').trimEnd()}\n`;
}

const md = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));

export function capacityMarkdown(report: CapacityReport): string {
  const lines = ['# Cluster capacity', '', md(clusterLine(report)), ''];
  for (const t of tables(report)) {
    lines.push(`## ${md(t.title)}`, '');
    if (t.rows.length === 0) lines.push('none', '');
    else {
      lines.push(`| ${t.header.join(' | ')} |`, `|${t.header.map(() => ' --- |').join('')}`);
      for (const r of t.rows) lines.push(`| ${r.map(md).join(' | ')} |`);
      lines.push('');
    }
  }
  const sections: [string, string[]][] = [
    ['Headroom', headroomLines(report)],
    ['Stranded capacity', strandedLines(report)],
    ['Not shown or not read', problemLines(report)],
  ];
  for (const [title, block] of sections) {
    if (block.length === 0) continue;
    lines.push(`## ${title}`, '');
    for (const l of block) lines.push(l.startsWith('  ') ? `- ${md(l.trim())}` : md(l));
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
