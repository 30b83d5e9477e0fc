import { ALL_CHECKS } from '../../checks/registry.ts';
import { defaultState } from '../../docs/runbook.ts';
import { UsageError } from '../errors.ts';

export function listChecks(format: string): string {
  const checks = [...ALL_CHECKS].sort((a, b) => a.id.localeCompare(b.id));
  if (format === 'json') {
    const rows = checks.map((c) => ({
      id: c.id,
      title: c.title,
      severity: c.severity,
      category: c.category,
      default: c.isActive ? 'when-enabled' : c.enabledByDefault === false ? 'off' : 'on',
      description: c.description,
      remediation: c.remediation,
      appliesTo: c.appliesTo === 'all' ? 'all' : [...c.appliesTo],
      params: c.params ?? {},
      peers: c.peers ?? {},
      docs: c.docs ?? [],
      runbook: `docs/runbooks/${c.id}.md`,
    }));
    return `${JSON.stringify(rows, null, 2)}\n`;
  }
  if (format !== 'text')
    throw new UsageError(`unknown output format "${format}" for checks; use text or json`);
  const width = Math.max(2, ...checks.map((c) => c.id.length));
  const lines = [
    `${'id'.padEnd(width)}  ${'severity'.padEnd(8)}  ${'category'.padEnd(13)}  ${'default'.padEnd(24)}  title`,
  ];
  for (const c of checks) {
    lines.push(
      `${c.id.padEnd(width)}  ${c.severity.padEnd(8)}  ${c.category.padEnd(13)}  ${defaultState(c).padEnd(24)}  ${c.title}`,
    );
  }
  lines.push('', `${checks.length} checks · \`shipshape explain <id>\` prints a runbook`);
  return `${lines.join('\n')}\n`;
}
