// Output of `shipshape rbac who-can | can | review | diff`: text for people, JSON as the contract
// (docs/rbac-json.md), Markdown for review tickets and pull requests. Formatting only.
import type { Grant } from '../k8s/rbac/authorize.ts';
import { describeSubject, type RbacRole, type RoleRule } from '../k8s/rbac/objects.ts';
import type { Permission } from '../k8s/rbac/what-can.ts';
import type { WhoCanEntry } from '../k8s/rbac/who-can.ts';
import { VERSION } from '../version.ts';
import { type AccessReview, type ReviewChange, ruleText, subjectLabel } from './review.ts';

export const TOOL = { name: 'shipshape', version: VERSION } as const;

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
/** Control characters from the input never reach a terminal. */
function clean(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? '?' : ch;
  }
  return out;
}

function roleName(role: RbacRole): string {
  return `${role.builtIn ? 'default ' : ''}${role.kind} ${role.namespace ? `${role.namespace}/` : ''}${role.name}`;
}

export function ruleJson(rule: RoleRule): {
  index: number;
  in: { kind: string; name: string; namespace?: string };
  text: string;
} {
  return {
    index: rule.index,
    in: {
      kind: rule.role.kind,
      name: rule.role.name,
      ...(rule.role.namespace ? { namespace: rule.role.namespace } : {}),
    },
    text: ruleText(rule.rule),
  };
}

export function viaText(grant: Pick<Grant, 'binding' | 'role' | 'rule'>): string {
  const b = grant.binding;
  const from = grant.rule.role === grant.role ? '' : ` from ${roleName(grant.rule.role)}`;
  return `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}${b.builtIn ? ' (built-in)' : ''} → ${roleName(grant.role)}${from} rule ${grant.rule.index}`;
}

export function scopeText(scope: string): string {
  return scope === '' ? 'cluster-wide' : `namespace ${scope}`;
}

