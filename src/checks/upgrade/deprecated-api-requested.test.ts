import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import { parseDeprecatedApiMetrics } from '../../sources/cluster/deprecated-api-metrics.ts';
import { deprecatedApiRequested } from './deprecated-api-requested.ts';

const metrics = `# HELP apiserver_requested_deprecated_apis [STABLE] Gauge of deprecated APIs that have been requested
# TYPE apiserver_requested_deprecated_apis gauge
apiserver_requested_deprecated_apis{group="flowcontrol.apiserver.k8s.io",removed_release="1.32",resource="flowschemas",subresource="",version="v1beta3"} 1
apiserver_requested_deprecated_apis{group="",removed_release="",resource="endpoints",subresource="",version="v1"} 1
apiserver_request_total{code="200"} 5
`;

describe('deprecated-api-requested', () => {
  it('parses the metric and fires for APIs removed by the target', () => {
    const objects = parseDeprecatedApiMetrics(metrics);
    assert.equal(objects.length, 2);
    const findings = analyze(deprecatedApiRequested, objects, { kubeVersion: '1.32' });
    assert.deepEqual(
      findings.map((f) => [f.severity, f.message]),
      [
        [
          'critical',
          'flowschemas flowcontrol.apiserver.k8s.io/v1beta3 was requested by a client; it is removed in 1.32',
        ],
      ],
    );
  });
  it('is low before the removal release', () => {
    const findings = analyze(deprecatedApiRequested, parseDeprecatedApiMetrics(metrics), {
      kubeVersion: '1.31',
    });
    assert.equal(findings[0]?.severity, 'low');
  });
});
