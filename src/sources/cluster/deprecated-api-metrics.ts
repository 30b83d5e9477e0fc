// Which clients still call deprecated APIs: the API server counts them in apiserver_requested_deprecated_apis
// (gauge, 1 when a deprecated group/version/resource was requested since the server started).
// https://kubernetes.io/docs/reference/using-api/deprecation-policy/#rest-resources-aka-api-objects
import type { KubeObject } from '../../core/object.ts';

const METRIC = /^apiserver_requested_deprecated_apis\{([^}]*)\}\s+([0-9.eE+-]+)/;
// A label name starts after a non-word character: a long word is scanned once, not from each of its letters.
const LABEL = /(?<!\w)(\w+)="((?:[^"\\]|\\.)*)"/g;

/** One synthetic object per deprecated group/version/resource seen, for the upgrade checks. */
export function parseDeprecatedApiMetrics(text: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const line of text.split('\n')) {
    const match = METRIC.exec(line);
    if (!match || Number(match[2]) === 0) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of match[1]!.matchAll(LABEL)) labels[key!] = value!;
    const apiVersion = labels.group ? `${labels.group}/${labels.version}` : (labels.version ?? '');
    out.push({
      apiVersion: 'shipshape.dev/v1alpha1',
      kind: 'DeprecatedAPIRequest',
      metadata: {
        name: `${labels.resource ?? ''}${labels.subresource ? `/${labels.subresource}` : ''}.${apiVersion}`,
      },
      requested: {
        apiVersion,
        resource: labels.resource ?? '',
        subresource: labels.subresource ?? '',
        removedRelease: labels.removed_release ?? '',
      },
    });
  }
  return out;
}
