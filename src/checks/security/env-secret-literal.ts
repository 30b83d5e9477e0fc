// https://kubernetes.io/docs/concepts/security/secrets-good-practices/
import { defineCheck } from '../../core/check.ts';
import {
  asDict,
  credentialInValue,
  describeContainer,
  isPlaceholderValue,
  isSecretName,
  securedContainersOf,
} from '../../k8s/security-context.ts';
import { WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const envSecretLiteral = defineCheck({
  id: 'env-secret-literal',
  title: 'Secret written in plain text in an env var',
  severity: 'high',
  category: 'security',
  description:
    'An env var whose name says it is a credential (password, passwd, passphrase, secret, token, bearer, API key, ' +
    'private key, access key, credential, AWS_SECRET_ACCESS_KEY, GOOGLE_APPLICATION_CREDENTIALS, AZURE_*KEY, ' +
    'OCI_CLI_KEY_CONTENT) holds a literal `value`, or any env value visibly holds a credential: a PEM private key, a URL with an embedded password (scheme://user:pass@host), or a token with a well-known prefix (GitHub, GitLab, Slack, Stripe live, Google API, OpenAI-style). The secret is then ' +
    'in the manifest, in Git history, in every `kubectl get -o yaml`, readable by anyone who can read the ' +
    'workload. Names that describe a secret (…_FILE, …_PATH, …_URL, …_NAME, …_TTL, …_ID, …) and values that ' +
    'are empty, booleans, $(VAR) references, template placeholders or file paths are not reported. The ' +
    'message never repeats the value.',
  remediation:
    'Move the value into a Secret and reference it with `valueFrom.secretKeyRef` (or mount the Secret as a file), ' +
    'then rotate the credential: it is already in Git history.',
  docs: [
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
  ],
  appliesTo: WORKLOAD_KINDS,
  peers: { polaris: ['sensitiveContainerEnvVar'], 'kube-linter': ['env-var-secret'] },
  *check({ object }) {
    for (const c of securedContainersOf(object)) {
      const env = c.container.env;
      if (!Array.isArray(env)) continue;
      for (const [i, raw] of env.entries()) {
        const entry = asDict(raw);
        if (!entry || typeof entry.name !== 'string') continue;
        const value = typeof entry.value === 'number' ? String(entry.value) : entry.value;
        if (typeof value !== 'string') continue;
        const path = [...c.path, 'env', i, 'value'];
        const visible = credentialInValue(value);
        if (visible) {
          yield {
            path,
            message: `${describeContainer(c)} env var "${entry.name}" holds ${visible} in plain text`,
          };
        } else if (isSecretName(entry.name) && !isPlaceholderValue(value)) {
          yield {
            path,
            message: `${describeContainer(c)} env var "${entry.name}" holds a literal secret value`,
          };
        }
      }
    }
  },
});
