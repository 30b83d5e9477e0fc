import { testCheck } from '../../../test/support/check-tester.ts';
import { serviceSelectorNoMatch } from './service-selector-no-match.ts';

const workload = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
`;
const service = (selector: string, namespace = 'shop') => `---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${namespace}}
spec:
  selector: ${selector}
  ports: [{port: 80}]
`;

const redisHa = `---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: redis-ha-server, namespace: argocd}
spec:
  replicas: 3
  serviceName: redis-ha
  selector: {matchLabels: {app: redis-ha}}
  template:
    metadata: {labels: {app: redis-ha}}
    spec: {containers: [{name: redis, image: "redis:7.2"}]}
`;
const memberService = (pod: string, extra = '') => `---
apiVersion: v1
kind: Service
metadata: {name: redis-announce, namespace: argocd}
spec:
  selector: {app: redis-ha, statefulset.kubernetes.io/pod-name: ${pod}${extra}}
  ports: [{port: 6379}]
`;

const prometheus = `---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  replicas: 2
  podMetadata: {labels: {app.kubernetes.io/part-of: kube-prometheus}}
`;
const plainService = (selector: string) => `---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: ${selector}
  ports: [{port: 80}]
`;
const plainDeployment = (labels: string, name = 'web') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
`;

testCheck(serviceSelectorNoMatch, {
  valid: [
    {
      name: 'a Service per StatefulSet member: the controller labels each pod with its name',
      yaml: redisHa + memberService('redis-ha-server-0') + memberService('redis-ha-server-2'),
    },
    {
      name: "a Job's pods selected by job-name, which the Job controller adds",
      yaml: `---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: shop}
spec:
  template:
    metadata: {labels: {app: migrate}}
    spec: {restartPolicy: Never, containers: [{name: m, image: "migrate:1.0"}]}
---
apiVersion: v1
kind: Service
metadata: {name: migrate-debug, namespace: shop}
spec:
  selector: {batch.kubernetes.io/job-name: migrate}
  ports: [{port: 8080}]
`,
    },
    {
      name: 'Prometheus custom resource: the operator labels its pods (podMetadata and its own labels)',
      yaml:
        prometheus +
        `---
apiVersion: v1
kind: Service
metadata: {name: prometheus-k8s, namespace: monitoring}
spec:
  selector: {app.kubernetes.io/name: prometheus, app.kubernetes.io/instance: k8s, app.kubernetes.io/part-of: kube-prometheus}
  ports: [{port: 9090, targetPort: web}]
`,
    },
    {
      name: 'Alertmanager custom resource: alertmanager=<name>',
      yaml: `---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec: {replicas: 3}
---
apiVersion: v1
kind: Service
metadata: {name: alertmanager-main, namespace: monitoring}
spec:
  selector: {alertmanager: main, app.kubernetes.io/name: alertmanager}
  ports: [{port: 9093, targetPort: web}]
`,
    },
    {
      name: 'Kafka custom resource: strimzi.io/name is set by the operator at run time',
      yaml: `---
apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata: {name: events, namespace: data}
spec: {kafka: {replicas: 3, template: {pod: {metadata: {labels: {team: data}}}}}}
---
apiVersion: v1
kind: Service
metadata: {name: events-brokers, namespace: data}
spec:
  selector: {strimzi.io/cluster: events, strimzi.io/name: events-kafka, team: data}
  ports: [{port: 9092}]
`,
    },
    {
      name: 'Elasticsearch custom resource: labels of one of its nodeSets',
      yaml: `---
apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: {name: logs, namespace: elastic}
spec:
  nodeSets:
  - name: hot
    podTemplate: {metadata: {labels: {tier: hot}}}
  - name: warm
---
apiVersion: v1
kind: Service
metadata: {name: logs-hot, namespace: elastic}
spec:
  selector: {elasticsearch.k8s.elastic.co/cluster-name: logs, tier: hot}
  ports: [{port: 9200, targetPort: https}]
`,
    },
    {
      name: 'Argo Rollout: its pod template counts like a Deployment',
      yaml: `---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: "api:1", ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: http}]
`,
    },
    {
      name: 'KEDA ScaledJob: its job template counts',
      yaml: `---
apiVersion: keda.sh/v1alpha1
kind: ScaledJob
metadata: {name: worker, namespace: jobs}
spec:
  jobTargetRef:
    template:
      metadata: {labels: {app: worker}}
      spec: {containers: [{name: w, image: "w:1"}]}
---
apiVersion: v1
kind: Service
metadata: {name: worker, namespace: jobs}
spec:
  selector: {scaledjob.keda.sh/name: worker}
  ports: [{port: 80}]
`,
    },
    { name: 'selector matches the pod template', yaml: workload + service('{app: web}') },
    {
      name: 'a workload in a sibling directory with the same explicit namespace is the same app',
      yaml: service('{app: web}'),
      files: { 'deployments/web.yaml': workload },
    },
    { name: 'selector is a subset of the labels', yaml: workload + service('{app: web, tier: front}') },
    { name: 'no selector (endpoints managed by hand)', yaml: service('{}') },
    {
      name: 'ExternalName Service',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: db}
spec: {type: ExternalName, externalName: db.example.com, selector: {app: db}}
`,
    },
  ],
  invalid: [
    {
      name: 'a StatefulSet member beyond spec.replicas: no such pod',
      yaml: redisHa + memberService('redis-ha-server-3'),
      findings: [{ severity: 'high', message: /statefulset\.kubernetes\.io\/pod-name=redis-ha-server-3/ }],
    },
    {
      name: 'a member name of another StatefulSet',
      yaml: redisHa + memberService('redis-server-0'),
      findings: [{ severity: 'high' }],
    },
    {
      name: 'a label only Deployments get (pod-template-hash) on a StatefulSet',
      yaml: redisHa + memberService('redis-ha-server-0', ', pod-template-hash: abc123'),
      findings: [{ severity: 'high' }],
    },
    {
      name: 'Prometheus custom resource of another name: high',
      yaml:
        prometheus +
        `---
apiVersion: v1
kind: Service
metadata: {name: prometheus-main, namespace: monitoring}
spec:
  selector: {app.kubernetes.io/name: prometheus, prometheus: main}
  ports: [{port: 9090}]
`,
      findings: [
        { severity: 'high', message: /prometheus=main but no workload in the input has those labels$/ },
      ],
    },
    {
      name: 'an unknown operator kind in the namespace may create the pods: info',
      yaml: `---
apiVersion: databases.example.com/v1
kind: Redis
metadata: {name: cache, namespace: shop}
spec: {replicas: 3}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
---
apiVersion: v1
kind: Service
metadata: {name: cache, namespace: shop}
spec:
  selector: {app: cache}
  ports: [{port: 6379}]
`,
      findings: [
        {
          severity: 'info',
          message: /; Redis "cache" is a custom resource whose operator may create such pods/,
        },
      ],
    },
    {
      name: 'a Service alone in its directory: info, the pods may be defined elsewhere',
      yaml: plainService('{app: web}'),
      findings: [{ severity: 'info', message: /; the input has no workloads in this directory/ }],
    },
    {
      name: 'pods of a sibling directory (another example) do not satisfy the selector: info',
      yaml: plainService('{app: web}') + plainDeployment('{app: api}', 'api'),
      files: { 'other-example/web.yaml': plainDeployment('{app: web}') },
      findings: [
        {
          severity: 'info',
          message: /; only Deployment web in another directory \(other-example\) has those labels/,
        },
      ],
    },
    {
      name: 'a typo next to the workload of the same directory: high',
      yaml: plainService('{app: wbe}') + plainDeployment('{app: web}'),
      files: { 'other-example/web.yaml': plainDeployment('{app: api}') },
      findings: [{ severity: 'high', message: /app=wbe but no workload in the input has those labels$/ }],
    },
    {
      name: 'labels unlike any pod of the app (an add-on installed elsewhere): info',
      yaml: `---
apiVersion: v1
kind: Service
metadata: {name: dcgm, namespace: monitoring}
spec:
  selector: {app.kubernetes.io/name: gpu-exporter}
  ports: [{port: 9400}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: adapter, namespace: monitoring}
spec:
  selector: {matchLabels: {app: adapter}}
  template:
    metadata: {labels: {app: adapter}}
    spec: {containers: [{name: a, image: "a:1"}]}
`,
      findings: [
        { severity: 'info', message: /; no workload in namespace "monitoring" carries labels like these/ },
      ],
    },
    {
      name: 'only a Helm test pod carries the labels: it is not a release member',
      yaml: `---
apiVersion: v1
kind: Pod
metadata:
  name: web-test
  namespace: shop
  labels: {app: web}
  annotations: {helm.sh/hook: test}
spec: {containers: [{name: t, image: "busybox:1"}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: webapp}}
  template:
    metadata: {labels: {app: webapp}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`,
      findings: [{ severity: 'high' }],
    },
    {
      name: 'typo in the label value',
      yaml: workload + service('{app: wbe}'),
      findings: [
        {
          severity: 'high',
          message: /selects pods with app=wbe but no workload in the input/,
          line: 15,
          object: 'Service/web',
        },
      ],
    },
    {
      name: "matching workload lives in another namespace (none in the input for the Service's): info",
      yaml: workload + service('{app: web}', 'other'),
      findings: [{ path: 'spec.selector', severity: 'info', message: /no workloads in namespace "other"/ }],
    },
    {
      name: 'one label of the selector is missing on the pods',
      yaml: workload + service('{app: web, tier: back}'),
      findings: [{ message: /app=web,tier=back/ }],
    },
  ],
});
