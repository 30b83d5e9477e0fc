import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectIndex } from '../core/index.ts';
import { formatPath } from '../core/path.ts';
import { parseManifestText } from '../sources/files/parse-yaml.ts';
import { findDataObject, referencesFrom, referencesOf, referencesTo } from './references.ts';

function load(yaml: string) {
  const parsed = parseManifestText(yaml, 'refs.yaml');
  // Null list items are warned about (decision 0033) and still reach the code under test.
  assert.deepEqual(
    parsed.problems.filter((p) => p.level !== 'warning'),
    [],
  );
  return new ObjectIndex(parsed.objects, { partial: true });
}

const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: ops}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: reporter
          serviceAccount: ignored-alias
          priorityClassName: batch-low
          imagePullSecrets: [{name: regcred}]
          initContainers:
          - name: init
            image: "i:1"
            envFrom: [{configMapRef: {name: init-env}}, {secretRef: {name: init-secret, optional: true}}]
          containers:
          - name: main
            image: "m:1"
            env:
            - {name: A, valueFrom: {configMapKeyRef: {name: cfg, key: a}}}
            - {name: B, valueFrom: {secretKeyRef: {name: creds, key: b, optional: false}}}
            - {name: C, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
          volumes:
          - {name: v1, configMap: {name: cfg, items: [{key: x, path: x}, {key: "y", path: "y"}]}}
          - {name: v2, secret: {secretName: tls, optional: true}}
          - {name: v3, persistentVolumeClaim: {claimName: data}}
          - name: v4
            projected:
              sources:
              - {configMap: {name: proj-cm}}
              - {secret: {name: proj-secret, items: [{key: k, path: k}]}}
              - {serviceAccountToken: {path: token}}
          - {name: v5, csi: {driver: x, nodePublishSecretRef: {name: csi-secret}}}
          - {name: v6, azureFile: {secretName: azure-secret, shareName: s}}
          - {name: v7, cephfs: {monitors: [a], secretRef: {name: ceph-secret}}}
`;

describe('k8s/references', () => {
  it('collects every reference of a pod spec with its path', () => {
    const index = load(cronJob);
    const cron = index.all[0]!;
    const refs = referencesFrom(index, cron).map(
      (r) =>
        `${r.kind} ${r.namespace ?? '-'}/${r.name}${r.keys ? `[${r.keys.join(',')}]` : ''}${r.optional ? ' optional' : ''} ${r.via}${
          r.container ? `(${r.container})` : ''
        } ${formatPath(r.path).replace('spec.jobTemplate.spec.template.spec.', '')}`,
    );
    assert.deepEqual(refs, [
      'ServiceAccount ops/reporter serviceAccountName serviceAccountName',
      'PriorityClass -/batch-low priorityClassName priorityClassName',
      'Secret ops/regcred imagePullSecrets imagePullSecrets[0].name',
      'ConfigMap ops/cfg[x,y] volume volumes[0].configMap',
      'Secret ops/tls optional volume volumes[1].secret',
      'PersistentVolumeClaim ops/data volume volumes[2].persistentVolumeClaim.claimName',
      'ConfigMap ops/proj-cm projected volume volumes[3].projected.sources[0].configMap',
      'Secret ops/proj-secret[k] projected volume volumes[3].projected.sources[1].secret',
      'Secret ops/csi-secret volume volumes[4].csi.nodePublishSecretRef',
      'Secret ops/azure-secret volume volumes[5].azureFile.secretName',
      'Secret ops/ceph-secret volume volumes[6].cephfs.secretRef',
      'ConfigMap ops/cfg[a] env(main) containers[0].env[0].valueFrom.configMapKeyRef',
      'Secret ops/creds[b] env(main) containers[0].env[1].valueFrom.secretKeyRef',
      'ConfigMap ops/init-env envFrom(init) initContainers[0].envFrom[0].configMapRef',
      'Secret ops/init-secret optional envFrom(init) initContainers[0].envFrom[1].secretRef',
    ]);
  });

  it('indexes references by target, once per run', () => {
    const index = load(cronJob);
    assert.equal(referencesTo(index, 'ConfigMap', 'ops', 'cfg').length, 2);
    assert.equal(referencesTo(index, 'ConfigMap', 'other', 'cfg').length, 0);
    assert.equal(referencesTo(index, 'PriorityClass', undefined, 'batch-low').length, 1);
    const built = index.memo('references', () => assert.fail('must be memoized'));
    assert.ok(built);
  });

  it('collects Ingress, ServiceAccount and binding references', () => {
    const index = load(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  tls: [{secretName: web-tls}]
  defaultBackend: {service: {name: fallback, port: {number: 80}}}
  rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]}}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: bot, namespace: shop}
secrets: [{name: bot-token}]
imagePullSecrets: [{name: regcred}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: bot}, {kind: ServiceAccount, name: x, namespace: other}, {kind: User, name: u}]
`);
    const show = (i: number) =>
      referencesOf(index.all[i]!).map(
        (r) => `${r.kind} ${r.namespace ?? '-'}/${r.name} ${formatPath(r.path)}`,
      );
    assert.deepEqual(show(0), [
      'Secret shop/web-tls spec.tls[0].secretName',
      'Service shop/fallback spec.defaultBackend.service',
      'Service shop/web spec.rules[0].http.paths[0].backend.service',
    ]);
    assert.deepEqual(show(1), [
      'Secret shop/bot-token secrets[0].name',
      'Secret shop/regcred imagePullSecrets[0].name',
    ]);
    assert.deepEqual(show(2), [
      'ClusterRole -/view roleRef.name',
      'ServiceAccount shop/bot subjects[0]',
      'ServiceAccount other/x subjects[1]',
    ]);
  });

  it('never throws on malformed shapes', () => {
    const index = load(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccountName: 5
  imagePullSecrets: "x"
  volumes: [null, 1, {configMap: null}, {projected: {sources: [null, {secret: 3}]}}, {cephfs: {secretRef: "s"}}]
  containers: [null, {name: a, env: {x: 1}, envFrom: [null, {configMapRef: "x"}]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb}
roleRef: [1]
subjects: "nobody"
`);
    for (const loaded of index.all) assert.deepEqual(referencesOf(loaded), []);
  });

  it('finds Secrets that other objects will create', () => {
    const index = load(`apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: c, namespace: a}
spec: {secretName: c-tls}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: e, namespace: a}
spec: {}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: m, namespace: a}
data: {k: v}
binaryData: {b: eA==}
`);
    assert.deepEqual(
      [...(findDataObject(index, 'Secret', 'a', 'c-tls')?.keys ?? [])],
      ['tls.crt', 'tls.key', 'ca.crt'],
    );
    assert.equal(findDataObject(index, 'Secret', 'a', 'e')?.keys, undefined);
    assert.ok(findDataObject(index, 'Secret', 'a', 'e'));
    assert.equal(findDataObject(index, 'Secret', 'b', 'e'), undefined);
    assert.deepEqual([...(findDataObject(index, 'ConfigMap', 'a', 'm')?.keys ?? [])], ['k', 'b']);
  });
});
