// https://kubernetes.io/docs/concepts/architecture/nodes/#manual-node-administration
import { defineCheck } from '../../core/check.ts';

export const nodeCordoned = defineCheck({
  id: 'node-cordoned',
  title: 'Node is cordoned (unschedulable)',
  severity: 'low',
  category: 'scheduling',
  description:
    'No new pods are scheduled on a cordoned node. That is right during maintenance; a node left cordoned ' +
    "afterwards silently shrinks the cluster's capacity.",
  remediation: 'Uncordon it when the maintenance is over (kubectl uncordon), or drain and remove it.',
  docs: ['https://kubernetes.io/docs/concepts/architecture/nodes/#manual-node-administration'],
  appliesTo: ['Node'],
  peers: { popeye: ['POP-711'] },
  *check(node) {
    if ((node.object.spec as { unschedulable?: boolean } | undefined)?.unschedulable !== true) return;
    yield {
      path: ['spec', 'unschedulable'],
      message: `node "${node.ref.name}" is cordoned: no new pods are scheduled on it`,
      cause: {
        key: `node-cordoned/${node.ref.name}`,
        summary: `node ${node.ref.name} is cordoned`,
        workload: `Node ${node.ref.name}`,
        nextSteps: [`kubectl uncordon ${node.ref.name}`],
      },
    };
  },
});