/** Fixed-width columns; the last column is not padded. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => {
    let width = h.length;
    for (const r of rows) width = Math.max(width, (r[i] ?? '').length);
    return width;
  });
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function whoCanRows(entries: readonly WhoCanEntry[]): string[][] {
  return entries.map((e) => [
    clean(describeSubject(e.subject, e.binding.namespace)),
    scopeText(e.scope),
    clean(viaText(e) + (e.names ? ` (only ${e.names.join(', ')})` : '')),
  ]);
}

export function permissionRows(permissions: readonly Permission[]): string[][] {
  return permissions.map((p) => {
    const r = p.grant.rule.rule;
    const what =
      r.nonResourceURLs.length > 0
        ? r.nonResourceURLs.join(',')
        : `${r.resources.join(',')}${r.apiGroups.some((g) => g !== '') ? ` (${r.apiGroups.map((g) => (g === '' ? 'core' : g)).join(',')})` : ''}`;
    const via = p.viaGroup ? ` via Group ${p.viaGroup}${p.inherited ? ' (every member)' : ''}` : '';
    const inert = p.inert ? ' [no effect: URL rules only count cluster-wide]' : '';
    return [
      scopeText(p.scope),
      r.verbs.join(','),
      clean(what),
      clean(r.resourceNames.join(',') || '-'),
      clean(`${viaText(p.grant)}${via}${inert}`),
    ];
  });
}

export function reviewMarkdown(review: AccessReview, changes?: readonly ReviewChange[]): string {
  const out: string[] = [];
  const src = review.source;
  const where =
    src.kind === 'files'
      ? (src.paths ?? []).join(', ')
      : (src.context ?? src.server ?? src.paths?.join(', ') ?? src.kind);
  out.push(`# Access review: ${escapeCell(where)}`, '');
  out.push(`Generated ${review.generatedAt} by shipshape ${VERSION}. Basis: ${review.basis}.`, '');
  for (const note of review.notes) out.push(`- ${note}`);
  out.push('');
  const people = review.subjects.filter((s) => !s.platform);
  const admins = people.filter((s) => s.scopes.some((x) => x.scope === '' && x.tier === 'admin'));
  const risky = people.filter((s) => s.scopes.some((x) => x.capabilities.length > 0));
  out.push('## Summary', '', '| | subjects |', '|---|---|');
  out.push(`| reviewed (platform-owned subjects listed apart) | ${people.length} |`);
  out.push(
    `| admin over the whole cluster | ${admins.map((s) => escapeCell(subjectLabel(s))).join(', ') || 'none'} |`,
  );
  out.push(`| holding risky capabilities | ${risky.length} |`);
  out.push(`| latent grants (bindings to roles that do not exist) | ${review.errors.length} |`, '');
  if (changes) {
    out.push('## Changes since the previous review', '');
    if (changes.length === 0) out.push('No change.', '');
    else {
      out.push('| change | subject | scope | tier | rules |', '|---|---|---|---|---|');
      for (const c of changes)
        out.push(
          `| ${c.change} | ${escapeCell(c.subject)} | ${escapeCell(scopeText(c.scope))} | ${c.tier?.before ?? '-'} → ${c.tier?.after ?? '-'} | ${c.rules.map((r) => `\`${escapeCell(r)}\``).join('<br>')} |`,
        );
      out.push('');
    }
  }
  const section = (title: string, subjects: typeof review.subjects) => {
    if (subjects.length === 0) return;
    out.push(`## ${title}`, '');
    out.push('| subject | scope | tier | risky | granted via | decision |', '|---|---|---|---|---|---|');
    for (const s of subjects)
      for (const scope of s.scopes) {
        const via = [
          ...new Set(
            scope.grants.map(
              (g) =>
                `${g.binding.kind} ${g.binding.namespace ? `${g.binding.namespace}/` : ''}${g.binding.name} → ${g.role.builtIn ? 'default ' : ''}${g.role.kind} ${g.role.name}${g.viaGroup ? ` (via Group ${g.viaGroup})` : ''}`,
            ),
          ),
        ];
        out.push(
          `| ${escapeCell(subjectLabel(s))} | ${escapeCell(scopeText(scope.scope))} | ${scope.tier} | ${scope.capabilities.join(', ') || '-'} | ${via.map(escapeCell).join('<br>')} | keep / reduce / revoke |`,
        );
      }
    out.push('');
  };
  section('Subjects', people);
  section(
    'Platform-owned subjects (bootstrap policy)',
    review.subjects.filter((s) => s.platform),
  );
  if (review.errors.length > 0) {
    out.push('## Latent grants', '');
    for (const e of review.errors) out.push(`- ${escapeCell(e)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

export function changesText(changes: readonly ReviewChange[]): string[] {
  if (changes.length === 0) return ['no change in effective permissions'];
  const lines: string[] = [];
  for (const c of changes) {
    const tier =
      c.tier?.before && c.tier.after && c.tier.before !== c.tier.after
        ? ` (${c.tier.before} → ${c.tier.after})`
        : '';
    lines.push(
      `${c.change.padEnd(8)}  ${clean(c.subject)}  ${scopeText(c.scope)}${tier}  via ${clean(c.via.join(', '))}`,
    );
    const sign = c.change === 'removed' || c.change === 'narrowed' ? '-' : '+';
    // A whole role arriving or leaving is named by its binding; its rules are in -o json.
    if ((c.change === 'added' || c.change === 'removed') && c.rules.length > 5)
      lines.push(`          ${sign} ${c.rules.length} rules`);
    else for (const r of c.rules) lines.push(`          ${sign} ${clean(r)}`);
  }
  return lines;
}

export function changesMarkdown(changes: readonly ReviewChange[]): string {
  if (changes.length === 0) return 'No change in effective permissions.\n';
  const out = ['| change | subject | scope | tier | via | rules |', '|---|---|---|---|---|---|'];
  for (const c of changes)
    out.push(
      `| ${c.change} | ${escapeCell(c.subject)} | ${escapeCell(scopeText(c.scope))} | ${c.tier?.before ?? '-'} → ${c.tier?.after ?? '-'} | ${c.via.map(escapeCell).join('<br>')} | ${c.rules.map((r) => `\`${escapeCell(r)}\``).join('<br>')} |`,
    );
  return `${out.join('\n')}\n`;
}
