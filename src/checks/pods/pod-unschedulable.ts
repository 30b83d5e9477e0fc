// https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/
import { append } from '../../core/append.ts';
import { defineCheck } from '../../core/check.ts';
import { kubectl, workloadOf } from '../../diagnose/pod-context.ts';
import { diagnoseScheduling, remedyFromSchedulerMessage } from '../../diagnose/scheduling-remedy.ts';
import { conditionText } from '../../k8s/condition-text.ts';
import { eventsFor, formatEvent } from '../../k8s/events.ts';
import { condition, podStatus } from '../../k8s/pod-status.ts';
import { explainScheduling, type NodeVerdict, podRequests, schedulerReasons } from '../../k8s/scheduling.ts';
import type { PodSpec } from '../../k8s/workloads.ts';

/** A pod can be Pending for a few seconds while it is being scheduled; only report it after this. */
const GRACE_SECONDS = 60;

export const podUnschedulable = defineCheck({
  id: 'pod-unschedulable',
  title: 'Pod is Pending: no node can run it',
  severity: 'high',
  category: 'scheduling',
  description:
    'The scheduler found no node that fits the pod. For each node one filter rejects it: the node is cordoned, ' +
    "has a taint the pod does not tolerate, does not match the pod's nodeSelector/affinity, lacks free cpu, " +
    'memory or pod slots given the requests of the pods already on it, or a PersistentVolumeClaim is not bound. ' +
    'shipshape works this out from the nodes and pods themselves, so it also explains pods whose events expired.',
  remediation:
    "Lower the pod's requests or add capacity (more or bigger nodes, cluster autoscaler); add the toleration or " +
    'fix the nodeSelector/affinity; uncordon nodes; bind the PVC (check its StorageClass).',
  docs: [
    'https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/',
    'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/',
  ],
  appliesTo: ['Pod'],
  peers: { k8sgpt: ['Pod'] },
  *check(pod, { index, settings }) {
    const status = podStatus(pod.object);
    const spec = pod.object.spec as PodSpec | undefined;
    if (status.phase !== 'Pending' || spec?.nodeName || pod.object.metadata.deletionTimestamp) return;
    const scheduled = condition(pod.object, 'PodScheduled');
    const created = Date.parse(pod.object.metadata.creationTimestamp ?? '');
    const oldEnough = Number.isNaN(created) || settings.now.getTime() - created > GRACE_SECONDS * 1000;
    if (scheduled?.reason !== 'Unschedulable' && !oldEnough) return;
    const explanation = index.hasKind('Node') ? explainScheduling(index, pod, settings.kindsRead) : undefined;
    const event = eventsFor(index, pod.ref).find((e) => e.reason === 'FailedScheduling');
    // The scheduler appends its preemption verdict (" preemption: 0/3 nodes are available: …"): not the reason.
    const raw = event?.message ?? scheduled?.message;
    const quoted = raw ? schedulerReasons(raw) : undefined;
    const summary = explanation?.summary ?? (quoted || 'not scheduled');
    const workload = workloadOf(index, pod);
    const diagnosis = explanation
      ? diagnoseScheduling(index, pod, explanation, podRequests(spec ?? {}), workload, settings)
      : undefined;
    const evidence: string[] = [];
    if (scheduled?.status === 'False' && (scheduled.reason || scheduled.message))
      evidence.push(
        conditionText(
          'PodScheduled',
          'False',
          scheduled.reason,
          scheduled.message && tidySchedulerMessage(scheduled.message),
        ),
      );
    if (event)
      evidence.push(
        `event: ${formatEvent({ ...event, message: tidySchedulerMessage(event.message) }, settings.now)}`,
      );
    append(evidence, diagnosis?.evidence ?? []);
    append(evidence, perNodeEvidence(explanation?.verdicts ?? []));
    if (explanation?.unevaluated.length)
      evidence.push(`not evaluated from the data: ${explanation.unevaluated.join(', ')}`);
    if (!explanation)
      evidence.push("no Node objects were read: the scheduler's reasoning could not be reproduced");
    const subject = workload.startsWith('Pod ') ? workload : `Pods of ${workload}`;
    const remedy = diagnosis?.remedy ?? (quoted ? remedyFromSchedulerMessage(quoted, spec ?? {}) : undefined);
    // Without nodes (pasted text), the scheduler's own words still say the pod waits for its claims.
    const claims =
      !diagnosis && quoted?.includes('unbound immediate PersistentVolumeClaims')
        ? claimNames(spec ?? {}).map((name) => ({
            kind: 'PersistentVolumeClaim',
            namespace: pod.ref.namespace ?? '',
            name,
          }))
        : [];
    const upstream = diagnosis?.upstream ?? claims;
    yield {
      path: ['status'],
      message: `pod is Pending and cannot be scheduled: ${summary}`,
      evidence,
      ...(remedy ? { remedy } : {}),
      cause: {
        key: diagnosis?.key ?? `unschedulable/${summary.replace(/^0\/\d+ nodes are available: /, '')}`,
        summary: diagnosis
          ? `${subject} cannot be scheduled: ${diagnosis.reason}.`
          : `${subject} cannot be scheduled: ${summary}`,
        workload,
        pods: 1,
        ...(upstream.length > 0 ? { upstream } : {}),
        nextSteps: [
          kubectl(pod.ref.namespace, `describe pod ${pod.ref.name}`),
          ...nodeCommands(diagnosis?.key ?? keyFromMessage(quoted ?? ''), spec ?? {}),
        ],
      },
    };
  },
});

