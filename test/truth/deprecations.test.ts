import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDeprecationWarning } from './deprecations.ts';

describe('deprecation warnings of the API server', () => {
  it('reads deprecated-in, unavailable-in and the replacement, each optional after the first', () => {
    assert.deepEqual(
      parseDeprecationWarning(
        'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated in v1.29+, unavailable in v1.32+; use flowcontrol.apiserver.k8s.io/v1 FlowSchema',
      ),
      {
        apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
        kind: 'FlowSchema',
        deprecatedIn: '1.29',
        removedIn: '1.32',
        replacement: 'flowcontrol.apiserver.k8s.io/v1 FlowSchema',
      },
    );
    assert.deepEqual(
      parseDeprecationWarning('v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice'),
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        deprecatedIn: '1.33',
        replacement: 'discovery.k8s.io/v1 EndpointSlice',
      },
    );
    assert.deepEqual(parseDeprecationWarning('v1 ComponentStatus is deprecated in v1.19+'), {
      apiVersion: 'v1',
      kind: 'ComponentStatus',
      deprecatedIn: '1.19',
    });
  });

  it('ignores other warnings', () => {
    assert.equal(parseDeprecationWarning('unknown field "spec.foo"'), undefined);
    assert.equal(
      parseDeprecationWarning('metadata.name: this is used in Pod names and hostnames'),
      undefined,
    );
  });
});
