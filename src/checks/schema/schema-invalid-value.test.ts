import { testCheck } from '../../../test/support/check-tester.ts';
import { schemaInvalidValue } from './schema-invalid-value.ts';

const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                mode: {type: string, enum: [fast, safe]}
                replicas: {type: integer, minimum: 1, maximum: 5}
                name: {type: string, pattern: "^[a-z]+$"}
                timeout: {type: string, format: duration}
---`;

testCheck(schemaInvalidValue, {
  valid: [
    {
      name: 'well-formed quantities, base64 Secret data, stringData',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: c
      image: i:1
      resources: {limits: {cpu: 1500m, memory: 1.5Gi, ephemeral-storage: 1e9}, requests: {cpu: "0.1", memory: 128974848}}
---
apiVersion: v1
kind: Secret
metadata: {name: s}
data: {password: cGFzc3dvcmQ=, multi: "aGVs\\nbG8="}
stringData: {plain: not base64 at all}
`,
    },
    {
      name: 'every allowed value of built-in enums (imagePullPolicy, restartPolicy, Service type, PVC access modes)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: OnFailure
  dnsPolicy: ClusterFirstWithHostNet
  containers:
    - {name: a, image: i:1, imagePullPolicy: Always}
    - {name: b, image: i:1, imagePullPolicy: IfNotPresent, ports: [{containerPort: 80, protocol: SCTP}]}
    - {name: c, image: i:1, imagePullPolicy: Never, terminationMessagePolicy: FallbackToLogsOnError}
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec: {type: LoadBalancer, externalTrafficPolicy: Local, sessionAffinity: ClientIP, ports: [{port: 80}]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce, ReadWriteOncePod]
  volumeMode: Block
  resources: {requests: {storage: 1Gi}}
`,
    },
    {
      name: 'custom resource values inside enum, bounds and pattern (unknown formats ignored)',
      yaml: `${crd}
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: {mode: safe, replicas: 5, name: abc, timeout: 5m}
`,
    },
  ],
  invalid: [
    {
      name: 'memory written as 512MB',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: c
      image: i:1
      resources:
        limits: {memory: 512MB}
`,
      findings: [
        {
          message:
            '"spec.containers[0].resources.limits.memory" is "512MB", must be a Kubernetes quantity (e.g. 500m, 128Mi, 1Gi)',
          line: 10,
        },
      ],
    },
    {
      name: 'Secret data that is not base64',
      yaml: `
apiVersion: v1
kind: Secret
metadata: {name: s}
data:
  password: hunter2!
`,
      findings: [
        { message: '"data.password" is "hunter2!", must be base64-encoded', path: 'data.password', line: 6 },
      ],
    },
    {
      name: 'an int32 out of range',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3000000000
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
`,
      findings: [{ message: '"spec.replicas" is 3000000000, must be a valid int32' }],
    },
    {
      name: 'built-in enums: a misspelt value gets the closest allowed one, an unrelated one the list',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Sometimes
  containers:
    - name: c
      image: i:1
      imagePullPolicy: IfNotPresnt
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec: {type: LoadBalancr, ports: [{port: 80}]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [readwriteonce]
  resources: {requests: {storage: 1Gi}}
`,
      findings: [
        {
          message: '"spec.restartPolicy" is "Sometimes", must be one of "Always", "Never", "OnFailure"',
          line: 6,
        },
        {
          message:
            '"spec.containers[0].imagePullPolicy" is "IfNotPresnt", must be one of "Always", "IfNotPresent", "Never" (did you mean "IfNotPresent"?)',
          line: 10,
        },
        {
          message:
            '"spec.type" is "LoadBalancr", must be one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort" (did you mean "LoadBalancer"?)',
        },
        {
          message:
            '"spec.accessModes[0]" is "readwriteonce", must be one of "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod" (did you mean "ReadWriteOnce"?)',
        },
      ],
    },
    {
      name: 'enums at the targeted version: 1.24 lists imagePullPolicy values, 1.20 takes them from 1.24',
      settings: { kubeVersion: '1.20' },
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: i:1, imagePullPolicy: Sometimes}]
`,
      findings: [{ message: /"spec.containers\[0\].imagePullPolicy" is "Sometimes", must be one of/ }],
    },
    {
      name: 'custom resource values outside enum, bounds and pattern',
      yaml: `${crd}
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: {mode: quick, replicas: 9, name: ABC}
`,
      findings: [
        { message: /"spec.mode" is "quick", must be one of "fast", "safe"/ },
        { message: /"spec.replicas" must be <= 5/ },
        { message: /"spec.name" must match pattern/ },
      ],
    },
  ],
});
