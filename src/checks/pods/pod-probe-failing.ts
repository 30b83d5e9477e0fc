// https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
import { defineCheck } from '../../core/check.ts';
import type { ObjectIndex } from '../../core/index.ts';
import type { LoadedObject } from '../../core/object.ts';
import { kubectl, workloadOf } from '../../diagnose/pod-context.ts';
import { type ProbedContainer, type ProbeSpec, probeRemedy } from '../../diagnose/probe-remedy.ts';
import { type ClusterEvent, eventsFor, formatEvent } from '../../k8s/events.ts';
import { containerStatuses, isFinished, isTerminating } from '../../k8s/pod-status.ts';

const PROBE_MESSAGE = /^(Readiness|Liveness|Startup) probe (failed|errored)/i;

/** The kubelet's Unhealthy events about failed or errored probes of this pod, newest first. */
export function probeFailureEvents(index: ObjectIndex, pod: LoadedObject): ClusterEvent[] {
  return eventsFor(index, pod.ref).filter((e) => e.reason === 'Unhealthy' && PROBE_MESSAGE.test(e.message));
}

export const podProbeFailing = defineCheck({
  id: 'pod-probe-failing',
  title: 'Health probe is failing',
  severity: 'high',
  category: 'reliability',
  description:
    "The kubelet reports Unhealthy: a readiness probe failing keeps the pod out of its Services' endpoints; a " +
    'liveness probe failing makes the kubelet kill and restart the container; a startup probe failing does both ' +
    'before the app ever serves. Often the probe is wrong (port, path, too short a timeout) rather than the app.',
  remediation:
    'Compare the probe with what the app serves (port, path, scheme); give slow starters a startupProbe; raise ' +
    'timeoutSeconds/failureThreshold if the app is merely slow; fix the dependency the health endpoint checks.',
  docs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  appliesTo: ['Pod'],
  peers: { k8sgpt: ['Pod'] },
  *check(pod, { index, settings }) {
    if (isTerminating(pod.object) || isFinished(pod.object)) return;
    const unhealthy = probeFailureEvents(index, pod);
    if (unhealthy.length === 0) return;
    // A probe that failed once long ago while the containers are ready now is history, not a problem.
    const allReady = containerStatuses(pod.object).every((s) => s.status.ready === true);
    const recent = unhealthy.filter(
      (e) => !e.last || settings.now.getTime() - e.last.getTime() < 15 * 60_000,
    );
    if (allReady && recent.length === 0) return;
    const kinds = [...new Set(unhealthy.map((e) => PROBE_MESSAGE.exec(e.message)![1]!.toLowerCase()))];
    const workload = workloadOf(index, pod);
    const first = unhealthy[0]!;
    const kind = PROBE_MESSAGE.exec(first.message)![1]!.toLowerCase();
    const failure = first.message.replace(PROBE_MESSAGE, '').replace(/^:\s*/, '').slice(0, 200);
    const remedy = probeRemedy(kind, failure, probedContainer(pod, kind));
    yield {
      path: ['spec', 'containers'],
      ...(remedy ? { remedy } : {}),
      message: `${kinds.join(' and ')} probe failing: ${unhealthy[0]!.message.replace(PROBE_MESSAGE, '').replace(/^:\s*/, '').slice(0, 200)}`,
      evidence: unhealthy.slice(0, 3).map((e) => `event: ${formatEvent(e, settings.now)}`),
      cause: {
        key: `probe-failing/${workload}/${kinds.join('+')}`,
        summary: `${workload}: its ${kinds.join(' and ')} probe fails (${failure}).`,
        workload,
        pods: 1,
        nextSteps: [
          kubectl(pod.ref.namespace, `describe pod ${pod.ref.name}`),
          kubectl(
            pod.ref.namespace,
            `get pod ${pod.ref.name} -o jsonpath='{.spec.containers[*].readinessProbe}'`,
          ),
        ],
      },
    };
  },
});

/** The container whose probe of this kind failed: the kubelet's event does not name it, so the first that has one. */
function probedContainer(pod: LoadedObject, kind: string): ProbedContainer | undefined {
  const containers = (pod.object.spec as { containers?: unknown } | undefined)?.containers;
  if (!Array.isArray(containers)) return undefined;
  for (const c of containers as Record<string, unknown>[]) {
    const probe = c?.[`${kind}Probe`];
    if (!probe || typeof probe !== 'object') continue;
    const ports = (Array.isArray(c.ports) ? (c.ports as Record<string, unknown>[]) : []).map((p) =>
      p?.name ? `${String(p.name)} ${String(p.containerPort)}` : String(p?.containerPort),
    );
    return { name: String(c.name ?? '(unnamed)'), probe: probe as ProbeSpec, ports };
  }
  return undefined;
}
