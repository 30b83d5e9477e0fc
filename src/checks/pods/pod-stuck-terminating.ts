// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
import { defineCheck } from '../../core/check.ts';
import { kubectl } from '../../diagnose/pod-context.ts';
import { age } from '../../k8s/events.ts';

/** Beyond the grace period plus this, a terminating pod is stuck rather than slow. */
const SLACK_SECONDS = 300;

export const podStuckTerminating = defineCheck({
  id: 'pod-stuck-terminating',
  title: 'Pod stuck in Terminating',
  severity: 'medium',
  category: 'reliability',
  description:
    'The pod was deleted long ago but still exists: a finalizer nobody removes holds it, or its node is ' +
    'unreachable so the kubelet never confirms the containers stopped. StatefulSet replacements wait for it.',
  remediation:
    'If the node is gone, delete the Node object or force-delete the pod (kubectl delete pod --grace-period=0 ' +
    '--force) after making sure the process is really dead; if a finalizer holds it, fix or remove its controller.',
  docs: ['https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination'],
  appliesTo: ['Pod'],
  peers: { popeye: ['POP-209'] },
  *check(pod, { index, settings }) {
    const deletion = Date.parse(pod.object.metadata.deletionTimestamp ?? '');
    if (Number.isNaN(deletion)) return;
    const grace = Number(pod.object.metadata.deletionGracePeriodSeconds ?? 30) || 30;
    // deletionTimestamp is already "deleted at + grace period".
    if (settings.now.getTime() - deletion < SLACK_SECONDS * 1000) return;
    const finalizers = pod.object.metadata.finalizers ?? [];
    const nodeName = (pod.object.spec as { nodeName?: string } | undefined)?.nodeName;
    const node = nodeName ? index.get('Node', undefined, nodeName) : undefined;
    const nodeReady = (
      node?.object.status as { conditions?: { type?: string; status?: string }[] } | undefined
    )?.conditions?.find((c) => c?.type === 'Ready')?.status;
    const why = finalizers.length
      ? `finalizers ${finalizers.map((f) => `"${f}"`).join(', ')} are not removed`
      : nodeReady && nodeReady !== 'True'
        ? `its node "${nodeName}" is not ready, so the kubelet cannot confirm it stopped`
        : 'the kubelet has not confirmed the containers stopped';
    yield {
      path: ['metadata', 'deletionTimestamp'],
      message: `pod has been terminating for ${age(new Date(deletion - grace * 1000), settings.now)}: ${why}`,
      evidence: [
        `deletionTimestamp ${pod.object.metadata.deletionTimestamp}`,
        ...(finalizers.length ? [`finalizers: ${finalizers.join(', ')}`] : []),
      ],
      cause: {
        key: finalizers.length
          ? `stuck-finalizer/${finalizers.join(',')}`
          : `stuck-terminating/${nodeName ?? ''}`,
        summary: finalizers.length
          ? `pods held by finalizers ${finalizers.join(', ')}`
          : `pods stuck terminating${nodeName ? ` on node ${nodeName}` : ''}`,
        pods: 1,
        nextSteps: [
          kubectl(pod.ref.namespace, `get pod ${pod.ref.name} -o jsonpath='{.metadata.finalizers}'`),
        ],
      },
    };
  },
});
