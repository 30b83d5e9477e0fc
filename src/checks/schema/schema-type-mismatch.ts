// https://kubernetes.io/docs/reference/kubernetes-api/
import { defineCheck } from '../../core/check.ts';
import { SCHEMA_DOCS, schemaIssues } from '../../schema/issues.ts';

export const schemaTypeMismatch = defineCheck({
  id: 'schema-type-mismatch',
  title: 'Field has the wrong type',
  severity: 'high',
  category: 'schema',
  indexes: ['schema:validations'],
  description:
    'The API server rejects an object whose field has the wrong type: a string where an integer is expected ' +
    '(replicas: "3"), a mapping where a list is expected (a missing "-" before a list item), and so on. The ' +
    'whole apply fails.',
  remediation:
    'Write the value with the type the schema expects: unquote numbers and booleans, quote strings that look like ' +
    'numbers, and start list items with "-".',
  docs: SCHEMA_DOCS,
  appliesTo: 'all',
  peers: { kubeconform: ['type'], 'kube-linter': ['schema-validation'] },
  check: (loaded, context) => schemaIssues(loaded, context, 'type'),
});
