// https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
import { defineCheck } from '../../core/check.ts';
import { SCHEMA_DOCS, schemaIssues } from '../../schema/issues.ts';

export const schemaInvalidValue = defineCheck({
  id: 'schema-invalid-value',
  title: 'Field value is not allowed by the schema',
  severity: 'high',
  category: 'schema',
  indexes: ['schema:validations'],
  description:
    'The value has the right type but the schema does not allow it: not one of the enumerated values, a ' +
    'malformed resource quantity ("512MB" instead of "512Mi"), Secret data that is not base64, an integer out ' +
    'of the int32 range, or a custom resource value outside its CRD pattern or bounds. The API server rejects it.',
  remediation:
    'Use a value the schema allows: quantities like 250m, 128Mi, 1Gi; base64-encode Secret "data" (or use ' +
    '"stringData" for plain text); an allowed enum value.',
  docs: [...SCHEMA_DOCS, 'https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/'],
  appliesTo: 'all',
  peers: { kubeconform: ['enum', 'format', 'pattern'], 'kube-linter': ['schema-validation'] },
  check: (loaded, context) => schemaIssues(loaded, context, 'value'),
});
