// Every check, loaded on first use. Loading them all costs ≈ 0.25 s CPU (every check module, with ajv and yaml), so
// commands that run a few checks load the registry only when they need the rest: to validate the check ids a
// .shipshape.yaml names, or for reporters that describe rules (SARIF, Markdown). Synchronous, through require(esm),
// so loadConfig and render stay synchronous (docs/decisions/0029-lazy-startup.md).
import type { AnyCheck } from '../core/check.ts';
import { requireOwn } from '../core/require-own.ts';

let all: readonly AnyCheck[] | undefined;

export function allChecks(): readonly AnyCheck[] {
  all ??= requireOwn<typeof import('../checks/registry.ts')>(
    import.meta.url,
    '../checks/registry.ts',
  ).ALL_CHECKS;
  return all;
}
