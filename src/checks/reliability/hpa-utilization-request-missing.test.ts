import { testCheck } from '../../../test/support/check-tester.ts';
import { hpaUtilizationRequestMissing } from './hpa-utilization-request-missing.ts';

const deployment = (containers: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: ${containers}
`;
const hpa = (metrics: string, apiVersion = 'autoscaling/v2') => `---
apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 5
  ${metrics}
`;
const cpuUtilization =
  'metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]';

testCheck(hpaUtilizationRequestMissing, {
  valid: [
    {
      name: 'every container requests cpu',
      yaml:
        deployment(
          '[{name: a, resources: {requests: {cpu: 100m}}}, {name: b, resources: {limits: {cpu: 1}}}]',
        ) + hpa(cpuUtilization),
    },
    {
      name: 'AverageValue needs no request',
      yaml:
        deployment('[{name: a}]') +
        hpa(
          'metrics: [{type: Resource, resource: {name: cpu, target: {type: AverageValue, averageValue: 500m}}}]',
        ),
    },
    {
      name: 'ContainerResource on the container that has a request',
      yaml:
        deployment('[{name: a, resources: {requests: {cpu: 100m}}}, {name: proxy}]') +
        hpa(
          'metrics: [{type: ContainerResource, containerResource: {name: cpu, container: a, target: {type: Utilization, averageUtilization: 60}}}]',
        ),
    },
    { name: 'target not in the input', yaml: hpa(cpuUtilization) },
    {
      name: 'LimitRange defaults the request',
      yaml: `${deployment('[{name: a}]')}${hpa(cpuUtilization)}---
apiVersion: v1
kind: LimitRange
metadata: {name: d, namespace: shop}
spec: {limits: [{type: Container, defaultRequest: {cpu: 100m}}]}
`,
    },
  ],
  invalid: [
    {
      name: 'sidecar-like second container without a request',
      yaml:
        deployment('[{name: a, resources: {requests: {cpu: 100m}}}, {name: proxy}]') + hpa(cpuUtilization),
      findings: [
        {
          message:
            'HorizontalPodAutoscaler "web" scales on cpu utilization, but container "proxy" of Deployment "web" has no cpu request',
          path: 'spec.metrics[0]',
          object: 'HorizontalPodAutoscaler/web',
        },
      ],
    },
    {
      name: 'autoscaling/v1 targetCPUUtilizationPercentage',
      yaml:
        deployment('[{name: a, resources: {requests: {memory: 1Gi}}}]') +
        hpa('targetCPUUtilizationPercentage: 80', 'autoscaling/v1'),
      findings: [{ path: 'spec.targetCPUUtilizationPercentage' }],
    },
    {
      name: 'memory utilization',
      yaml:
        deployment('[{name: a, resources: {requests: {cpu: 1}}}]') +
        hpa(
          'metrics: [{type: Resource, resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}}]',
        ),
      findings: [{ message: /scales on memory utilization, but container "a"/ }],
    },
  ],
});
