// The rightsize table and savings for the text report: current → recommended per container, then the money.
import type { RightsizeResources, RightsizeSection } from '../core/report.ts';

function cpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

function memory(bytes: number): string {
  const mib = Math.ceil(bytes / 2 ** 20 - 1e-9);
  return mib % 1024 === 0 && mib > 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

function change(
  current: RightsizeResources,
  recommended: RightsizeResources | undefined,
  format: (n: number) => string,
): string {
  const now = current.request === undefined ? 'none' : format(current.request);
  if (recommended?.request === undefined) return `${now} (no value)`;
  const next = format(recommended.request);
  return next === now ? `${now} (keep)` : `${now} → ${next}`;
}

export function rightsizeLines(section: RightsizeSection): string[] {
  const lines: string[] = [];
  const how =
    section.mode === 'point-in-time'
      ? 'point-in-time estimate from the metrics API (one moment, no history)'
      : `history ${section.window?.start ?? '?'} … ${section.window?.end ?? '?'}${section.prometheus ? `, ${section.prometheus.queries} Prometheus request(s) in ${section.prometheus.seconds.toFixed(1)} s` : ''}`;
  lines.push(`rightsize: ${how}`);
  const rows = section.containers.map((c) => [
    `${c.namespace}/${c.name}`,
    c.role === 'app' ? c.container : `${c.container} (${c.role})`,
    `cpu ${change(c.cpu.current, c.cpu.recommended, cpu)}`,
    `memory ${change(c.memory.current, c.memory.recommended, memory)}`,
    c.confidence,
  ]);
  const widths = [0, 1, 2, 3].map((i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), 0));
  for (const r of rows)
    lines.push(`  ${r.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ')}`);
  if (section.unmatched > 0)
    lines.push(
      `  (${section.unmatched} container(s) in the history belong to no workload read: deleted, or not in the given files)`,
    );
  const s = section.savings;
  const r = s.requested;
  lines.push(
    `requested-resource savings: ${r.cpuCores.toFixed(2)} cores, ${(r.memoryBytes / 2 ** 30).toFixed(2)} GiB = $${r.monthly.toFixed(2)}/month (at $${s.prices.cpuCoreHour}/core-hour, $${s.prices.memoryGiBHour}/GiB-hour; money only once nodes go)`,
  );
  lines.push(
    'count' in s.nodes
      ? `node savings: ${s.nodes.count} node(s) of ~${s.nodes.nodeShape.cpuCores.toFixed(1)} cores / ${(s.nodes.nodeShape.memoryBytes / 2 ** 30).toFixed(1)} GiB = $${s.nodes.monthly.toFixed(2)}/month`
      : `node savings: none shown: ${s.nodes.reason}`,
  );
  return lines;
}
