import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { configMap, deployment, minutesBefore, pod, T0 } from '../../testing/cluster-builders.ts';
import { namespaceEmpty } from './namespace-empty.ts';

const ns = (name: string, days: number, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, creationTimestamp: minutesBefore(T0, days * 1440), ...extra },
  status: { phase: 'Active' },
});

describe('namespace-empty', () => {
  it('fires on an old namespace holding only a ConfigMap', () => {
    const findings = analyze(namespaceEmpty, [ns('old-team', 30), configMap('settings', 'old-team')]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['Namespace "old-team" has no pods or workloads (created 30 days ago)'],
    );
  });
  it('does not fire on young, used (pod or scaled-down Deployment), default, system or terminating namespaces', () => {
    const findings = analyze(namespaceEmpty, [
      ns('new-team', 2),
      ns('web', 30),
      pod('web-1', { namespace: 'web' }),
      ns('batch', 30),
      ...deployment('nightly', { namespace: 'batch', replicas: 0 }),
      ns('default', 300),
      ns('kube-public', 300),
      ns('going', 30, { deletionTimestamp: T0 }),
      ns('no-timestamp', 0, { creationTimestamp: 42 }),
    ]);
    assert.deepEqual(findings, []);
  });
  it('honours the emptyDays parameter', () => {
    const findings = analyze({ ...namespaceEmpty, params: { ...namespaceEmpty.params!, emptyDays: 1 } }, [
      ns('new-team', 2),
    ]);
    assert.equal(findings.length, 1);
  });
});
