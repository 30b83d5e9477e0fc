// https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling
import { defineCheck } from '../../core/check.ts';
import { getAt } from '../../core/path.ts';
import { hpaFor } from '../../k8s/replicas.ts';

export const workloadReplicasSetWithHpa = defineCheck({
  id: 'workload-replicas-set-with-hpa',
  title: 'Workload sets spec.replicas while an HPA manages its replica count',
  severity: 'medium',
  category: 'reliability',
  indexes: ['hpa-targets'],
  description:
    'When a HorizontalPodAutoscaler scales a Deployment or StatefulSet, spec.replicas in the manifest fights it: ' +
    'every kubectl apply (or GitOps sync) resets the count to the manifest value, so a workload scaled out for ' +
    'load is suddenly scaled in until the HPA reacts again. The Kubernetes docs recommend leaving spec.replicas ' +
    'out of the manifest of an autoscaled workload.',
  remediation:
    'Remove spec.replicas from the manifest. With client-side kubectl apply, first run `kubectl apply ' +
    'edit-last-applied` to drop it from the last-applied annotation, or the removal itself scales the workload ' +
    'to 1 once (see the linked docs). No automatic fix for that reason.',
  docs: [
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
  ],
  appliesTo: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig'],
  *check({ object, ref }, { index }) {
    const replicas = getAt(object, ['spec', 'replicas']);
    if (typeof replicas !== 'number') return;
    const hpa = hpaFor(index, object);
    if (!hpa) return;
    yield {
      path: ['spec', 'replicas'],
      message: `${ref.kind} "${ref.name}" sets spec.replicas to ${replicas}, but HorizontalPodAutoscaler "${hpa.hpa.ref.name}" manages its replica count`,
    };
  },
});
