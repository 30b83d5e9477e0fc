import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { minutesBefore, namespace, T0 } from '../../testing/cluster-builders.ts';
import { namespaceNotActive } from './namespace-not-active.ts';

function terminating(name: string, minutesAgo: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, deletionTimestamp: minutesBefore(T0, minutesAgo) },
    spec: { finalizers: ['kubernetes'] },
    status: {
      phase: 'Terminating',
      conditions: [
        { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered' },
        {
          type: 'NamespaceContentRemaining',
          status: 'True',
          reason: 'SomeResourcesRemain',
          message: 'Some resources are remaining: widgets.example.com has 1 resource instances',
        },
      ],
    },
  };
}

describe('namespace-not-active', () => {
  it('fires on a namespace terminating for longer than ten minutes, naming what blocks it', () => {
    const findings = analyze(namespaceNotActive, [terminating('old-team', 90)]);
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        'namespace "old-team" has been terminating for 90m: NamespaceContentRemaining: Some resources are remaining: widgets.example.com has 1 resource instances',
      ],
    );
  });
  it('fires on a phase that is neither Active nor Terminating', () => {
    const odd: KubeObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'x' },
      status: { phase: 'Weird' },
    };
    assert.equal(analyze(namespaceNotActive, [odd])[0]?.message, 'namespace "x" is in phase "Weird"');
  });
  it('does not fire on active namespaces, recent deletions, or namespaces without status', () => {
    const bare: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bare' } };
    assert.deepEqual(analyze(namespaceNotActive, [namespace('shop'), terminating('leaving', 2), bare]), []);
  });
});
