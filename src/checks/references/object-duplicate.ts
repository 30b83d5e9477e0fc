// https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import { groupOf, type LoadedObject, placeOf, scopeOf } from '../../core/object.ts';

// Built-in cluster-scoped kinds (kubectl api-resources --namespaced=false), by kind; their namespace is ignored.
// https://kubernetes.io/docs/reference/kubernetes-api/
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'SelfSubjectAccessReview',
  'SelfSubjectReview',
  'SelfSubjectRulesReview',
  'StorageClass',
  'SubjectAccessReview',
  'TokenReview',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'VolumeAttributesClass',
  'DeviceClass',
  'IPAddress',
  'ServiceCIDR',
  'ClusterIssuer',
]);

function identity(loaded: LoadedObject): string {
  const { ref } = loaded;
  const namespace = CLUSTER_SCOPED.has(ref.kind) ? '' : (ref.namespace ?? '');
  // Files of one directory are applied together (kubectl apply -f dir); sibling directories are usually
  // alternatives (environments, overlays), so the same object in two directories is not a duplicate.
  const scope = scopeOf(loaded);
  return `${scope}\u0000${groupOf(ref.apiVersion ?? '')}\u0000${ref.kind}\u0000${namespace}\u0000${ref.name}`;
}

/** Every object by identity, in input order; the first of each list is the original. */
function byIdentity(index: ObjectIndex): Map<string, LoadedObject[]> {
  return index.memo('object-identity', (idx) => {
    const out = new Map<string, LoadedObject[]>();
    for (const loaded of idx.all) {
      if (!loaded.ref.name || loaded.object.metadata?.generateName) continue;
      const key = identity(loaded);
      const list = out.get(key);
      if (list) list.push(loaded);
      else out.set(key, [loaded]);
    }
    return out;
  });
}

/**
 * Two plain files of one directory that define the same object are, in practice, variants of one example to apply
 * one at a time (kafka-ephemeral.yaml / kafka-persistent.yaml, aws-ebs.yaml / gce-pd.yaml) far more often than a
 * mistake; one file, one Helm release or one Kustomize build that defines it twice is always a mistake.
 * Decision 0038.
 */
function alternatives(first: LoadedObject, later: LoadedObject): boolean {
  const a = first.origin;
  const b = later.origin;
  return !!a && !!b && a.scope === undefined && b.scope === undefined && a.file !== b.file;
}

export const objectDuplicate = defineCheck({
  id: 'object-duplicate',
  title: 'The same object is defined twice',
  severity: 'high',
  category: 'configuration',
  indexes: ['object-identity'],
  description:
    'Two documents with the same API group, kind, namespace and name are one object to the API server: the ' +
    'later one silently replaces the earlier on apply, so one of the two definitions never takes effect. ' +
    'Cluster-scoped kinds collide whatever namespace they are written with. Files are compared within one ' +
    'directory (what kubectl apply -f <dir> applies together); sibling directories such as per-environment ' +
    'folders may define the same object. Two plain files of one directory that define the same object are ' +
    'usually alternatives (variants of an example applied one at a time): that is reported two steps lower (low by default); one file, one ' +
    'Helm release or one Kustomize build defining an object twice is high.',
  remediation: 'Delete one of the two definitions or rename one of them.',
  docs: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/names/'],
  appliesTo: 'all',
  example: {
    bad: `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {LOG_LEVEL: info}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}   # replaces the one above on apply
data: {LOG_LEVEL: debug}
`,
  },
  *check(loaded, { index }) {
    if (!loaded.ref.name || loaded.object.metadata?.generateName) return;
    const all = byIdentity(index).get(identity(loaded));
    const position = all ? all.indexOf(loaded) : -1;
    if (!all || position < 1) return;
    const first = all[0] as LoadedObject;
    const place = first.origin && placeOf(first.origin, []);
    const at = place ? ` at ${place.file}${place.line ? `:${place.line}` : ''}` : '';
    const copy = all.length > 2 ? ` (definition ${position + 1} of ${all.length})` : '';
    const message = `${loaded.ref.kind} "${loaded.ref.name}" is already defined${at}${copy}`;
    if (!alternatives(first, loaded)) {
      yield { path: ['metadata', 'name'], message };
      return;
    }
    yield {
      path: ['metadata', 'name'],
      message: `${message}: the files look like alternatives to apply one at a time; applied together, the later replaces the earlier`,
      severityShift: -2,
    };
  },
});