const ALLOCATED = 'kubectl describe nodes | grep -A 8 "Allocated resources"';
const TAINTS =
  'kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints,UNSCHEDULABLE:.spec.unschedulable';

/** Without nodes to reason from, the scheduler's words say which node facts to look at. */
function keyFromMessage(message: string): string | undefined {
  const kinds: string[] = [];
  if (message.includes("didn't match Pod's node affinity/selector")) kinds.push('selector');
  if (message.includes('untolerated taint') || message.includes('were unschedulable')) kinds.push('taint');
  if (message.includes('Insufficient ') || message.includes('Too many pods')) kinds.push('capacity');
  return kinds.length === 1 ? `unschedulable/${kinds[0]}` : undefined;
}

/** The node commands that show what decided it: labels for a selector, taints for a taint, allocations for size. */
function nodeCommands(key: string | undefined, spec: PodSpec): string[] {
  const reason = key?.split('/')[1];
  switch (reason) {
    case 'claim':
    case 'claim-missing':
      return [];
    case 'selector': {
      const keys = Object.keys(spec.nodeSelector ?? {});
      return [keys.length > 0 ? `kubectl get nodes -L ${keys.join(',')}` : 'kubectl get nodes --show-labels'];
    }
    case 'taint':
    case 'nodes-unavailable':
      return [TAINTS];
    case 'too-large':
    case 'capacity':
      return [ALLOCATED];
    case 'spread':
    case 'anti-affinity':
    case 'existing-anti-affinity':
      return ['kubectl get nodes --show-labels'];
    default:
      return [ALLOCATED, TAINTS];
  }
}

/**
 * Why each node was rejected, nodes with the same story on one line ("nodes a, b and 3 more: …"), at most five
 * stories: five nodes lacking one label are one fact, not five.
 */
function perNodeEvidence(verdicts: readonly NodeVerdict[]): string[] {
  const byStory = new Map<string, string[]>();
  for (const v of verdicts) {
    if (v.reasons.length === 0) continue;
    const story = v.details.join('; ') || v.reasons.join(', ');
    const nodes = byStory.get(story);
    if (nodes) nodes.push(v.node.ref.name);
    else byStory.set(story, [v.node.ref.name]);
  }
  const lines: string[] = [];
  for (const [story, nodes] of [...byStory].slice(0, 5)) {
    const names =
      nodes.length <= 3 ? nodes.join(', ') : `${nodes.slice(0, 3).join(', ')} and ${nodes.length - 3} more`;
    lines.push(`${nodes.length === 1 ? 'node' : `${nodes.length} nodes`} ${names}: ${story}`);
  }
  if (byStory.size > 5) lines.push(`and ${byStory.size - 5} more reasons nodes were rejected`);
  return lines;
}

function claimNames(spec: PodSpec): string[] {
  return (Array.isArray(spec.volumes) ? spec.volumes : []).flatMap((v) => {
    const name = (v as { persistentVolumeClaim?: { claimName?: unknown } } | null)?.persistentVolumeClaim
      ?.claimName;
    return typeof name === 'string' && name ? [name] : [];
  });
}

/**
 * A FailedScheduling message as a person would read it: the filter verdict and the preemption verdict. kube-scheduler
 * v1.34 glues other fragments on ("no new claims to deallocate,", a bare " not found" after a PreFilter rejection).
 */
export function tidySchedulerMessage(message: string): string {
  const verdict = schedulerReasons(message);
  const at = message.indexOf('preemption: ');
  return at >= 0 ? `${verdict} ${message.slice(at)}` : verdict;
}
