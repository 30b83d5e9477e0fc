// https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
import { defineCheck } from '../../core/check.ts';
import { age } from '../../k8s/events.ts';

const STUCK_AFTER_MS = 10 * 60_000;

export const namespaceNotActive = defineCheck({
  id: 'namespace-not-active',
  title: 'Namespace is stuck Terminating or not Active',
  severity: 'medium',
  category: 'hygiene',
  description:
    'A namespace stays Terminating while anything in it cannot be deleted: a finalizer whose controller is gone, ' +
    'or an aggregated API (APIService) that is unavailable so its resources cannot be listed. Nothing new can be ' +
    'created in it meanwhile. Its conditions name the blocker.',
  remediation:
    'Read the namespace conditions (NamespaceDeletionContentFailure, NamespaceFinalizersRemaining); restore the ' +
    'controller or APIService, or remove the stale finalizers from the remaining objects.',
  docs: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
  appliesTo: ['Namespace'],
  peers: { popeye: ['POP-800'] },
  *check(ns, { settings }) {
    const status = ns.object.status as
      | { phase?: string; conditions?: { type?: string; status?: string; message?: string }[] }
      | undefined;
    const phase = status?.phase;
    if (!phase || phase === 'Active') return;
    const deleted = Date.parse(ns.object.metadata.deletionTimestamp ?? '');
    if (
      phase === 'Terminating' &&
      !Number.isNaN(deleted) &&
      settings.now.getTime() - deleted < STUCK_AFTER_MS
    )
      return;
    const blockers = (status?.conditions ?? [])
      .filter((c) => c?.status === 'True')
      .map((c) => `${c.type}: ${c.message ?? ''}`);
    yield {
      path: ['status', 'phase'],
      message:
        phase === 'Terminating'
          ? `namespace "${ns.ref.name}" has been terminating${Number.isNaN(deleted) ? '' : ` for ${age(new Date(deleted), settings.now)}`}${blockers[0] ? `: ${blockers[0]}` : ''}`
          : `namespace "${ns.ref.name}" is in phase "${phase}"`,
      evidence: blockers,
      cause: {
        key: `namespace/${ns.ref.name}`,
        summary: `namespace ${ns.ref.name} is ${phase}`,
        workload: `Namespace ${ns.ref.name}`,
        nextSteps: [
          `kubectl get namespace ${ns.ref.name} -o jsonpath='{.status.conditions}'`,
          `kubectl api-resources --verbs=list --namespaced -o name | xargs -n1 kubectl get -n ${ns.ref.name} --ignore-not-found --show-kind`,
        ],
      },
    };
  },
});
