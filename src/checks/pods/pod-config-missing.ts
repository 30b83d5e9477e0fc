// https://kubernetes.io/docs/concepts/configuration/configmap/#configmaps-and-pods
// The kubelet reports CreateContainerConfigError with messages like: configmap "app-config" not found,
// secret "db" not found, couldn't find key url in ConfigMap shop/app-config.
import { defineCheck } from '../../core/check.ts';
import { kubectl, warningEvidence, workloadOf } from '../../diagnose/pod-context.ts';
import { missingConfigRemedy } from '../../diagnose/suggestions.ts';
import { containerStatuses, isTerminating } from '../../k8s/pod-status.ts';

export interface MissingConfig {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  key?: string;
}

/** Reads the kubelet's message; returns undefined for other config errors (e.g. runAsNonRoot violations). */
export function missingConfigFrom(message: string): MissingConfig | undefined {
  const notFound = /(configmap|secret) "([^"]+)" not found/i.exec(message);
  if (notFound)
    return { kind: notFound[1]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap', name: notFound[2]! };
  const noKey = /couldn't find key (\S+) in (ConfigMap|Secret) ([^/\s]+)\/(\S+)/i.exec(message);
  if (noKey) {
    return {
      kind: noKey[2]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap',
      name: noKey[4]!,
      key: noKey[1]!,
    };
  }
  return undefined;
}

export const podConfigMissing = defineCheck({
  id: 'pod-config-missing',
  title: 'Container cannot start: configuration it needs is missing (CreateContainerConfigError)',
  severity: 'high',
  category: 'configuration',
  description:
    "The kubelet cannot build the container's configuration: a ConfigMap or Secret it references (env, envFrom) " +
    'does not exist, lacks the key, or the security context cannot be satisfied. The container stays in ' +
    'CreateContainerConfigError until the reference is fixed; nothing restarts it.',
  remediation:
    "Create the missing ConfigMap/Secret (or key) in the pod's namespace, or mark the reference optional: true; " +
    'the kubelet retries on its own once it exists.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/configmap/',
    'https://kubernetes.io/docs/concepts/configuration/secret/',
  ],
  appliesTo: ['Pod'],
  peers: { k8sgpt: ['Pod'] },
  *check(pod, { index, settings }) {
    if (isTerminating(pod.object)) return;
    for (const at of containerStatuses(pod.object)) {
      const waiting = at.status.state?.waiting;
      if (waiting?.reason !== 'CreateContainerConfigError') continue;
      const message = waiting.message ?? '';
      const missing = missingConfigFrom(message);
      const ns = pod.ref.namespace;
      const workload = workloadOf(index, pod);
      const what = missing
        ? `${missing.kind} "${missing.name}"${missing.key ? ` has no key "${missing.key}"` : ' does not exist'}`
        : `configuration error: ${message}`;
      yield {
        path: ['status', at.kind === 'containers' ? 'containerStatuses' : 'initContainerStatuses', at.index],
        message: `container "${at.status.name}" cannot start: ${what}`,
        ...(missing ? { remedy: missingConfigRemedy(index, ns, missing, settings) } : {}),
        evidence: [
          `container "${at.status.name}": waiting CreateContainerConfigError: ${message}`,
          ...warningEvidence(index, pod, settings.now, ['Failed']),
        ],
        cause: missing
          ? {
              key: `config-missing/${missing.kind}/${ns ?? ''}/${missing.name}/${missing.key ?? ''}`,
              summary: `${missing.kind} ${ns ? `${ns}/` : ''}${missing.name}${missing.key ? ` lacks key "${missing.key}"` : ' is missing'}; pods that reference it cannot start`,
              workload,
              pods: 1,
              nextSteps: [
                kubectl(
                  ns,
                  `get ${missing.kind.toLowerCase()} ${missing.name}${missing.key ? ' -o yaml' : ''}`,
                ),
                kubectl(ns, `describe pod ${pod.ref.name}`),
              ],
            }
          : {
              key: `config-error/${workload}/${at.status.name}`,
              summary: `${workload}: container "${at.status.name}" configuration is invalid: ${message}`,
              workload,
              pods: 1,
              nextSteps: [kubectl(ns, `describe pod ${pod.ref.name}`)],
            },
      };
    }
  },
});
