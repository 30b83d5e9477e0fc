// Records, from a running kube-apiserver (the test bed: npm run testbed:up), the facts shipshape's RBAC evaluator
// needs offline for that Kubernetes minor: the bootstrap-policy roles and bindings the API server creates
// (kubernetes.io/bootstrapping=rbac-defaults) and the API resources it serves (plural, group, scope, subresources,
// short names). Writes src/k8s/rbac/defaults/v<minor>.ts in our own compact form. Run:
//   node scripts/record-rbac-defaults.ts [--kubeconfig .testbed/kubeconfig]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kubectlPath } from '../testbed/scenarios.ts';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const kubeconfig = args[args.indexOf('--kubeconfig') + 1] ?? join(ROOT, '.testbed', 'kubeconfig');

function kubectl(...argv: string[]): string {
  return execFileSync(kubectlPath(), ['--kubeconfig', kubeconfig, ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
}

type Dict = Record<string, unknown>;
const list = (kinds: string) =>
  (
    JSON.parse(
      kubectl('get', kinds, '-A', '-l', 'kubernetes.io/bootstrapping=rbac-defaults', '-o', 'json'),
    ) as {
      items: Dict[];
    }
  ).items;

const version = JSON.parse(kubectl('version', '-o', 'json')) as {
  serverVersion: { gitVersion: string; major: string; minor: string };
};
const minor = `${version.serverVersion.major}.${version.serverVersion.minor.replace(/\D.*$/, '')}`;

const joined = (v: unknown) => (Array.isArray(v) ? v.join(',') : '');
/** verbs|apiGroups|resources|resourceNames|nonResourceURLs, each comma-separated ("" stays empty). */
function ruleText(rule: Dict): string {
  const groups = Array.isArray(rule.apiGroups)
    ? rule.apiGroups.map((g) => (g === '' ? "''" : g)).join(',')
    : '';
  return [
    joined(rule.verbs),
    groups,
    joined(rule.resources),
    joined(rule.resourceNames),
    joined(rule.nonResourceURLs),
  ]
    .join('|')
    .replace(/\|+$/, '');
}

const meta = (o: Dict) => o.metadata as { name: string; namespace?: string; labels?: Record<string, string> };
const extraLabels = (o: Dict) => {
  const labels = { ...(meta(o).labels ?? {}) };
  delete labels['kubernetes.io/bootstrapping'];
  return labels;
};

function role(o: Dict): string {
  const m = meta(o);
  const aggregation = (o.aggregationRule as { clusterRoleSelectors?: unknown[] } | undefined)
    ?.clusterRoleSelectors;
  const labels = extraLabels(o);
  const parts = [`name: ${JSON.stringify(m.name)}`];
  if (m.namespace) parts.push(`namespace: ${JSON.stringify(m.namespace)}`);
  if (Object.keys(labels).length > 0) parts.push(`labels: ${JSON.stringify(labels)}`);
  if (aggregation) parts.push(`aggregate: ${JSON.stringify(aggregation)}`);
  // An aggregated role's stored rules are the controller's output: they are computed again, not recorded.
  const rules = aggregation ? [] : ((o.rules as Dict[] | undefined) ?? []).map(ruleText);
  parts.push(
    `rules: [${rules.map((r) => `\n      ${JSON.stringify(r)},`).join('')}${rules.length ? '\n    ' : ''}]`,
  );
  return `  {\n    ${parts.join(',\n    ')},\n  },`;
}

function subjectText(s: Dict): string {
  if (s.kind === 'ServiceAccount') return `ServiceAccount:${String(s.namespace)}/${String(s.name)}`;
  return `${String(s.kind)}:${String(s.name)}`;
}

function binding(o: Dict): string {
  const m = meta(o);
  const ref = o.roleRef as { kind: string; name: string };
  const subjects = ((o.subjects as Dict[] | undefined) ?? []).map(subjectText);
  const ns = m.namespace ? `, namespace: ${JSON.stringify(m.namespace)}` : '';
  return `  { name: ${JSON.stringify(m.name)}${ns}, role: ${JSON.stringify(`${ref.kind}:${ref.name}`)}, subjects: ${JSON.stringify(subjects)} },`;
}

interface ApiResource {
  name: string;
  namespaced: boolean;
  kind: string;
  shortNames?: string[];
}

/** Every served resource of every group's preferred version, subresources included. */
function apiResources(): string[] {
  const groups = JSON.parse(kubectl('get', '--raw', '/apis')) as {
    groups: { name: string; preferredVersion: { groupVersion: string } }[];
  };
  const versions = [
    { group: '', path: '/api/v1' },
    ...groups.groups.map((g) => ({ group: g.name, path: `/apis/${g.preferredVersion.groupVersion}` })),
  ];
  const rows: string[] = [];
  for (const { group, path } of versions) {
    const doc = JSON.parse(kubectl('get', '--raw', path)) as { resources: ApiResource[] };
    const byName = new Map(doc.resources.map((r) => [r.name, r]));
    for (const r of doc.resources) {
      if (r.name.includes('/')) continue;
      const subs = doc.resources
        .filter((s) => s.name.startsWith(`${r.name}/`))
        .map((s) => s.name.slice(r.name.length + 1));
      const fields = [
        group === '' ? "''" : group,
        r.name,
        r.kind,
        r.namespaced ? 'ns' : 'cluster',
        (byName.get(r.name)?.shortNames ?? []).join(','),
        subs.join(','),
      ];
      rows.push(`  ${JSON.stringify(fields.join('|').replace(/\|+$/, ''))},`);
    }
  }
  return rows.sort();
}

const byName = (a: Dict, b: Dict) => {
  const ka = `${meta(a).namespace ?? ''}/${meta(a).name}`;
  const kb = `${meta(b).namespace ?? ''}/${meta(b).name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

const out = `// Recorded by scripts/record-rbac-defaults.ts from kube-apiserver ${version.serverVersion.gitVersion} (our test bed):
// the bootstrap-policy roles and bindings it creates and the API resources it serves. Regenerate, never edit.
// Rules: "verbs|apiGroups|resources|resourceNames|nonResourceURLs" ('' is the core group). Resources:
// "group|plural|Kind|ns or cluster|short names|subresources".
import type { RecordedDefaults } from './types.ts';

export const clusterRoles: RecordedDefaults['clusterRoles'] = [
${list('clusterroles').sort(byName).map(role).join('\n')}
];

export const roles: RecordedDefaults['roles'] = [
${list('roles').sort(byName).map(role).join('\n')}
];

export const clusterRoleBindings: RecordedDefaults['clusterRoleBindings'] = [
${list('clusterrolebindings').sort(byName).map(binding).join('\n')}
];

export const roleBindings: RecordedDefaults['roleBindings'] = [
${list('rolebindings').sort(byName).map(binding).join('\n')}
];

export const apiResources: RecordedDefaults['apiResources'] = [
${apiResources().join('\n')}
];

export const recordedFrom = ${JSON.stringify(`kube-apiserver ${version.serverVersion.gitVersion}`)};
`;
const file = join(ROOT, 'src', 'k8s', 'rbac', 'defaults', `v${minor.replace('.', '-')}.ts`);
writeFileSync(file, out);
execFileSync(join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', file], { stdio: 'ignore' });
console.log(`wrote ${file}`);
