// Every security and RBAC check tolerates any shape: wrong types, nulls, missing fields. Never a crash.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import type { LoadedObject } from '../../core/object.ts';
import { refOf } from '../../core/object.ts';
import { rbacChecks } from '../rbac/index.ts';
import { securityChecks } from './index.ts';

const JUNK: unknown[] = [
  null,
  0,
  -1,
  1.5,
  '',
  'x',
  true,
  [],
  [null],
  [1, 'a'],
  {},
  { a: null },
  [{ name: null }],
];

function shapes(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const podFields = [
    'containers',
    'initContainers',
    'ephemeralContainers',
    'volumes',
    'securityContext',
    'os',
    'hostNetwork',
    'serviceAccountName',
    'automountServiceAccountToken',
  ];
  const containerFields = ['securityContext', 'ports', 'env', 'envFrom', 'volumeMounts', 'image', 'name'];
  const scFields = [
    'capabilities',
    'runAsUser',
    'seccompProfile',
    'seLinuxOptions',
    'windowsOptions',
    'privileged',
    'sysctls',
  ];
  for (const junk of JUNK) {
    out.push({ spec: junk });
    for (const f of podFields) out.push({ spec: { [f]: junk } });
    for (const f of containerFields)
      out.push({
        spec: { containers: [{ name: 'c', [f]: junk }], volumes: [{ name: 'v', hostPath: junk }] },
      });
    for (const f of scFields) {
      out.push({
        spec: { securityContext: { [f]: junk }, containers: [{ name: 'c', securityContext: { [f]: junk } }] },
      });
      out.push({
        spec: { containers: [{ name: 'c', securityContext: { capabilities: { add: junk, drop: junk } } }] },
      });
    }
    out.push({
      spec: {
        containers: [
          {
            name: 'c',
            env: [
              { name: 'PASSWORD', value: junk },
              { name: junk, valueFrom: junk },
            ],
          },
        ],
      },
    });
    out.push({ data: junk, binaryData: junk });
    out.push({ data: { password: junk, 'cfg.ini': junk } });
    out.push({ rules: junk, roleRef: junk, subjects: junk, aggregationRule: junk });
    out.push({ rules: [junk, { apiGroups: junk, resources: junk, verbs: junk, resourceNames: junk }] });
    out.push({ roleRef: { kind: 'ClusterRole', name: junk }, subjects: [junk] });
    out.push({ aggregationRule: { clusterRoleSelectors: [junk, { matchLabels: junk }] }, rules: [] });
  }
  return out;
}

const KINDS = [
  'Pod',
  'Deployment',
  'CronJob',
  'ConfigMap',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ServiceAccount',
  'SecurityContextConstraints',
];

describe('security and rbac checks: robustness', () => {
  it('never crash on malformed objects', () => {
    const objects: LoadedObject[] = [];
    let n = 0;
    for (const kind of KINDS) {
      for (const shape of shapes()) {
        const object: Record<string, unknown> = {
          apiVersion: 'v1',
          kind,
          metadata: { name: `o${n++}`, labels: { a: 'b' } },
          ...shape,
        };
        if (kind === 'Deployment' && 'spec' in shape) object.spec = { template: { spec: shape.spec } };
        if (kind === 'CronJob' && 'spec' in shape)
          object.spec = { jobTemplate: { spec: { template: { spec: shape.spec } } } };
        objects.push({
          object: object as LoadedObject['object'],
          ref: refOf(object as LoadedObject['object']),
        });
      }
    }
    const checks = [...securityChecks, ...rbacChecks];
    for (const partial of [true, false]) {
      const result = runChecks(
        new ObjectIndex(objects, { partial }),
        checks.map((check) => ({
          check,
          params: { ...(check.params ?? {}), allowedRegistries: ['r.io'] },
          severity: check.severity,
        })),
        { now: new Date(0) },
      );
      assert.deepEqual(result.problems, []);
      assert.ok(
        result.findings.length > 0,
        'the malformed set still yields findings for what is well-formed',
      );
    }
  });
});
