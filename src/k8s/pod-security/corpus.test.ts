// The acceptance bar of issue #2: 100% agreement with the pod-security-admission fixtures, every version.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { podSecurityDir, score } from '../../../test/corpus/pod-security.ts';

const corpus = process.env.SHIPSHAPE_CORPUS ?? path.resolve(import.meta.dirname, '../../../../shared/corpus');
const present = existsSync(path.join(podSecurityDir(corpus), 'cases.json'));

it('pss-* checks agree with every pod-security-admission fixture', {
  skip: !present && `no corpus at ${corpus}`,
}, async () => {
  const result = await score(corpus);
  assert.deepEqual(result.details, []);
  assert.equal(result.disagree, 0);
  assert.equal(result.notApplicable, 0);
  assert.equal(result.agree, 4537);
  assert.equal(
    result.controlMatched,
    result.deny,
    'every denied pod is reported by the check of its control',
  );
  assert.equal(result.reasonMatched, result.deny, 'every denial carries the upstream reason text');
});
