// The precision corpus (test/fixtures/precision, written for this project, reproducing the structure of public
// repositories): each class of issue #14 with the findings that must fire and those that must not. For the
// cross-object checks the list is exact: any other finding above info is a false alarm.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, shipshape } from './cli-support.ts';

const CORPUS = join(ROOT, 'test/fixtures/precision');
const CROSS_OBJECT = new Set([
  'service-selector-no-match',
  'service-target-port-not-exposed',
  'pdb-selects-nothing',
  'networkpolicy-selects-nothing',
  'networkpolicy-peer-selects-nothing',
  'servicemonitor-selects-nothing',
]);

interface Expected {
  check: string;
  object: string;
  severity?: string;
}

interface Case {
  dir: string;
  needs?: 'helm';
  mustFire: Expected[];
  mustNotFire: Expected[];
}

const CASES: Case[] = [
  {
    dir: 'operator-stack',
    mustFire: [
      { check: 'service-selector-no-match', object: 'Service/prometheus-typo', severity: 'high' },
      { check: 'service-target-port-not-exposed', object: 'Service/alertmanager-metrics', severity: 'high' },
      { check: 'servicemonitor-selects-nothing', object: 'ServiceMonitor/grafana-typo', severity: 'medium' },
    ],
    mustNotFire: [
      { check: 'service-selector-no-match', object: 'Service/prometheus-k8s' },
      { check: 'service-target-port-not-exposed', object: 'Service/prometheus-k8s' },
      { check: 'service-selector-no-match', object: 'Service/alertmanager-main' },
      { check: 'service-target-port-not-exposed', object: 'Service/alertmanager-main' },
      { check: 'pdb-selects-nothing', object: 'PodDisruptionBudget/prometheus-k8s' },
      { check: 'pdb-selects-nothing', object: 'PodDisruptionBudget/alertmanager-main' },
      { check: 'networkpolicy-selects-nothing', object: 'NetworkPolicy/prometheus-k8s' },
      { check: 'networkpolicy-peer-selects-nothing', object: 'NetworkPolicy/alertmanager-main' },
      { check: 'servicemonitor-selects-nothing', object: 'ServiceMonitor/kube-apiserver' },
      { check: 'servicemonitor-selects-nothing', object: 'ServiceMonitor/coredns' },
      { check: 'servicemonitor-selects-nothing', object: 'ServiceMonitor/kubelet' },
      { check: 'servicemonitor-selects-nothing', object: 'ServiceMonitor/prometheus-k8s' },
      { check: 'service-selector-no-match', object: 'Service/events-brokers-extra' },
      { check: 'service-target-port-not-exposed', object: 'Service/events-brokers-extra' },
      { check: 'networkpolicy-selects-nothing', object: 'NetworkPolicy/events-brokers' },
    ],
  },
  {
    dir: 'chart-with-hooks',
    needs: 'helm',
    mustFire: [
      {
        check: 'service-target-port-not-exposed',
        object: 'Service/release-web-metrics',
        severity: 'high',
      },
    ],
    mustNotFire: [{ check: 'service-target-port-not-exposed', object: 'Service/release-web' }],
  },
  {
    dir: 'examples',
    mustFire: [
      { check: 'service-selector-no-match', object: 'Service/api', severity: 'high' },
      { check: 'service-selector-no-match', object: 'Service/dcgm-exporter', severity: 'info' },
    ],
    mustNotFire: [
      { check: 'service-target-port-not-exposed', object: 'Service/guestbook' },
      { check: 'service-target-port-not-exposed', object: 'Service/frontend' },
      { check: 'service-selector-no-match', object: 'Service/frontend' },
    ],
  },
  {
    dir: 'token-rbac',
    mustFire: [{ check: 'pod-service-account-token-automounted', object: 'Deployment/web', severity: 'low' }],
    mustNotFire: [{ check: 'pod-service-account-token-automounted', object: 'Deployment/controller' }],
  },
  {
    dir: 'schedules',
    mustFire: [
      { check: 'cronjob-starting-deadline-missing', object: 'CronJob/report', severity: 'low' },
      { check: 'container-seccomp-profile-missing', object: 'CronJob/report', severity: 'low' },
    ],
    mustNotFire: [
      { check: 'cronjob-starting-deadline-missing', object: 'CronJob/cleanup' },
      { check: 'container-seccomp-profile-missing', object: 'CronJob/cleanup' },
    ],
  },
  {
    dir: 'variants',
    mustFire: [
      { check: 'object-duplicate', object: 'StorageClass/fast', severity: 'low' },
      { check: 'object-duplicate', object: 'ConfigMap/settings', severity: 'high' },
    ],
    mustNotFire: [],
  },
  {
    dir: 'metrics-config',
    mustFire: [{ check: 'configmap-secret-content', object: 'ConfigMap/app-settings', severity: 'high' }],
    mustNotFire: [
      { check: 'configmap-secret-content', object: 'ConfigMap/custom-resource-state' },
      { check: 'configmap-secret-content', object: 'ConfigMap/operator-settings' },
    ],
  },
  {
    dir: 'well-known-roles',
    mustFire: [
      {
        check: 'rolebinding-role-missing',
        object: 'RoleBinding/metrics-adapter-lookalike',
        severity: 'info',
      },
    ],
    mustNotFire: [
      { check: 'rolebinding-role-missing', object: 'RoleBinding/metrics-adapter-auth-reader' },
      { check: 'rbac-binding-pod-exec-attach', object: 'RoleBinding/metrics-adapter-auth-reader' },
      { check: 'rolebinding-role-missing', object: 'ClusterRoleBinding/metrics-adapter-delegator' },
      { check: 'rbac-binding-pod-exec-attach', object: 'ClusterRoleBinding/metrics-adapter-delegator' },
    ],
  },
  {
    dir: 'fix-safety',
    mustFire: [
      { check: 'container-privileged', object: 'DaemonSet/node-agent', severity: 'critical' },
      { check: 'container-root-filesystem-writable', object: 'Deployment/explicit-choices' },
      { check: 'container-runs-as-root', object: 'Deployment/root-image' },
    ],
    mustNotFire: [
      { check: 'container-runs-as-root', object: 'Deployment/non-root' },
      { check: 'container-privilege-escalation-allowed', object: 'Deployment/non-root' },
    ],
  },
];

