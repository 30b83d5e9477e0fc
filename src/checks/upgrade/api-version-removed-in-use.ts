// https://kubernetes.io/docs/reference/using-api/deprecation-guide/
// An object is stored in the newest version; what tells us a client still uses an old apiVersion is the
// apiVersion in managedFields (every writer, server-side apply included) and in kubectl's
// last-applied-configuration. Reading only the latter both misses and invents usages.
import { defineCheck } from '../../core/check.ts';
import { apiStatus, deprecationOf, insteadOf } from '../../k8s/deprecations.ts';
import { upgradeTarget } from './upgrade-target.ts';

export const apiVersionRemovedInUse = defineCheck({
  id: 'api-version-removed-in-use',
  title: 'Clients still write this object through an API version the target release removes or deprecates',
  severity: 'critical',
  category: 'upgrade',
  description:
    'After the upgrade the API server no longer serves the old apiVersion: the manifests, charts, operators or ' +
    'pipelines that apply this object with it will fail. The object itself survives (it is stored in a newer ' +
    'version); its writers break.',
  remediation:
    'Change the writer (the manifest, chart template or controller named in managedFields) to the replacement ' +
    'apiVersion before upgrading; kubectl convert can rewrite manifests.',
  docs: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'],
  appliesTo: 'all',
  isActive: (settings) => upgradeTarget(settings) !== undefined,
  peers: { pluto: ['deprecated-api'] },
  *check(loaded, { settings }) {
    const target = upgradeTarget(settings);
    if (!target) return;
    const writers = new Map<string, string[]>();
    const managed = loaded.object.metadata.managedFields;
    if (Array.isArray(managed)) {
      for (const entry of managed as { apiVersion?: string; manager?: string }[]) {
        if (!entry?.apiVersion) continue;
        const list = writers.get(entry.apiVersion) ?? [];
        list.push(entry.manager ?? 'unknown manager');
        writers.set(entry.apiVersion, list);
      }
    }
    const lastApplied =
      loaded.object.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
    if (typeof lastApplied === 'string') {
      const match = /"apiVersion"\s*:\s*"([^"]+)"/.exec(lastApplied);
      if (match?.[1])
        writers.set(match[1], [
          ...(writers.get(match[1]) ?? []),
          'kubectl apply (last-applied-configuration)',
        ]);
    }
    for (const [apiVersion, managers] of writers) {
      const deprecation = deprecationOf(apiVersion, loaded.object.kind);
      if (!deprecation) continue;
      const status = apiStatus(deprecation, target);
      if (status === 'served') continue;
      yield {
        path: ['metadata', 'managedFields'],
        message: `${loaded.object.kind} "${loaded.ref.name}" is written as ${apiVersion} by ${[...new Set(managers)].join(', ')}, ${status === 'removed' ? `removed in ${deprecation.removedIn}` : `deprecated${deprecation.removedIn ? ` (removal in ${deprecation.removedIn})` : ''}`}${insteadOf(deprecation, false)}`,
        severity: status === 'removed' ? 'critical' : 'medium',
        cause: {
          key: `api/${apiVersion}/${loaded.object.kind}`,
          summary: `${apiVersion} ${loaded.object.kind} is ${status} in ${target} and still in use`,
        },
      };
    }
  },
});
