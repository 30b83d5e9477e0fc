// What generated validator code (compile.ts) and the code that runs it (compiled.ts, validator.ts) agree on: the
// formats it reaches by name through `require(FORMATS_MODULE)`, and the keyword that names other definitions.

import { linearRegExp } from '../core/linear-regexp.ts';

/**
 * https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/ :
 * <signedNumber><suffix>, suffix one of Ki Mi Gi Ti Pi Ei, m "" k M G T P E, or e/E<signedNumber>.
 */
const QUANTITY_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** Go's base64.StdEncoding, which skips \r and \n (the API server decodes []byte fields with it). */
function isBase64(value: string): boolean {
  const compact = value.replace(/[\r\n]/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export const FORMATS = {
  int32: {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647,
  },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  byte: { type: 'string', validate: isBase64 },
  'date-time': { type: 'string', validate: (s: string) => RFC3339.test(s) },
  'k8s-quantity': { type: 'string', validate: (s: string) => QUANTITY_PATTERN.test(s) },
} as const;

export const FORMATS_MODULE = 'shipshape:schema-formats';

/**
 * CRD patterns run through RE2 (linear time, and the API server's own syntax: decision 0033); generated code
 * reaches the engine by this name.
 */
export const PATTERN_MODULE = 'shipshape:schema-pattern';
export const schemaPattern = Object.assign((source: string) => linearRegExp(source), {
  code: `require(${JSON.stringify(PATTERN_MODULE)}).schemaPattern`,
});

/** The keyword that stands for "$ref" in a definition compiled alone; its value is the definition's name. */
export const REF_KEYWORD = 'x-shipshape-ref';
