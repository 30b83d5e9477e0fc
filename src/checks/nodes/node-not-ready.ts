// https://kubernetes.io/docs/reference/node/node-status/#condition
import { defineCheck } from '../../core/check.ts';
import { conditionText } from '../../k8s/condition-text.ts';
import { age } from '../../k8s/events.ts';

interface NodeCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

export const nodeNotReady = defineCheck({
  id: 'node-not-ready',
  title: 'Node is NotReady or Unknown',
  severity: 'critical',
  category: 'reliability',
  description:
    "The node's kubelet reports it is not ready (Ready=False: runtime, network plugin or disk problems) or has " +
    'stopped reporting (Ready=Unknown: the node is down, partitioned or the kubelet died). New pods are not ' +
    'scheduled there; after the eviction timeout its pods are evicted and rescheduled elsewhere.',
  remediation:
    "Look at the node's conditions and the kubelet/runtime logs (journalctl -u kubelet); for Unknown check the " +
    'machine is up and reachable. Cordon and drain it if it will not come back soon; replace it in managed pools.',
  docs: ['https://kubernetes.io/docs/reference/node/node-status/'],
  appliesTo: ['Node'],
  peers: { k8sgpt: ['Node'], popeye: ['POP-700'] },
  *check(node, { settings }) {
    const conditions = (node.object.status as { conditions?: NodeCondition[] } | undefined)?.conditions;
    const ready = Array.isArray(conditions) ? conditions.find((c) => c?.type === 'Ready') : undefined;
    if (!ready || ready.status === 'True') return;
    const since = ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : Number.NaN;
    const heartbeat = ready.lastHeartbeatTime ? Date.parse(ready.lastHeartbeatTime) : Number.NaN;
    const state = ready.status === 'Unknown' ? 'Unknown (the kubelet stopped reporting)' : 'NotReady';
    yield {
      path: ['status', 'conditions', conditions!.indexOf(ready)],
      message: `node "${node.ref.name}" is ${state}${Number.isNaN(since) ? '' : ` for ${age(new Date(since), settings.now)}`}`,
      evidence: [
        conditionText('Ready', ready.status, ready.reason, ready.message),
        ...(Number.isNaN(heartbeat) ? [] : [`last heartbeat ${age(new Date(heartbeat), settings.now)} ago`]),
      ],
      cause: {
        key: `node-not-ready/${node.ref.name}`,
        summary: `node ${node.ref.name} is ${state}: its pods are unavailable or being evicted`,
        workload: `Node ${node.ref.name}`,
        nextSteps: [
          `kubectl describe node ${node.ref.name}`,
          `kubectl get pods -A --field-selector spec.nodeName=${node.ref.name} -o wide`,
        ],
      },
    };
  },
});
