// https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/
import { defineCheck } from '../../core/check.ts';
import { conditionText } from '../../k8s/condition-text.ts';

/** Conditions whose healthy value is False. Anything else (e.g. KernelDeadlock from node-problem-detector) is ours too. */
const PRESSURE = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];

export const nodePressure = defineCheck({
  id: 'node-pressure',
  title: 'Node is under memory, disk or PID pressure',
  severity: 'high',
  category: 'reliability',
  description:
    'Under pressure the kubelet evicts pods (lowest priority and BestEffort first) and the node gets a taint so ' +
    'nothing new lands there. DiskPressure is often full image storage or logs; MemoryPressure pods without ' +
    'memory limits; NetworkUnavailable a broken CNI on that node.',
  remediation:
    'Free the resource (prune images, rotate logs, move noisy pods), set requests/limits so the scheduler packs ' +
    'nodes honestly, or add capacity.',
  docs: ['https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/'],
  appliesTo: ['Node'],
  peers: { k8sgpt: ['Node'], popeye: ['POP-704', 'POP-705', 'POP-706'] },
  *check(node) {
    const conditions = (
      node.object.status as
        | { conditions?: { type?: string; status?: string; reason?: string; message?: string }[] }
        | undefined
    )?.conditions;
    if (!Array.isArray(conditions)) return;
    const ready = conditions.find((c) => c?.type === 'Ready');
    // A node that stopped reporting has stale conditions: node-not-ready covers it.
    if (ready?.status === 'Unknown') return;
    for (const [i, c] of conditions.entries()) {
      if (!c?.type || !PRESSURE.includes(c.type) || c.status !== 'True') continue;
      yield {
        path: ['status', 'conditions', i],
        message: `node "${node.ref.name}" has ${c.type}${c.message ? `: ${c.message}` : ''}`,
        evidence: [conditionText(c.type, 'True', c.reason, c.message)],
        cause: {
          key: `node-pressure/${node.ref.name}/${c.type}`,
          summary: `node ${node.ref.name} has ${c.type}: pods are being evicted and nothing new is scheduled there`,
          workload: `Node ${node.ref.name}`,
          nextSteps: [`kubectl describe node ${node.ref.name}`, `kubectl top node ${node.ref.name}`],
        },
      };
    }
  },
});
