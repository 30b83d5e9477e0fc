// What the schema-* checks share: the object's validation (computed once per run), filtered to one error kind.
import type { CheckContext, Issue } from '../core/check.ts';
import type { LoadedObject } from '../core/object.ts';
import { validationOf } from './resolve.ts';
import type { SchemaErrorKind } from './validator.ts';

export function* schemaIssues(
  loaded: LoadedObject,
  context: CheckContext<unknown>,
  kind: SchemaErrorKind,
): Iterable<Issue> {
  const result = validationOf(loaded, context);
  if (result.status !== 'validated') return;
  for (const error of result.errors) {
    if (error.kind === kind) yield { path: error.path, message: error.message };
  }
}

export const SCHEMA_DOCS = [
  'https://kubernetes.io/docs/reference/kubernetes-api/',
  'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
];
