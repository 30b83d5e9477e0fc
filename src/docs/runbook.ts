// Renders a check's runbook page and the table of all checks from metadata, so docs/ can never drift from the
// code. `npm run docs` writes them; test/registry.test.ts fails when a committed page is out of date.
import type { AnyCheck, PeerMapping } from '../core/check.ts';
import { IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION } from '../core/config.ts';

export const GENERATED_NOTE = '<!-- Generated from the check metadata by `npm run docs`. Do not edit. -->';

const PEER_NAMES: Record<keyof PeerMapping, string> = {
  polaris: 'Polaris',
  'kube-linter': 'kube-linter',
  kubeconform: 'kubeconform',
  'pod-security': 'Pod Security Standards (pod-security-admission)',
  kubescape: 'Kubescape',
  k8sgpt: 'k8sgpt',
  popeye: 'Popeye',
  kor: 'kor',
  pluto: 'Pluto',
};

export function defaultState(check: AnyCheck): string {
  if (check.isActive) return 'when its mode is enabled';
  return check.enabledByDefault === false ? 'no' : 'yes';
}

function appliesTo(check: AnyCheck): string {
  return check.appliesTo === 'all' ? 'every kind' : check.appliesTo.join(', ');
}

function yamlValue(value: unknown): string {
  return JSON.stringify(value);
}

export function renderRunbook(check: AnyCheck): string {
  const lines = [
    `# ${check.id}`,
    '',
    GENERATED_NOTE,
    '',
    `**${check.title}**`,
    '',
    '| severity | category | runs by default | applies to |',
    '|---|---|---|---|',
    `| ${check.severity} | ${check.category} | ${defaultState(check)} | ${appliesTo(check)} |`,
    '',
    '## Why it matters',
    '',
    check.description,
    '',
    '## How to fix it',
    '',
    check.remediation,
    '',
  ];
  if (check.fixes) {
    lines.push('## Automatic fix', '');
    if (check.fixes.safe)
      lines.push(`- \`--fix\` (safe: cannot stop a working workload): ${check.fixes.safe}`);
    if (check.fixes.suggested)
      lines.push(
        `- \`--fix=suggested\` only (listed as a comment by \`--fix=diff\`): ${check.fixes.suggested}`,
      );
    lines.push('');
  }
  if (check.example) {
    lines.push('## Example', '', 'This fires:', '', '```yaml', check.example.bad.trimEnd(), '```', '');
    if (check.example.good)
      lines.push('This does not:', '', '```yaml', check.example.good.trimEnd(), '```', '');
  }
  const params = check.params && Object.keys(check.params).length > 0 ? check.params : undefined;
  if (params) {
    lines.push('## Parameters', '', `Defaults shown; override in \`.shipshape.yaml\`:`, '');
    lines.push('```yaml', 'checks:', `  ${check.id}:`, '    params:');
    for (const [key, value] of Object.entries(params)) lines.push(`      ${key}: ${yamlValue(value)}`);
    lines.push('```', '');
  }
  lines.push(
    '## Silencing it',
    '',
    'For one object, annotate it (the reason is shown in reports, and the finding is kept as suppressed):',
    '',
    '```yaml',
    'metadata:',
    '  annotations:',
    `    ${IGNORE_ANNOTATION}: "${check.id}"`,
    `    ${IGNORE_REASON_ANNOTATION}: "why this is fine here"`,
    '```',
    '',
    `For a whole repository: \`checks: { ${check.id}: off }\` in \`.shipshape.yaml\`, or \`--exclude ${check.id}\` on the command line.`,
    '',
  );
  const peers = peerEntries(check);
  if (peers.length > 0) {
    lines.push('## Same rule elsewhere', '');
    for (const [peer, ids] of peers)
      lines.push(`- ${PEER_NAMES[peer]}: ${ids.map((id) => `\`${id}\``).join(', ')}`);
    lines.push('');
  }
  if (check.docs && check.docs.length > 0) {
    lines.push('## References', '');
    for (const link of check.docs) lines.push(`- ${link}`);
    lines.push('');
  }
  return lines.join('\n');
}

function peerEntries(check: AnyCheck): [keyof PeerMapping, string[]][] {
  return (Object.entries(check.peers ?? {}) as [keyof PeerMapping, string[] | undefined][])
    .filter((entry): entry is [keyof PeerMapping, string[]] => Array.isArray(entry[1]) && entry[1].length > 0)
    .sort(([a], [b]) => a.localeCompare(b));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** docs/checks.md: every check, then the documented mapping from peers' rule ids to ours. */
export function renderChecksIndex(checks: readonly AnyCheck[]): string {
  const sorted = [...checks].sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
  const lines = [
    '# Checks',
    '',
    GENERATED_NOTE,
    '',
    `${checks.length} checks. \`shipshape checks\` lists them, \`shipshape explain <id>\` prints a runbook.`,
    'Checks marked "when its mode is enabled" run with the option that turns their family on (e.g.',
    '`--pod-security-level` for `pss-*`).',
    '',
  ];
  const categories = [...new Set(sorted.map((c) => c.category))];
  for (const category of categories) {
    lines.push(
      `## ${category}`,
      '',
      '| id | severity | default | what it finds | peers |',
      '|---|---|---|---|---|',
    );
    for (const c of sorted.filter((x) => x.category === category)) {
      const peers = peerEntries(c)
        .map(([peer, ids]) => `${peer}: ${ids.map((id) => `\`${id}\``).join(', ')}`)
        .join('<br>');
      lines.push(
        `| [${c.id}](runbooks/${c.id}.md) | ${c.severity} | ${defaultState(c)} | ${cell(c.title)} | ${peers} |`,
      );
    }
    lines.push('');
  }
  lines.push(
    '## Peer mapping',
    '',
    'The rule ids of other tools that check the same thing as ours. Corpus scoring (`npm run corpus`) uses this',
    "mapping, which lives in each check's `peers` metadata.",
    '',
  );
  const byPeer = new Map<keyof PeerMapping, Map<string, string[]>>();
  for (const c of checks) {
    for (const [peer, ids] of peerEntries(c)) {
      const map = byPeer.get(peer) ?? new Map<string, string[]>();
      byPeer.set(peer, map);
      for (const id of ids) map.set(id, [...(map.get(id) ?? []), c.id]);
    }
  }
  if (byPeer.size === 0) lines.push('No check declares a peer yet.', '');
  for (const peer of [...byPeer.keys()].sort()) {
    lines.push(`### ${PEER_NAMES[peer]}`, '', `| ${peer} id | shipshape check |`, '|---|---|');
    const map = byPeer.get(peer)!;
    for (const id of [...map.keys()].sort())
      lines.push(
        `| \`${id}\` | ${map
          .get(id)!
          .sort()
          .map((ours) => `[${ours}](runbooks/${ours}.md)`)
          .join(', ')} |`,
      );
    lines.push('');
  }
  return lines.join('\n');
}
