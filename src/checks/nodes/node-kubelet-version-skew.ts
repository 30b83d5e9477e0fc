// https://kubernetes.io/releases/version-skew-policy/#kubelet
import { defineCheck } from '../../core/check.ts';

/** "v1.34.4", "v1.31.2-eks-1234", "1.30" → [1, 34]. */
export function minorOf(version: unknown): [number, number] | undefined {
  if (typeof version !== 'string') return undefined;
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export const nodeKubeletVersionSkew = defineCheck<{ maxMinorsBehind: number }>({
  id: 'node-kubelet-version-skew',
  title: 'Kubelet version outside the supported skew from the control plane',
  severity: 'high',
  category: 'upgrade',
  description:
    "The version skew policy allows a node's kubelet to be up to three minor versions older than kube-apiserver " +
    '(two before Kubernetes 1.28) and never newer. Outside that range the kubelet and the API server are not ' +
    'tested together: API fields the kubelet needs may be gone, or it may send fields the server does not know. ' +
    'It usually means a node pool was left behind during control plane upgrades (or upgraded ahead of it).',
  remediation:
    'Upgrade (or replace) the node pool so its kubelet is within three minors of the control plane and not newer; ' +
    'upgrade the control plane first, then the nodes, one minor at a time.',
  docs: ['https://kubernetes.io/releases/version-skew-policy/#kubelet'],
  appliesTo: ['Node'],
  params: { maxMinorsBehind: 3 },
  peers: {},
  *check(node, { settings, params }) {
    const server = minorOf(settings.serverVersion);
    const kubeletVersion = (node.object.status as { nodeInfo?: { kubeletVersion?: unknown } } | undefined)
      ?.nodeInfo?.kubeletVersion;
    const kubelet = minorOf(kubeletVersion);
    if (!server || !kubelet || server[0] !== kubelet[0]) return;
    const behind = server[1] - kubelet[1];
    // The policy allowed two minors before 1.28.
    const allowed = server[1] >= 28 ? params.maxMinorsBehind : Math.min(params.maxMinorsBehind, 2);
    if (behind >= 0 && behind <= allowed) return;
    const what =
      behind < 0
        ? `is newer than the control plane (${settings.serverVersion}): kubelets must not be newer than kube-apiserver`
        : `is ${behind} minor versions behind the control plane (${settings.serverVersion}); at most ${allowed} are supported`;
    yield {
      path: ['status', 'nodeInfo', 'kubeletVersion'],
      message: `kubelet ${String(kubeletVersion)} on node "${node.ref.name}" ${what}`,
      cause: {
        key: `kubelet-skew/${kubelet[0]}.${kubelet[1]}`,
        summary: `nodes run kubelet ${kubelet[0]}.${kubelet[1]}, outside the supported skew from control plane ${server[0]}.${server[1]}`,
        workload: `Node ${node.ref.name}`,
        nextSteps: [
          'kubectl get nodes -o custom-columns=NAME:.metadata.name,KUBELET:.status.nodeInfo.kubeletVersion',
          'kubectl version',
        ],
      },
    };
  },
});
