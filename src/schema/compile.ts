// Everything that needs ajv's compiler, loaded only when a validator must be compiled (a definition missing
// from the package's precompiled validators and the disk cache, or a CRD schema): ajv is ~130 modules, and a
// run that finds every validator compiled never loads it (docs/decisions/0043-startup.md).
//
// A definition of a Kubernetes schema set is compiled alone: each "$ref" to another definition becomes a call
// through `ref("<name>")`, which the caller binds to that set's validator of the name (compiled.ts). So the code
// of a definition depends on its own schema only, the same in every Kubernetes version that has the same
// definition, and one file serves them all.
import { _, Ajv, type KeywordCxt, type ValidateFunction } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import * as refKeyword from 'ajv/dist/vocabularies/core/ref.js';
import { FORMATS, FORMATS_MODULE, REF_KEYWORD, schemaPattern } from './generated.ts';

// ajv's own code for calling a "$ref" (exported by ajv; a CommonJS module, so reached through its namespace).
const callRef = (refKeyword as unknown as { callRef: CallRef }).callRef;
type CallRef = (cxt: KeywordCxt, validate: unknown, schemaEnv: undefined, async: boolean) => void;

const standaloneCode = ((standalone as unknown as { default?: unknown }).default ?? standalone) as (
  ajv: Ajv,
  validate: ValidateFunction,
) => string;

function newAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    logger: false,
    // verbose: errors carry parentSchema, which the error mapping reads for "did you mean" and indentation hints.
    verbose: true,
    validateSchema: false,
    addUsedSchema: false,
    inlineRefs: false,
    unicodeRegExp: false,
    code: { optimize: 1, source: true, formats: _`require(${FORMATS_MODULE})`, regExp: schemaPattern },
  });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  for (const keyword of [
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-int-or-string',
    'x-kubernetes-embedded-resource',
  ]) {
    ajv.addKeyword({ keyword });
  }
  // A reference to another definition of the set: called like ajv calls a "$ref" it does not inline (the callee's
  // errors are appended), through the `ref` the generated code is given. Compiled in this process without
  // standalone code, the call would go to `unbound`, which is never called: only standalone code is run.
  ajv.addKeyword({
    keyword: REF_KEYWORD,
    schemaType: 'string',
    code(cxt: KeywordCxt) {
      const name = cxt.schema as string;
      const validate = cxt.gen.scopeValue('keyword', { ref: unbound, key: name, code: _`ref(${name})` });
      callRef(cxt, validate, undefined, false);
    },
  });
  return ajv;
}

function unbound(): boolean {
  throw new Error('a definition compiled alone runs only as standalone code');
}

let shared: Ajv | undefined;
function ajv(): Ajv {
  shared ??= newAjv();
  return shared;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A normalized definition with each "$ref": "#/$defs/<name>" replaced by REF_KEYWORD: "<name>". */
function withRefKeyword(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withRefKeyword);
  if (!isNode(schema)) return schema;
  const out: Node = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out[REF_KEYWORD] = value.replace(/^#\/\$defs\//, '');
    else if (key === 'properties' && isNode(value))
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, withRefKeyword(child)]),
      );
    else if (key === 'enum' || key === 'required' || key === 'default' || key === 'example') out[key] = value;
    else out[key] = withRefKeyword(value);
  }
  return out;
}

/**
 * The code of one normalized definition's validator: a CommonJS module whose export, given `ref` (a definition
 * name → that set's validator) and `require` (FORMATS_MODULE and ajv's runtime helpers), returns the validator.
 */
export function definitionCode(normalized: unknown): string {
  const instance = ajv();
  const schema = withRefKeyword(normalized);
  const validate = instance.compile(isNode(schema) || typeof schema === 'boolean' ? schema : {});
  const body = standaloneCode(instance, validate);
  instance.removeSchema(schema as object);
  return `"use strict";\nmodule.exports = function shipshapeValidator(ref, require) {\nconst module = { exports: {} };\n${body}\nreturn module.exports;\n};\n`;
}

/** A CRD's structural schema (with its "$defs"), compiled in this process. */
export function compileSchema(schema: object): ValidateFunction {
  return ajv().compile(schema);
}
