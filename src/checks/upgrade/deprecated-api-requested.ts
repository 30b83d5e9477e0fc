// https://kubernetes.io/blog/2020/09/03/warnings/#deprecation-warnings
import { defineCheck } from '../../core/check.ts';
import { compareVersions } from '../../k8s/deprecations.ts';
import { upgradeTarget } from './upgrade-target.ts';

export const deprecatedApiRequested = defineCheck({
  id: 'deprecated-api-requested',
  title: 'Some client still calls an API version the target release removes',
  severity: 'critical',
  category: 'upgrade',
  description:
    "The API server's apiserver_requested_deprecated_apis metric says a client requested this deprecated API " +
    'since the server started. Objects may all be migrated and a controller, CI job or dashboard can still ' +
    "call the old version: it breaks at the upgrade. The audit log (or the metric's timing) tells which client.",
  remediation:
    'Find the caller (audit log: annotations k8s.io/deprecated=true, user agent) and move it to the replacement version before upgrading.',
  docs: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'],
  appliesTo: ['DeprecatedAPIRequest'],
  isActive: (settings) => upgradeTarget(settings) !== undefined,
  *check(loaded, { settings }) {
    const target = upgradeTarget(settings);
    const requested = (
      loaded.object as { requested?: { apiVersion: string; resource: string; removedRelease: string } }
    ).requested;
    if (!target || !requested?.removedRelease) return;
    const removed = compareVersions(target, requested.removedRelease) >= 0;
    yield {
      message: `${requested.resource} ${requested.apiVersion} was requested by a client; it is ${removed ? `removed in ${requested.removedRelease}` : `deprecated, removal in ${requested.removedRelease}`}`,
      severity: removed ? 'critical' : 'low',
    };
  },
});
