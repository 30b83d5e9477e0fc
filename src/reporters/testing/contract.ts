// Validators for the JSON contract (docs/json-output.schema.json), shared by unit and e2e tests.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export function contractValidator() {
  const schema = JSON.parse(
    readFileSync(new URL('../../../docs/json-output.schema.json', import.meta.url), 'utf8'),
  );
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(schema);
}
