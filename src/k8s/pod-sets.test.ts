import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectIndex } from '../core/index.ts';
import { parseManifestText } from '../sources/files/parse-yaml.ts';
import { BUILT_IN_POD_CREATORS, mayCreateUnknownPods, usePodCreators } from './pod-creators.ts';
import { couldMatch, isHelmHook, podSetIndex, podSetPorts, selectPods, valuesAt } from './pod-sets.ts';

function indexOf(files: Record<string, string>, partial = true): ObjectIndex {
  const objects = Object.entries(files).flatMap(([file, text]) => parseManifestText(text, file).objects);
  return new ObjectIndex(objects, { partial });
}

describe('pod sets', () => {
  it('reads dotted paths, walking lists marked []', () => {
    const root = { spec: { nodeSets: [{ podTemplate: { a: 1 } }, {}, { podTemplate: { a: 2 } }] } };
    assert.deepEqual(valuesAt(root, 'spec.nodeSets[].podTemplate'), [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(valuesAt(root, 'spec.missing[].x'), []);
    assert.deepEqual(valuesAt({ spec: { nodeSets: 'x' } }, 'spec.nodeSets[].podTemplate'), []);
  });

  it('matches open labels as "could be": any value of an open key, never a contradiction of a known one', () => {
    const labels = { 'strimzi.io/cluster': 'events' };
    const open = ['strimzi.io/'];
    assert.equal(couldMatch({ matchLabels: { 'strimzi.io/name': 'events-kafka' } }, labels, open), true);
    assert.equal(couldMatch({ matchLabels: { 'strimzi.io/cluster': 'other' } }, labels, open), false);
    assert.equal(couldMatch({ matchLabels: { app: 'x' } }, labels, open), false);
    assert.equal(
      couldMatch(
        { matchExpressions: [{ key: 'strimzi.io/kind', operator: 'In', values: ['Kafka'] }] },
        labels,
        open,
      ),
      true,
    );
    assert.equal(
      couldMatch(
        { matchExpressions: [{ key: 'strimzi.io/cluster', operator: 'DoesNotExist' }] },
        labels,
        open,
      ),
      false,
    );
    assert.equal(couldMatch({ matchLabels: { a: 'b' } }, { a: 'b' }, []), true);
  });

  it('recognises Helm hooks', () => {
    const meta = (annotations: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x', annotations },
    });
    assert.equal(isHelmHook(meta({ 'helm.sh/hook': 'test' })), true);
    assert.equal(isHelmHook(meta({ 'helm.sh/hook': 'pre-install,post-upgrade' })), true);
    assert.equal(isHelmHook(meta({ 'helm.sh/hook-weight': '1' })), false);
    assert.equal(isHelmHook(meta({})), false);
  });

  it('builds one pod set per operator pod template, with the operator labels winning over the template', () => {
    const index = indexOf({
      'es.yaml': `apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: {name: logs, namespace: elastic}
spec:
  nodeSets:
  - name: hot
    podTemplate:
      metadata: {labels: {tier: hot, elasticsearch.k8s.elastic.co/cluster-name: spoofed}}
      spec: {containers: [{name: elasticsearch, ports: [{name: metrics, containerPort: 9114}]}]}
  - name: warm
    podTemplate: {metadata: {labels: {tier: warm}}}
`,
    });
    const sets = podSetIndex(index, 'template').operated.get('elastic') ?? [];
    assert.deepEqual(
      sets.map((s) => s.labels),
      [
        {
          tier: 'hot',
          'elasticsearch.k8s.elastic.co/cluster-name': 'logs',
          'common.k8s.elastic.co/type': 'elasticsearch',
        },
        {
          tier: 'warm',
          'common.k8s.elastic.co/type': 'elasticsearch',
          'elasticsearch.k8s.elastic.co/cluster-name': 'logs',
        },
      ],
    );
    assert.deepEqual(
      podSetPorts(sets[0]!)?.map((p) => `${p.name}:${p.number}`),
      ['https:9200', 'http:9200', 'transport:9300', 'metrics:9114'],
    );
  });

  it('renames the web port of prometheus-operator kinds from spec.portName, and leaves open ports unknown', () => {
    const index = indexOf({
      'p.yaml': `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {portName: http-web}
---
apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata: {name: events, namespace: monitoring}
spec: {}
`,
    });
    const [prometheus, kafka] = podSetIndex(index, 'template').operated.get('monitoring') ?? [];
    assert.equal(podSetPorts(prometheus!)?.[0]?.name, 'http-web');
    assert.equal(podSetPorts(kafka!), undefined);
  });

  it('adds rows from .shipshape.yaml, replacing a built-in row of the same group and kind', () => {
    const index = indexOf({
      'r.yaml': `apiVersion: cache.example.com/v1
kind: Redis
metadata: {name: sessions, namespace: shop}
spec: {}
---
apiVersion: v1
kind: Service
metadata: {name: sessions, namespace: shop}
spec: {selector: {app: redis, redis: sessions}, ports: [{port: 6379}]}
`,
    });
    usePodCreators(index, [
      { group: 'cache.example.com', kind: 'Redis', labels: { app: 'redis', redis: '{name}' } },
    ]);
    const service = index.ofKind('Service')[0]!;
    const found = selectPods(
      index,
      service,
      'shop',
      { matchLabels: { app: 'redis', redis: 'sessions' } },
      'template',
    );
    assert.deepEqual(
      found.selected.map((s) => s.owner.ref.name),
      ['sessions'],
    );
  });

  it('keeps objects without a namespace to their own directory; a written namespace is shared', () => {
    const deployment = (ns: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web${ns ? `, namespace: ${ns}` : ''}}
spec:
  selector: {matchLabels: {app: web}}
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: w, image: "w:1"}]}}
`;
    const service = (ns: string) => `apiVersion: v1
kind: Service
metadata: {name: web${ns ? `, namespace: ${ns}` : ''}}
spec: {selector: {app: web}, ports: [{port: 80}]}
`;
    const apart = indexOf({ 'a/svc.yaml': service(''), 'b/deploy.yaml': deployment('') });
    const found = selectPods(
      apart,
      apart.ofKind('Service')[0]!,
      '',
      { matchLabels: { app: 'web' } },
      'template',
    );
    assert.equal(found.selected.length, 0);
    assert.match(found.unseen ?? '', /only Deployment web in another directory \(b\)/);

    const shared = indexOf({ 'a/svc.yaml': service('shop'), 'b/deploy.yaml': deployment('shop') });
    const same = selectPods(
      shared,
      shared.ofKind('Service')[0]!,
      'shop',
      { matchLabels: { app: 'web' } },
      'template',
    );
    assert.equal(same.selected.length, 1);

    const complete = indexOf({ 'a/svc.yaml': service(''), 'b/deploy.yaml': deployment('') }, false);
    const none = selectPods(
      complete,
      complete.ofKind('Service')[0]!,
      '',
      { matchLabels: { app: 'x' } },
      'template',
    );
    assert.equal(none.unseen, undefined, 'a complete set (cluster) never explains a miss away');
  });
});

describe('pod creators table', () => {
  it('has one row per group and kind, each with a source', () => {
    const keys = BUILT_IN_POD_CREATORS.map((row) => `${row.group}/${row.kind}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const row of BUILT_IN_POD_CREATORS)
      assert.ok(row.source?.startsWith('https://'), `${row.kind} has a source`);
  });

  it('tells custom resources that may run pods from built-in and configuration-only kinds', () => {
    assert.equal(mayCreateUnknownPods('databases.example.com/v1', 'Redis'), true);
    assert.equal(mayCreateUnknownPods('apps/v1', 'Deployment'), false);
    assert.equal(mayCreateUnknownPods('v1', 'Service'), false);
    assert.equal(mayCreateUnknownPods('gateway.networking.k8s.io/v1', 'HTTPRoute'), false);
    assert.equal(mayCreateUnknownPods('cert-manager.io/v1', 'Certificate'), false);
    assert.equal(mayCreateUnknownPods('monitoring.coreos.com/v1', 'ServiceMonitor'), false);
  });
});
