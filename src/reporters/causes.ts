// How diagnose causes read: root cause, impact, evidence, next commands, runbook — most impactful first.

import { append } from '../core/append.ts';
import { describeRef } from '../core/object.ts';
import type { Cause, CauseLog, PublicFinding, Report } from '../core/report.ts';

const MAX_OBJECTS = 3;
const MAX_EVIDENCE = 6;
const MAX_CONSEQUENCES = 8;

function impactLine(cause: Cause): string {
  const parts: string[] = [];
  if (cause.impact.pods > 0) parts.push(`${cause.impact.pods} pod${cause.impact.pods === 1 ? '' : 's'} down`);
  if (cause.impact.workloads.length > 0) parts.push(cause.impact.workloads.join(', '));
  if (cause.impact.namespaces.length > 1) parts.push(`namespaces ${cause.impact.namespaces.join(', ')}`);
  return parts.join(' · ');
}

function membersOf(report: Report, indexes: readonly number[]): PublicFinding[] {
  return indexes.map((i) => report.findings[i]).filter((f): f is PublicFinding => f !== undefined);
}

/** The first consequences, one line each, and how many more there are. */
function consequenceLines(consequences: PublicFinding[]): string[] {
  const lines = consequences.slice(0, MAX_CONSEQUENCES).map(consequenceLine);
  if (consequences.length > MAX_CONSEQUENCES)
    lines.push(`and ${consequences.length - MAX_CONSEQUENCES} more`);
  return lines;
}

/** "Deployment shop/web: 0/3 replicas available" — the object once, not again in the message's own prefix. */
function consequenceLine(f: PublicFinding): string {
  const named = `${f.object.kind} "${f.object.name}"`;
  const message = f.message.startsWith(`${named}: `)
    ? f.message.slice(named.length + 2)
    : f.message.startsWith(`${named} `)
      ? f.message.slice(named.length + 1)
      : f.message;
  return `${describeRef(f.object)}: ${message}`;
}

/**
 * Evidence of every member, each line once. Lines equal up to their numbers (13 vs 14 restarts, an event
 * seen x41 vs x42 times on sibling pods) are one line with a count, so five pods do not repeat one story.
 */
