// Runs cluster analyzers over objects built like `kubectl get -o yaml` output (no file positions).
import assert from 'node:assert/strict';
import type { AnyCheck, RunSettings } from '../../src/core/check.ts';
import { runChecks } from '../../src/core/engine.ts';
import type { Finding } from '../../src/core/finding.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import { deepFreeze, type KubeObject, refOf } from '../../src/core/object.ts';
import { T0 } from '../../src/testing/cluster-builders.ts';

export function analyze(
  checks: AnyCheck | AnyCheck[],
  objects: KubeObject[],
  settings: Partial<RunSettings> = {},
): Finding[] {
  const list = Array.isArray(checks) ? checks : [checks];
  const index = indexOf(objects);
  const result = runChecks(
    index,
    list.map((check) => ({ check, params: { ...(check.params ?? {}) }, severity: check.severity })),
    { now: new Date(T0), ...settings },
  );
  assert.deepEqual(result.problems, [], 'analyzers must not crash');
  return result.findings;
}

/** Objects as a frozen, indexed set, the way the cluster and snapshot sources hand them to the analyzers. */
export function indexOf(objects: KubeObject[]): ObjectIndex {
  const loaded = objects.map((o) => {
    const copy = structuredClone(o);
    deepFreeze(copy);
    return { object: copy, ref: refOf(copy) };
  });
  return new ObjectIndex(loaded, { partial: false });
}
