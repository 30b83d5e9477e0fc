// https://kubernetes.io/docs/concepts/configuration/configmap/
import { defineCheck } from '../../core/check.ts';
import { asDict, credentialInValue, isPlaceholderValue, isSecretName } from '../../k8s/security-context.ts';

// `password: hunter2`, `db.password=hunter2`, `"apiKey": "abc"` inside an embedded config file. A value that
// opens a YAML list, mapping, block scalar, anchor, alias or tag (`secret: [status, secret]` in a kube-state-metrics
// path) is structure, not a literal.
const ASSIGNMENT = /^\s*["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*["']?([^"'\s#,[\]{}|>&*!][^"'\s#,]*)/;

export const configmapSecretContent = defineCheck({
  id: 'configmap-secret-content',
  title: 'ConfigMap holds what looks like a secret',
  severity: 'high',
  category: 'security',
  description:
    'ConfigMaps are not meant for confidential data: they are not encrypted at rest by default, are readable by ' +
    'far more roles than Secrets (the built-in view role reads ConfigMaps but not Secrets) and show up in logs and ' +
    'diffs. Reported: a key whose name says it is a credential (same names as env-secret-literal) with a ' +
    'non-placeholder value, a value visibly holding a credential (PEM private key, URL with an embedded password, well-known token prefixes), and, inside embedded config files, a ' +
    '`name: value` or `name=value` line whose name says credential and whose value is literal. Values are never ' +
    'printed.',
  remediation:
    'Move the value into a Secret (mounted as a file or referenced with secretKeyRef) and rotate it; keep ' +
    'only non-confidential settings in the ConfigMap.',
  docs: [
    'https://kubernetes.io/docs/concepts/configuration/configmap/',
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  ],
  appliesTo: ['ConfigMap'],
  peers: { polaris: ['sensitiveConfigmapContent'] },
  *check({ object }) {
    const data = asDict(object.data);
    if (data) {
      for (const [key, raw] of Object.entries(data)) {
        const value = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
        const path = ['data', key];
        const visible = credentialInValue(value);
        if (visible) {
          yield { path, message: `key "${key}" holds ${visible}` };
        } else if (isSecretName(key) && !isPlaceholderValue(value)) {
          yield { path, message: `key "${key}" looks like a credential` };
        } else if (value.includes('\n')) {
          const lines = value.split('\n');
          for (const [n, line] of lines.entries()) {
            const m = ASSIGNMENT.exec(line);
            if (!m || !isSecretName(m[1]!) || isPlaceholderValue(m[2]!)) continue;
            yield { path, message: `key "${key}" sets "${m[1]}" to a literal value on line ${n + 1}` };
            break;
          }
        }
      }
    }
    const binary = asDict(object.binaryData);
    if (binary) {
      for (const key of Object.keys(binary)) {
        if (isSecretName(key))
          yield { path: ['binaryData', key], message: `binaryData key "${key}" looks like a credential` };
      }
    }
  },
});
