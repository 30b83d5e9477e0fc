import { testCheck } from '../../../test/support/check-tester.ts';
import { schemaTypeMismatch } from './schema-type-mismatch.ts';

testCheck(schemaTypeMismatch, {
  valid: [
    {
      name: 'numbers, int-or-string and quantities as numbers or strings',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  strategy: {rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources: {limits: {cpu: 2, memory: 1Gi}, requests: {cpu: 0.5}}
          livenessProbe: {httpGet: {port: http, path: /}}
`,
    },
    {
      name: 'null values count as absent',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p, labels: null}
spec:
  containers: [{name: c, image: "i:1", args: null, env: null}]
  nodeSelector: null
`,
    },
    {
      name: 'ConfigMap keys written as YAML numbers and booleans are strings',
      yaml: `
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data:
  5: five
  true: "yes"
`,
    },
  ],
  invalid: [
    {
      name: 'replicas as a string',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: "3"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
`,
      findings: [
        { message: '"spec.replicas" must be an integer, not a string ("3")', path: 'spec.replicas', line: 6 },
      ],
    },
    {
      name: 'a mapping where a list is expected (missing "-")',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    name: c
    image: i:1
`,
      findings: [
        { message: '"spec.containers" must be a list, not an object', path: 'spec.containers', line: 6 },
      ],
    },
    {
      name: 'ConfigMap value that is a number, and a port that is a string',
      yaml: `
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {port: 8080}
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  ports: [{port: sds}]
`,
      findings: [
        { message: '"data.port" must be a string, not an integer (8080)', line: 5, object: 'ConfigMap/c' },
        {
          message: '"spec.ports[0].port" must be an integer, not a string ("sds")',
          line: 11,
          object: 'Service/s',
        },
      ],
    },
  ],
});