interface Finding {
  check: string;
  severity: string;
  object: { kind: string; name: string };
  message: string;
  relatedTo?: string;
  fingerprint: string;
}

const HELM = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' }).status === 0;

const label = (f: Finding) => `${f.check} ${f.object.kind}/${f.object.name} ${f.severity}: ${f.message}`;

describe('precision corpus (issue #14)', () => {
  for (const c of CASES) {
    const skip =
      c.needs === 'helm' && !HELM ? 'helm is not installed (bash scripts/install-tools.sh)' : false;
    it(`${c.dir}: must fire, must not fire, and no other cross-object finding above info`, { skip }, () => {
      const run = shipshape(['review', join(CORPUS, c.dir), '-o', 'json', '--fail-on', 'none']);
      assert.equal(run.status, 0, run.stderr);
      const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
      const is = (f: Finding, e: Expected) =>
        f.check === e.check && `${f.object.kind}/${f.object.name}` === e.object;
      for (const e of c.mustFire) {
        const found = findings.filter((f) => is(f, e));
        assert.ok(
          found.length > 0,
          `must fire: ${e.check} on ${e.object}\n${findings.map(label).join('\n')}`,
        );
        if (e.severity)
          assert.deepEqual(
            [...new Set(found.map((f) => f.severity))],
            [e.severity],
            found.map(label).join('\n'),
          );
      }
      for (const e of c.mustNotFire) {
        const found = findings.filter((f) => is(f, e));
        assert.deepEqual(found.map(label), [], `must not fire: ${e.check} on ${e.object}`);
      }
      const unexpected = findings.filter(
        (f) => CROSS_OBJECT.has(f.check) && f.severity !== 'info' && !c.mustFire.some((e) => is(f, e)),
      );
      assert.deepEqual(unexpected.map(label), [], 'cross-object findings above info that no case expects');
    });
  }

  it('fix-safety: a privileged container states one problem, its escalation finding is related to it', () => {
    const run = shipshape(['review', join(CORPUS, 'fix-safety'), '-o', 'json', '--fail-on', 'none']);
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    const escalation = findings.find(
      (f) => f.check === 'container-privilege-escalation-allowed' && f.object.name === 'node-agent',
    );
    const privileged = findings.find(
      (f) => f.check === 'container-privileged' && f.object.name === 'node-agent',
    );
    assert.ok(privileged && escalation?.relatedTo === privileged.fingerprint, JSON.stringify(escalation));
  });
});
