// https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
import { defineCheck } from '../../core/check.ts';
import { SCHEMA_DOCS, schemaIssues } from '../../schema/issues.ts';

export const schemaUnknownField = defineCheck({
  id: 'schema-unknown-field',
  title: 'Field is not part of the schema (often bad indentation or a typo)',
  severity: 'high',
  category: 'schema',
  indexes: ['schema:crds', 'schema:validations'],
  description:
    'A field that the schema of the kind does not define is dropped by the API server (kubectl apply only warns, ' +
    'or fails with --validate=strict), so the setting silently has no effect. Almost always a typo or a field ' +
    'indented at the wrong level, e.g. "containers" directly under a Deployment spec instead of under ' +
    'spec.template.spec. Custom resources are checked against their CRD (unknown fields are pruned).',
  remediation:
    'Fix the field name or its indentation so it sits where the schema expects it (`kubectl explain <kind>.<path>` ' +
    'shows the valid fields); delete it if it is not needed.',
  docs: [
    ...SCHEMA_DOCS,
    'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#field-pruning',
  ],
  appliesTo: 'all',
  peers: { kubeconform: ['additionalProperties'], 'kube-linter': ['schema-validation'] },
  check: (loaded, context) => schemaIssues(loaded, context, 'unknown-field'),
});
