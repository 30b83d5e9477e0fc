// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-conditions
// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-readiness-gate
// https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
import { defineCheck } from '../../core/check.ts';
import type { LoadedObject } from '../../core/object.ts';
import { kubectl, workloadOf } from '../../diagnose/pod-context.ts';
import { conditionText } from '../../k8s/condition-text.ts';
import { age } from '../../k8s/events.ts';
import {
  type ContainerStatus,
  condition,
  containerSpec,
  containerStatuses,
  isFinished,
  isTerminating,
  podStatus,
  type StatusAt,
} from '../../k8s/pod-status.ts';
import { probeFailureEvents } from './pod-probe-failing.ts';

/** Readiness that settles within a few minutes of a start or restart is start-up, not a problem. */
const GRACE_MS = 5 * 60_000;

interface Probe {
  httpGet?: { path?: string; port?: number | string; scheme?: string };
  tcpSocket?: { port?: number | string };
  grpc?: { port?: number; service?: string };
  exec?: { command?: string[] };
  periodSeconds?: number;
  failureThreshold?: number;
}

/** "httpGet :8080/healthz every 10s, 3 failures" — what the kubelet runs, for the evidence. */
function describeProbe(probe: Probe): string {
  const action = probe.httpGet
    ? `httpGet ${probe.httpGet.scheme === 'HTTPS' ? 'https ' : ''}:${probe.httpGet.port ?? '?'}${probe.httpGet.path ?? '/'}`
    : probe.tcpSocket
      ? `tcpSocket :${probe.tcpSocket.port ?? '?'}`
      : probe.grpc
        ? `grpc :${probe.grpc.port ?? '?'}${probe.grpc.service ? ` ${probe.grpc.service}` : ''}`
        : probe.exec
          ? `exec ${(probe.exec.command ?? []).join(' ').slice(0, 80)}`
          : 'no action';
  return `${action} every ${probe.periodSeconds ?? 10}s, ${probe.failureThreshold ?? 3} failures`;
}

/** A container the other pod analyzers do not explain: running (or of unknown state) and not ready. */
function unexplainedNotReady(status: ContainerStatus): boolean {
  if (status.ready !== false) return false;
  const state = status.state;
  return !state?.waiting && !state?.terminated;
}

/** App containers and sidecars (restartable init containers) count toward pod readiness; plain init ones do not. */
function countsForReadiness(pod: LoadedObject, at: StatusAt): boolean {
  if (at.kind === 'containers') return true;
  return containerSpec(pod.object, at)?.restartPolicy === 'Always';
}

