// One cause per root: findings on different objects that one problem explains become one cause, the root first and
// its consequences under it; findings with nothing in common stay apart.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexOf } from '../../test/support/analyzer-tester.ts';
import { DIAGNOSE_CHECKS } from '../checks/diagnose-checks.ts';
import type { RunSettings } from '../core/check.ts';
import { emptyConfig } from '../core/config.ts';
import { runChecks, selectChecks } from '../core/engine.ts';
import type { Finding } from '../core/finding.ts';
import { describeRef, type KubeObject } from '../core/object.ts';
import type { Cause } from '../core/report.ts';
import {
  deployment,
  endpointSlice,
  node,
  pod,
  replicaSetName,
  service,
  T0,
} from '../testing/cluster-builders.ts';
import { groupCauses, sentence } from './causes.ts';

function diagnose(
  objects: KubeObject[],
  settings: Partial<RunSettings> = {},
): { findings: Finding[]; causes: Cause[] } {
  const index = indexOf(objects);
  const run: RunSettings = { now: new Date(T0), ...settings };
  const { findings, problems } = runChecks(index, selectChecks(DIAGNOSE_CHECKS, emptyConfig(), run), run);
  assert.deepEqual(problems, []);
  return { findings, causes: groupCauses(findings, index) };
}

/** "check Kind ns/name" of a cause's root and of its consequences, in order. */
function shape(findings: Finding[], cause: Cause) {
  const label = (i: number) => `${findings[i]!.check} ${describeRef(findings[i]!.object)}`;
  return { root: cause.root.map(label), consequences: cause.consequences.map((c) => label(c.finding)) };
}

