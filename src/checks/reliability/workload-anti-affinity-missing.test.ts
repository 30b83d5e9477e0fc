import { testCheck } from '../../../test/support/check-tester.ts';
import { workloadAntiAffinityMissing } from './workload-anti-affinity-missing.ts';

const deployment = (replicas: number, podSpec: string, namespace = 'shop') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${namespace}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "w:1"}]
${podSpec}`;
const term = (extra = '', key = 'kubernetes.io/hostname', selector = '{matchLabels: {app: web}}') =>
  `{labelSelector: ${selector}, topologyKey: ${key}${extra}}`;
const required = (t: string) =>
  `      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [${t}]}}\n`;
const preferred = (t: string) =>
  `      affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 100, podAffinityTerm: ${t}}]}}\n`;

testCheck(workloadAntiAffinityMissing, {
  valid: [
    { name: 'required anti-affinity on hostname', yaml: deployment(3, required(term())) },
    {
      name: 'preferred anti-affinity on zone',
      yaml: deployment(3, preferred(term('', 'topology.kubernetes.io/zone'))),
    },
    {
      name: 'namespaces list includes the pod namespace',
      yaml: deployment(3, required(term(', namespaces: [shop]'))),
    },
    {
      name: 'namespaceSelector may select the namespace',
      yaml: deployment(3, required(term(', namespaces: [x], namespaceSelector: {}'))),
    },
    {
      name: 'matchExpressions selector',
      yaml: deployment(
        3,
        required(
          term('', 'kubernetes.io/hostname', '{matchExpressions: [{key: app, operator: In, values: [web]}]}'),
        ),
      ),
    },
    {
      name: 'topology spread constraint over hostname',
      yaml: deployment(
        3,
        '      topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}]\n',
      ),
    },
    { name: 'single replica', yaml: deployment(1, '') },
    { name: 'one good term among bad ones', yaml: deployment(2, required(`${term('', 'rack')}, ${term()}`)) },
  ],
  invalid: [
    {
      name: 'no affinity',
      yaml: deployment(3, ''),
      findings: [
        {
          message: 'Deployment "web" has 3 replicas but no pod anti-affinity or topology spread constraint',
          path: 'spec.template.spec.affinity',
        },
      ],
    },
    {
      name: 'namespaces exclude the pod namespace',
      yaml: deployment(3, required(term(', namespaces: [bar]'))),
      findings: [{ message: /the pod's namespace "shop" is not among the anti-affinity namespaces \[bar\]/ }],
    },
    {
      name: 'selector does not match own pods',
      yaml: deployment(2, preferred(term('', 'kubernetes.io/hostname', '{matchLabels: {app: other}}'))),
      findings: [{ message: /labelSelector does not match the workload's own pod labels/ }],
    },
    {
      name: 'topology key not a failure domain',
      yaml: deployment(2, required(term('', 'rack'))),
      findings: [{ message: /topologyKey "rack" is not one of/ }],
    },
    {
      name: 'HPA can scale a 1-replica Deployment out',
      yaml: `${deployment(1, '')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec: {scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 4}
`,
      // The count is the HPA's ceiling, and says so: the manifest asks for 1.
      findings: [
        { message: /"web" may run 4 replicas \(maxReplicas of HorizontalPodAutoscaler "web"\) but/ },
      ],
    },
    {
      name: 'hostname only when configured so',
      yaml: deployment(3, preferred(term('', 'topology.kubernetes.io/zone'))),
      params: { topologyKeys: ['kubernetes.io/hostname'] },
      findings: [{ message: /topologyKey "topology.kubernetes.io\/zone"/ }],
    },
  ],
});
