import type { AnyCheck } from '../../core/check.ts';
import { apiVersionDeprecated } from './api-version-deprecated.ts';
import { apiVersionRemoved } from './api-version-removed.ts';
import { schemaInvalidValue } from './schema-invalid-value.ts';
import { schemaKindUnknown } from './schema-kind-unknown.ts';
import { schemaRequiredFieldMissing } from './schema-required-field-missing.ts';
import { schemaTypeMismatch } from './schema-type-mismatch.ts';
import { schemaUnknownField } from './schema-unknown-field.ts';

export const schemaChecks: AnyCheck[] = [
  schemaUnknownField,
  schemaTypeMismatch,
  schemaRequiredFieldMissing,
  schemaInvalidValue,
  schemaKindUnknown,
  apiVersionRemoved,
  apiVersionDeprecated,
];