const statefulSet = (name: string, ns: string, className: string): KubeObject[] => [
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: ns, creationTimestamp: '2026-11-27T00:00:00Z' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: className } }],
    },
    status: { replicas: 1, readyReplicas: 0, availableReplicas: 0 },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: `data-${name}-0`, namespace: ns },
    spec: {
      storageClassName: className,
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
    },
    status: { phase: 'Pending' },
  },
  (() => {
    const p = pod(`${name}-0`, {
      namespace: ns,
      labels: { app: name },
      owner: { kind: 'StatefulSet', name },
      state: { kind: 'pending' },
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-${name}-0` } }],
    });
    return p;
  })(),
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard' },
    provisioner: 'ebs.csi.aws.com',
  } as KubeObject,
];

describe('causal graph', () => {
  it('claim on a missing StorageClass → its pod → its StatefulSet: one cause, the claim first', () => {
    const { findings, causes } = diagnose([node('n1'), ...statefulSet('db', 'data', 'fast-ssd')]);
    assert.equal(causes.length, 1, JSON.stringify(causes.map((c) => c.summary)));
    assert.deepEqual(shape(findings, causes[0]!), {
      root: ['pvc-not-bound PersistentVolumeClaim data/data-db-0'],
      consequences: ['pod-unschedulable Pod data/db-0', 'workload-replicas-unavailable StatefulSet data/db'],
    });
    assert.equal(
      causes[0]!.summary,
      'PersistentVolumeClaim data/data-db-0 is Pending: StorageClass "fast-ssd" does not exist.',
    );
    // The StatefulSet follows from the pod, the pod from the claim.
    const [pod, sts] = causes[0]!.consequences;
    assert.equal(pod!.of, causes[0]!.root[0]);
    assert.equal(sts!.of, pod!.finding);
    assert.match(causes[0]!.fix, /volumeClaimTemplates/);
    assert.equal(causes[0]!.impact.pods, 1);
  });

  it('a Service whose pods crash is a consequence of the crash; a Deployment of its pods', () => {
    const objects = [
      node('n1'),
      ...deployment('web', { namespace: 'shop', replicas: 2, available: 0 }),
      ...['a', 'b'].map((s) =>
        pod(`web-7d9f8c6b5-${s}`, {
          namespace: 'shop',
          labels: { app: 'web' },
          owner: { kind: 'ReplicaSet', name: replicaSetName('web') },
          state: { kind: 'crashloop', exitCode: 2 },
        }),
      ),
      service('web', 'shop', { app: 'web' }),
      endpointSlice('web', 'shop', [
        { name: 'web-7d9f8c6b5-a', ready: false },
        { name: 'web-7d9f8c6b5-b', ready: false },
      ]),
    ];
    const { findings, causes } = diagnose(objects);
    assert.equal(causes.length, 1, JSON.stringify(causes.map((c) => c.summary)));
    const s = shape(findings, causes[0]!);
    assert.deepEqual(s.root, [
      'pod-crash-looping Pod shop/web-7d9f8c6b5-a',
      'pod-crash-looping Pod shop/web-7d9f8c6b5-b',
    ]);
    assert.deepEqual(s.consequences.sort(), [
      'service-no-endpoints Service shop/web',
      'workload-replicas-unavailable Deployment shop/web',
    ]);
    assert.match(causes[0]!.fix, /exits with code 2/);
  });

  it('pods on a node that stopped reporting are its consequences; a crash elsewhere stays its own cause', () => {
    const { findings, causes } = diagnose([
      node('lost', { ready: 'Unknown' }),
      node('ok'),
      pod('on-lost', { namespace: 'a', nodeName: 'lost', state: { kind: 'not-ready' } }),
      pod('crashing', { namespace: 'b', nodeName: 'ok', state: { kind: 'crashloop' } }),
    ]);
    const lost = causes.find((c) => c.id === 'node-not-ready/lost')!;
    assert.deepEqual(shape(findings, lost).root, ['node-not-ready Node lost']);
    assert.ok(shape(findings, lost).consequences.every((c) => c.endsWith('Pod a/on-lost')));
    assert.ok(causes.some((c) => shape(findings, c).root.includes('pod-crash-looping Pod b/crashing')));
  });

  it('a Service selector typo next to the right labels: one cause with the suggestion, the healthy app silent', () => {
    const { causes } = diagnose([
      node('n1'),
      ...deployment('web', { namespace: 'shop' }),
      pod('web-7d9f8c6b5-a', {
        namespace: 'shop',
        labels: { app: 'web' },
        owner: { kind: 'ReplicaSet', name: replicaSetName('web') },
      }),
      service('web', 'shop', { app: 'wbe' }),
    ]);
    assert.equal(causes.length, 1);
    assert.match(causes[0]!.summary, /app=wbe matches no pod, and app=web would match 1 pod\.$/);
    assert.match(causes[0]!.fix, /^Did you mean app=web\? /);
  });

  it('an HPA whose target does not exist: one cause, the missing target first', () => {
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'webb' }, maxReplicas: 3 },
      status: {
        conditions: [
          {
            type: 'AbleToScale',
            status: 'False',
            reason: 'FailedGetScale',
            message: `the HPA controller was unable to get the target's current scale: deployments.apps "webb" not found`,
          },
        ],
      },
    };
    const { findings, causes } = diagnose([...deployment('web', { namespace: 'shop' }), hpa]);
    assert.equal(causes.length, 1);
    assert.deepEqual(shape(findings, causes[0]!), {
      root: ['hpa-target-not-found HorizontalPodAutoscaler shop/web'],
      consequences: ['hpa-unhealthy HorizontalPodAutoscaler shop/web'],
    });
    assert.match(causes[0]!.fix, /^Did you mean Deployment web\?/);
  });

  it('without the object set, only declared links are followed; include keeps indexes into all findings', () => {
    const { findings } = diagnose([node('n1'), ...statefulSet('db', 'data', 'fast-ssd')]);
    const declaredOnly = groupCauses(findings);
    // pod → claim is declared by the analyzer; StatefulSet → pod needs ownership from the object set.
    assert.equal(declaredOnly.length, 2);
    const onlyPods = groupCauses(findings, undefined, (f) => f.object.kind === 'Pod');
    assert.deepEqual(
      onlyPods.flatMap((c) => c.findings.map((i) => findings[i]!.object.kind)),
      ['Pod'],
    );
  });

  it('a cycle of declared links still yields a root', () => {
    const base = {
      severity: 'high',
      category: 'reliability',
      message: 'm',
      remediation: 'r',
      runbook: 'x',
    } as const;
    const a: Finding = {
      ...base,
      check: 'a',
      object: { apiVersion: 'v1', kind: 'Service', namespace: 'n', name: 'a' },
      fingerprint: 'a',
      cause: { key: 'a', summary: 'a', upstream: [{ kind: 'Service', namespace: 'n', name: 'b' }] },
    };
    const b: Finding = {
      ...base,
      check: 'b',
      object: { apiVersion: 'v1', kind: 'Service', namespace: 'n', name: 'b' },
      fingerprint: 'b',
      cause: { key: 'b', summary: 'b', upstream: [{ kind: 'Service', namespace: 'n', name: 'a' }] },
    };
    const causes = groupCauses([a, b]);
    assert.equal(causes.length, 1);
    assert.equal(causes[0]!.root.length, 1);
    assert.equal(causes[0]!.consequences.length, 1);
  });

  it('summaries read as one sentence', () => {
    assert.equal(sentence('  pods were evicted from node n  '), 'Pods were evicted from node n.');
    assert.equal(sentence('Service x has no endpoints.'), 'Service x has no endpoints.');
    assert.equal(sentence('image "a:1" (x)'), 'Image "a:1" (x).');
  });
});
