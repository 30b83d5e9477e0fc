// Writes examples/broken-cluster/snapshot.yaml: a small cluster with the failures people bring to a platform
// team, plus a healthy namespace that must produce nothing. Re-run after changing the builders.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { KubeObject } from '../src/core/object.ts';
import {
  configMap,
  deployment,
  endpointSlice,
  event,
  list,
  minutesBefore,
  namespace,
  node,
  pod,
  replicaSetName,
  service,
} from '../src/testing/cluster-builders.ts';

/** Near the time a user will run it, so ages read naturally; fixed inside a day for reproducibility. */
const now = new Date().toISOString().slice(0, 10) + 'T00:00:00Z';
const objects: KubeObject[] = [namespace('shop'), namespace('payments'), namespace('monitoring')];

objects.push(
  node('node-1', { now }),
  node('node-2', { now }),
  node('node-3', { now, ready: 'Unknown' }),
  node('gpu-1', {
    now,
    taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
    labels: { pool: 'gpu' },
  }),
);

// shop/checkout: crash-looping, OOMKilled against a 128Mi limit.
objects.push(
  ...deployment('checkout', { namespace: 'shop', replicas: 3, available: 0, memoryLimit: '128Mi', now }),
);
for (const i of [1, 2, 3]) {
  const name = `checkout-7d9f8c6b5-${['a1b2c', 'd3e4f', 'g5h6i'][i - 1]}`;
  objects.push(
    pod(name, {
      namespace: 'shop',
      labels: { app: 'checkout' },
      owner: { kind: 'ReplicaSet', name: replicaSetName('checkout') },
      memoryLimit: '128Mi',
      nodeName: `node-${(i % 2) + 1}`,
      state: { kind: 'crashloop', reason: 'OOMKilled', exitCode: 137, restarts: 12 + i },
      now,
    }),
    event(
      { kind: 'Pod', name, namespace: 'shop' },
      'Warning',
      'BackOff',
      'Back-off restarting failed container app in pod',
      {
        count: 40 + i,
        firstMinutesAgo: 55,
        now,
      },
    ),
  );
}
objects.push(service('checkout', 'shop', { app: 'checkout' }));
objects.push(endpointSlice('checkout', 'shop', [{ name: 'checkout-7d9f8c6b5-a1b2c', ready: false }]));

// shop/cart: five pods waiting on a ConfigMap nobody created.
objects.push(
  ...deployment('cart', {
    namespace: 'shop',
    replicas: 5,
    available: 0,
    envFrom: [{ configMapRef: { name: 'cart-config' } }],
    now,
  }),
);
for (const suffix of ['k1', 'k2', 'k3', 'k4', 'k5']) {
  objects.push(
    pod(`cart-7d9f8c6b5-${suffix}`, {
      namespace: 'shop',
      labels: { app: 'cart' },
      owner: { kind: 'ReplicaSet', name: replicaSetName('cart') },
      envFrom: [{ configMapRef: { name: 'cart-config' } }],
      state: { kind: 'config-error', message: 'configmap "cart-config" not found' },
      now,
    }),
  );
}

// payments/gateway: an image tag that was never pushed.
objects.push(
  ...deployment('gateway', {
    namespace: 'payments',
    replicas: 2,
    available: 0,
    image: 'registry.example.com/payments/gateway:2.4.1',
    now,
  }),
);
for (const suffix of ['p1', 'p2']) {
  const name = `gateway-7d9f8c6b5-${suffix}`;
  objects.push(
    pod(name, {
      namespace: 'payments',
      labels: { app: 'gateway' },
      owner: { kind: 'ReplicaSet', name: replicaSetName('gateway') },
      image: 'registry.example.com/payments/gateway:2.4.1',
      state: { kind: 'image-pull' },
      now,
    }),
    event(
      { kind: 'Pod', name, namespace: 'payments' },
      'Warning',
      'Failed',
      'Failed to pull image "registry.example.com/payments/gateway:2.4.1": rpc error: code = NotFound desc = failed to pull and unpack image: registry.example.com/payments/gateway:2.4.1: not found',
      { count: 6, firstMinutesAgo: 20, now },
    ),
  );
}

// payments/ledger: asks for more cpu than any node has free; the gpu node is tainted, node-3 is down.
objects.push(
  ...deployment('ledger', { namespace: 'payments', replicas: 1, available: 0, cpu: '6', memory: '1Gi', now }),
);
objects.push(
  pod('ledger-7d9f8c6b5-z9', {
    namespace: 'payments',
    labels: { app: 'ledger' },
    owner: { kind: 'ReplicaSet', name: replicaSetName('ledger') },
    cpu: '6',
    memory: '1Gi',
    state: { kind: 'pending' },
    now,
  }),
);
objects.push(service('ledger', 'payments', { app: 'ledgr' }));

// monitoring: healthy, must produce nothing.
objects.push(
  ...deployment('prometheus', { namespace: 'monitoring', replicas: 2, cpu: '500m', memory: '2Gi', now }),
);
for (const suffix of ['m1', 'm2']) {
  objects.push(
    pod(`prometheus-7d9f8c6b5-${suffix}`, {
      namespace: 'monitoring',
      labels: { app: 'prometheus' },
      owner: { kind: 'ReplicaSet', name: replicaSetName('prometheus') },
      cpu: '500m',
      memory: '2Gi',
      nodeName: suffix === 'm1' ? 'node-1' : 'node-2',
      now,
    }),
  );
}
objects.push(service('prometheus', 'monitoring', { app: 'prometheus' }, 9090, 9090));
objects.push(
  endpointSlice('prometheus', 'monitoring', [
    { name: 'prometheus-7d9f8c6b5-m1', ready: true },
    { name: 'prometheus-7d9f8c6b5-m2', ready: true },
  ]),
);
objects.push(configMap('prometheus-config', 'monitoring', { 'prometheus.yml': 'global: {}' }));

const header = `# A broken demo cluster, shaped like \`kubectl get … -A -o yaml\` output (taken ${minutesBefore(now, 0)}).
# Try: shipshape diagnose --snapshot examples/broken-cluster/snapshot.yaml
# Generated by scripts/make-example-snapshot.ts.
`;
writeFileSync('examples/broken-cluster/snapshot.yaml', header + stringify(list(objects), { lineWidth: 0 }));
console.error(`wrote ${objects.length} objects`);
