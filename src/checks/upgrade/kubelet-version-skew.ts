// https://kubernetes.io/releases/version-skew-policy/#kubelet
import { defineCheck } from '../../core/check.ts';
import { compareVersions } from '../../k8s/deprecations.ts';
import { upgradeTarget } from './upgrade-target.ts';

/** From 1.28 the kubelet may be up to three minor versions older than the API server (two before). */
export function maxKubeletSkew(apiServerMinor: string): number {
  return compareVersions(apiServerMinor, '1.28') >= 0 ? 3 : 2;
}

function minorOf(version: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  return match ? `${match[1]}.${match[2]}` : undefined;
}

export const kubeletVersionSkew = defineCheck({
  id: 'kubelet-version-skew',
  title: 'Kubelet version outside the supported skew of the (target) control plane',
  severity: 'critical',
  category: 'upgrade',
  description:
    'A kubelet may not be newer than the API server, and from 1.28 at most three minor versions older (two ' +
    'before). Upgrading the control plane past that leaves nodes unsupported: features break and some API calls ' +
    'fail. Upgrade nodes first (or in step) to stay inside the window.',
  remediation:
    'Upgrade (or replace) the listed nodes to a kubelet within the supported skew before upgrading the control plane.',
  docs: ['https://kubernetes.io/releases/version-skew-policy/'],
  appliesTo: ['Node'],
  isActive: (settings) => upgradeTarget(settings) !== undefined || settings.serverVersion !== undefined,
  *check(node, { settings }) {
    const plane =
      upgradeTarget(settings) ?? (settings.serverVersion ? minorOf(settings.serverVersion) : undefined);
    const kubelet = (node.object.status as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo
      ?.kubeletVersion;
    const kubeletMinor = kubelet ? minorOf(kubelet) : undefined;
    if (!plane || !kubeletMinor) return;
    const behind = compareVersions(plane, kubeletMinor);
    const allowed = maxKubeletSkew(plane);
    if (behind >= 0 && behind <= allowed) return;
    yield {
      path: ['status', 'nodeInfo', 'kubeletVersion'],
      message:
        behind < 0
          ? `node "${node.ref.name}" runs kubelet ${kubelet}, newer than the control plane ${plane}`
          : `node "${node.ref.name}" runs kubelet ${kubelet}, ${behind} minor versions behind ${plane} (at most ${allowed} supported)`,
      cause: {
        key: `skew/${kubeletMinor}/${plane}`,
        summary: `nodes on kubelet ${kubeletMinor} are outside the supported skew of ${plane}`,
        workload: `Node ${node.ref.name}`,
      },
    };
  },
});
