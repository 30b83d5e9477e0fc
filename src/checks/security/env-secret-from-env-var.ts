// https://kubernetes.io/docs/concepts/security/secrets-good-practices/
import { defineCheck } from '../../core/check.ts';
import { asDict, describeContainer, securedContainersOf } from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const envSecretFromEnvVar = defineCheck({
  id: 'env-secret-from-env-var',
  title: 'Secret read into an environment variable',
  severity: 'low',
  category: 'security',
  description:
    'Secrets exposed as environment variables (valueFrom.secretKeyRef, envFrom.secretRef) are inherited by every ' +
    'child process, often end up in crash dumps and debug logs, and are not updated when the Secret changes. ' +
    'Secrets mounted as files avoid all three. Off by default: env vars from Secrets are common and far better ' +
    'than literals.',
  remediation: 'Mount the Secret as a volume and have the application read the file.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
  ],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  peers: { 'kube-linter': ['read-secret-from-env-var'] },
  *check({ object }) {
    for (const c of securedContainersOf(object)) {
      const { env, envFrom } = c.container;
      if (Array.isArray(env)) {
        for (const [i, raw] of env.entries()) {
          const entry = asDict(raw);
          const ref = asDict(asDict(entry?.valueFrom)?.secretKeyRef);
          if (!entry || !ref) continue;
          yield {
            path: [...c.path, 'env', i, 'valueFrom', 'secretKeyRef'],
            message: `${describeContainer(c)} env var "${String(entry.name)}" reads Secret "${String(ref.name)}"`,
          };
        }
      }
      if (Array.isArray(envFrom)) {
        for (const [i, raw] of envFrom.entries()) {
          const ref = asDict(asDict(raw)?.secretRef);
          if (!ref) continue;
          yield {
            path: [...c.path, 'envFrom', i, 'secretRef'],
            message: `${describeContainer(c)} reads every key of Secret "${String(ref.name)}" into env vars`,
          };
        }
      }
    }
  },
});