export const podNotReady = defineCheck({
  id: 'pod-not-ready',
  title: 'Pod runs but is not ready',
  severity: 'medium',
  category: 'reliability',
  description:
    'A running pod that is not Ready receives no traffic from its Services, counts as unavailable for its ' +
    "Deployment's rollout and for PodDisruptionBudgets, and a rollout waiting on it stalls. The kubelet marks a " +
    'container ready when its readiness probe succeeds (at once when it has none, after the startup probe when ' +
    'it has one); a pod is ready when all its containers are and every readiness gate condition is True. ' +
    'Containers that are waiting or terminated are explained by the crash, image, config and run-error analyzers; ' +
    'this one covers the rest: running containers whose readiness probe keeps failing (also after its events ' +
    'expired), startup probes that never pass, readiness gates nobody sets.',
  remediation:
    "Describe the pod and compare the readiness probe with what the app serves (port, path, scheme, timeout); read the container's logs for what it waits on (a database, a config); for a readiness gate, check the controller that should set that condition (e.g. a load balancer controller).",
  docs: [
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-conditions',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-readiness-gate',
  ],
  appliesTo: ['Pod'],
  peers: { popeye: ['POP-204'] },
  *check(pod, { index, settings }) {
    if (isTerminating(pod.object) || isFinished(pod.object)) return;
    const status = podStatus(pod.object);
    // Pending pods are the scheduler's, image and volume analyzers' business; Unknown is the phase check's.
    if (status.phase !== 'Running') return;
    const ready = condition(pod.object, 'Ready') as
      | { status?: string; reason?: string; message?: string; lastTransitionTime?: string }
      | undefined;
    if (ready?.status === 'True') return;
    // kube-system pods with conditions are judged by system-pod-not-ready, with the component's impact.
    if (pod.ref.namespace === 'kube-system' && ready) return;
    const now = settings.now.getTime();
    const since = Date.parse(ready?.lastTransitionTime ?? '');
    if (!Number.isNaN(since) && now - since < GRACE_MS) return;
    const created = Date.parse(pod.object.metadata.creationTimestamp ?? '');
    if (!Number.isNaN(created) && now - created < GRACE_MS) return;

    const statuses = containerStatuses(pod.object).filter((at) => countsForReadiness(pod, at));
    // A waiting or terminated container has its own analyzer (crash loop, image pull, config, run error).
    if (statuses.some((at) => at.status.ready === false && !unexplainedNotReady(at.status))) return;
    const notReady = statuses.filter(
      (at) => typeof at.status.name === 'string' && unexplainedNotReady(at.status),
    );
    // Failing probes with their Unhealthy events are pod-probe-failing's, with the kubelet's own words.
    if (notReady.length > 0 && probeFailureEvents(index, pod).length > 0) return;

    const gates = Array.isArray((pod.object.spec as { readinessGates?: unknown })?.readinessGates)
      ? ((pod.object.spec as { readinessGates: { conditionType?: string }[] }).readinessGates ?? [])
      : [];
    const openGates = gates
      .map((g) => g?.conditionType)
      .filter(
        (type): type is string => typeof type === 'string' && condition(pod.object, type)?.status !== 'True',
      );
    if (notReady.length === 0 && openGates.length === 0) return;

    const evidence: string[] = [];
    if (ready)
      evidence.push(
        conditionText(
          'Ready',
          ready.status,
          ready.reason,
          ready.message,
          Number.isNaN(since) ? '' : ` for ${age(new Date(since), settings.now)}`,
        ),
      );
    const parts: string[] = [];
    for (const at of notReady) {
      const s = at.status;
      const spec = containerSpec(pod.object, at) as
        | { readinessProbe?: Probe; startupProbe?: Probe }
        | undefined;
      const startedAt = Date.parse(s.state?.running?.startedAt ?? '');
      const facts = [
        s.state?.running
          ? `running${Number.isNaN(startedAt) ? '' : ` for ${age(new Date(startedAt), settings.now)}`}`
          : 'state not reported',
        ...(s.started === false ? [spec?.startupProbe ? 'startup probe not passed' : 'not started'] : []),
        ...((s.restartCount ?? 0) > 0 ? [`${s.restartCount} restarts`] : []),
      ];
      parts.push(`container "${s.name}" is not ready (${facts.join(', ')})`);
      if (spec?.readinessProbe)
        evidence.push(`container "${s.name}" readiness probe: ${describeProbe(spec.readinessProbe)}`);
      else if (spec) evidence.push(`container "${s.name}" has no readiness probe: it is ready once started`);
      if (s.started === false && spec?.startupProbe)
        evidence.push(`container "${s.name}" startup probe: ${describeProbe(spec.startupProbe)}`);
    }
    for (const gate of openGates) parts.push(`readiness gate "${gate}" is not True`);
    const nodeName = (pod.object.spec as { nodeName?: string } | undefined)?.nodeName;
    const node = typeof nodeName === 'string' ? index.get('Node', undefined, nodeName) : undefined;
    const nodeReady = node ? condition(node.object, 'Ready') : undefined;
    if (nodeReady && nodeReady.status !== 'True')
      evidence.push(
        `node "${nodeName}" is not ready (Ready=${nodeReady.status ?? '?'}): its kubelet cannot report readiness`,
      );

    const workload = workloadOf(index, pod);
    const ns = pod.ref.namespace;
    const first = notReady[0]?.status.name;
    yield {
      path: ['status', 'conditions'],
      message: parts.join('; '),
      evidence,
      cause: {
        key: `not-ready/${workload}/${notReady.length > 0 ? notReady.map((at) => at.status.name).join('+') : `gate:${openGates.join('+')}`}`,
        summary:
          notReady.length > 0
            ? `${workload}: ${notReady.length === 1 ? `container "${first}" runs but never becomes` : 'containers run but never become'} ready`
            : `${workload}: readiness gate ${openGates.map((g) => `"${g}"`).join(', ')} not True`,
        workload,
        pods: 1,
        nextSteps: [
          kubectl(ns, `describe pod ${pod.ref.name}`),
          ...(first ? [kubectl(ns, `logs ${pod.ref.name} -c ${first} --tail=50`)] : []),
        ],
      },
    };
  },
});
