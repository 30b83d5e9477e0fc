// https://kubernetes.io/docs/reference/kubernetes-api/
import { defineCheck } from '../../core/check.ts';
import { SCHEMA_DOCS, schemaIssues } from '../../schema/issues.ts';

export const schemaRequiredFieldMissing = defineCheck({
  id: 'schema-required-field-missing',
  title: 'Required field is missing',
  severity: 'high',
  category: 'schema',
  indexes: ['schema:validations'],
  description:
    'The schema marks the field as required (e.g. a container\'s "name", a Deployment\'s "selector", a ' +
    'containerPort), so the API server rejects the object without it.',
  remediation: 'Add the missing field; `kubectl explain <kind>.<path>` lists the required fields.',
  docs: SCHEMA_DOCS,
  appliesTo: 'all',
  peers: { kubeconform: ['required'], 'kube-linter': ['schema-validation'] },
  check: (loaded, context) => schemaIssues(loaded, context, 'required'),
});