function evidenceOf(members: PublicFinding[]): string[] {
  const variants = new Map<string, Set<string>>();
  for (const f of members) {
    for (const line of f.evidence ?? []) {
      // Counts and durations (13, x41, 54m, 128Mi) vary between siblings; names (node-1, app-7d9f8) do not.
      const shape = line.replace(/(?<=^|[\s(,:=])x?\d[\w.]*/g, '#');
      const known = variants.get(shape);
      if (known) known.add(line);
      else variants.set(shape, new Set([line]));
    }
  }
  return [...variants.values()].slice(0, MAX_EVIDENCE).map((lines) => {
    const [first] = lines;
    return lines.size > 1 ? `${first} (and ${lines.size - 1} more like it)` : first!;
  });
}

/** "previous container, last 11 lines" — what was read, said the way kubectl's flags would. */
function logHeading(log: CauseLog): string {
  const n = log.lines.length;
  return `${log.previous ? 'previous' : 'current'} container, ${n === 0 ? 'empty' : `last ${n} line${n === 1 ? '' : 's'}`}${log.truncated ? ', cut at the byte limit' : ''}`;
}

/** A log that could not be read is a note among the evidence, never an error of the run. */
function logNotes(cause: Cause): string[] {
  return (cause.logs ?? [])
    .filter((l) => l.error !== undefined)
    .map((l) => `log unavailable: ${l.error} (pod ${l.pod}, container ${l.container})`);
}

export function causesText(
  report: Report,
  paint: (style: 'bold' | 'dim' | 'severity', text: string, severity?: string) => string,
): string[] {
  const lines: string[] = [];
  (report.causes ?? []).forEach((cause, n) => {
    const roots = membersOf(report, cause.root);
    const consequences = membersOf(
      report,
      cause.consequences.map((c) => c.finding),
    );
    lines.push(
      `${paint('bold', `${n + 1}.`)} ${paint('severity', cause.severity.toUpperCase(), cause.severity)} ${paint('bold', cause.summary)}`,
    );
    const objects = roots.map((f) => describeRef(f.object));
    const shown = objects.slice(0, MAX_OBJECTS).join(', ');
    lines.push(
      `   objects:  ${shown}${objects.length > MAX_OBJECTS ? ` and ${objects.length - MAX_OBJECTS} more` : ''}`,
    );
    lines.push(`   fix:      ${cause.fix}`);
    if (consequences.length > 0) {
      lines.push('   consequences:');
      for (const line of consequenceLines(consequences)) lines.push(`     - ${line}`);
    }
    const impact = impactLine(cause);
    if (impact) lines.push(`   impact:   ${impact}`);
    const evidence = [...evidenceOf(roots.length > 0 ? roots : consequences), ...logNotes(cause)];
    if (evidence.length > 0) {
      lines.push('   evidence:');
      for (const e of evidence) lines.push(`     - ${e}`);
    }
    for (const log of cause.logs ?? []) {
      if (log.error !== undefined) continue;
      lines.push(`   log (${logHeading(log)}): pod ${log.pod}, container ${log.container}`);
      for (const line of log.lines) lines.push(paint('dim', line ? `     | ${line}` : '     |'));
    }
    if (cause.nextSteps.length > 0) {
      lines.push('   next:');
      for (const step of cause.nextSteps) lines.push(`     $ ${step}`);
    }
    lines.push(paint('dim', `   runbook:  shipshape explain ${roots[0]?.check ?? cause.runbook}`));
    lines.push('');
  });
  return lines;
}

export function causesMarkdown(report: Report): string[] {
  const lines: string[] = [];
  (report.causes ?? []).forEach((cause, n) => {
    const roots = membersOf(report, cause.root);
    const consequences = membersOf(
      report,
      cause.consequences.map((c) => c.finding),
    );
    lines.push(`### ${n + 1}. ${cause.summary}`, '');
    lines.push(`- **Severity:** ${cause.severity}`);
    const objects = roots.map((f) => `\`${describeRef(f.object)}\``);
    lines.push(
      `- **Objects:** ${objects.slice(0, 10).join(', ')}${objects.length > 10 ? ` and ${objects.length - 10} more` : ''}`,
    );
    lines.push(`- **Fix:** ${cause.fix}`);
    if (consequences.length > 0) {
      lines.push('- **Consequences:**');
      for (const line of consequenceLines(consequences)) lines.push(`  - ${line}`);
    }
    const impact = impactLine(cause);
    if (impact) lines.push(`- **Impact:** ${impact}`);
    lines.push(`- **Runbook:** \`shipshape explain ${roots[0]?.check ?? ''}\``, '');
    const evidence = [...evidenceOf(roots.length > 0 ? roots : consequences), ...logNotes(cause)];
    if (evidence.length > 0) {
      const fence = fenceFor(evidence);
      lines.push('<details><summary>Evidence</summary>', '', fence);
      append(lines, evidence);
      lines.push(fence, '', '</details>', '');
    }
    for (const log of cause.logs ?? []) {
      if (log.error !== undefined) continue;
      const fence = fenceFor(log.lines);
      lines.push(`Log of pod \`${log.pod}\`, container \`${log.container}\` (${logHeading(log)}):`, '');
      lines.push(`${fence}text`);
      append(lines, log.lines);
      lines.push(fence, '');
    }
    if (cause.nextSteps.length > 0) lines.push('Next commands:', '', '```sh', ...cause.nextSteps, '```', '');
  });
  return lines;
}

/** A code fence longer than any backtick run in the lines, so no line can close it (evidence quotes messages). */
function fenceFor(lines: readonly string[]): string {
  let longest = 0;
  for (const line of lines)
    for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}
