import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCheckOn, testCheck } from '../../../test/support/check-tester.ts';
import { pssRunAsNonRoot } from './pss-run-as-non-root.ts';

const pod = (podContext: string, appContext: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${extra}  securityContext: ${podContext}
  initContainers: [{name: init, image: "app:1", securityContext: {runAsNonRoot: true}}]
  containers:
    - name: app
      image: "app:1"
      securityContext: ${appContext}
`;
const at = (kubeVersion: string) => ({ podSecurityLevel: 'restricted', kubeVersion }) as const;
const userNs = '  hostUsers: false\n';

testCheck(pssRunAsNonRoot, {
  valid: [
    { name: 'pod level true', yaml: pod('{runAsNonRoot: true}', 'null'), settings: at('1.30') },
    { name: 'every container true', yaml: pod('null', '{runAsNonRoot: true}'), settings: at('1.0') },
    {
      name: 'user namespace pods are exempt from v1.35',
      yaml: pod('null', 'null', userNs),
      settings: at('1.35'),
    },
    {
      name: 'not evaluated at baseline',
      yaml: pod('null', 'null'),
      settings: { podSecurityLevel: 'baseline' },
    },
  ],
  invalid: [
    {
      name: 'unset for one container',
      yaml: pod('{}', 'null'),
      settings: at('1.30'),
      findings: [
        {
          message: 'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
          path: 'spec.securityContext.runAsNonRoot',
          line: 5,
        },
      ],
    },
    {
      name: 'container false overrides pod true',
      yaml: pod('{runAsNonRoot: true}', '{runAsNonRoot: false}'),
      settings: at('1.30'),
      findings: [
        {
          message: 'runAsNonRoot != true (container "app" must not set securityContext.runAsNonRoot=false)',
          path: 'spec.containers[0].securityContext.runAsNonRoot',
          line: 10,
        },
      ],
    },
    {
      name: 'pod false is reported once',
      yaml: pod('{runAsNonRoot: false}', 'null'),
      settings: at('1.30'),
      findings: [{ message: /pod must not set securityContext.runAsNonRoot=false/ }],
    },
    {
      name: 'user namespace pods are not exempt before v1.35',
      yaml: pod('null', 'null', userNs),
      settings: at('1.34'),
      findings: [{}],
    },
  ],
});

it('pss-run-as-non-root offers the pod-level fix only when the pod leaves it unset', () => {
  const fixOf = (podContext: string, app: string) => {
    const findings = runCheckOn(pssRunAsNonRoot, {
      name: 'fix',
      yaml: pod(podContext, app),
      settings: at('1.30'),
    });
    assert.equal(findings.length, 1, 'the case must fire');
    return findings[0]?.fix;
  };
  assert.deepEqual(fixOf('null', 'null')?.edits, [
    { op: 'set', path: ['spec', 'securityContext', 'runAsNonRoot'], value: true },
  ]);
  assert.equal(fixOf('{runAsNonRoot: false}', 'null'), undefined);
  assert.equal(fixOf('null', '{runAsNonRoot: false}'), undefined);
});
