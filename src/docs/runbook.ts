// Renders a check's runbook page from its metadata, so docs/runbooks/ can never drift from the code.
import type { AnyCheck } from '../core/check.ts';

export function renderRunbook(check: AnyCheck): string {
  const lines = [
    `# ${check.id}`,
    '',
    `**${check.title}**`,
    '',
    `| severity | category | runs by default |`,
    `|---|---|---|`,
    `| ${check.severity} | ${check.category} | ${defaultState(check)} |`,
    '',
    '## What it means',
    '',
    check.description,
    '',
    '## How to fix it',
    '',
    check.remediation,
    '',
  ];
  const params = check.params && Object.keys(check.params).length > 0 ? check.params : undefined;
  if (params) {
    lines.push('## Parameters', '', 'Set in `.shipshape.yaml` under `checks.' + check.id + '.params`:', '');
    lines.push('```yaml', `checks:`, `  ${check.id}:`, `    params:`);
    for (const [key, value] of Object.entries(params)) lines.push(`      ${key}: ${JSON.stringify(value)}`);
    lines.push('```', '');
  }
  lines.push(
    '## Silencing it',
    '',
    'For one object, annotate it (the reason is shown in reports):',
    '',
    '```yaml',
    'metadata:',
    '  annotations:',
    `    shipshape.dev/ignore: "${check.id}"`,
    '    shipshape.dev/ignore-reason: "why this is fine here"',
    '```',
    '',
    `For a whole repository: \`checks: { ${check.id}: off }\` in \`.shipshape.yaml\`, or \`--exclude ${check.id}\`.`,
    '',
  );
  const peers = Object.entries(check.peers ?? {}).filter(([, ids]) => ids && ids.length > 0);
  if (peers.length > 0) {
    lines.push('## Same rule elsewhere', '');
    for (const [peer, ids] of peers)
      lines.push(`- ${peer}: ${(ids ?? []).map((id: string) => `\`${id}\``).join(', ')}`);
    lines.push('');
  }
  if (check.docs && check.docs.length > 0) {
    lines.push('## References', '');
    for (const link of check.docs) lines.push(`- ${link}`);
    lines.push('');
  }
  return lines.join('\n');
}

function defaultState(check: AnyCheck): string {
  if (check.isActive) return 'when its mode is enabled';
  return check.enabledByDefault === false ? 'no' : 'yes';
}
