// --include/--exclude name check ids or categories; one that names neither would silently select nothing (or skip
// nothing), so it is a usage error with the nearest ids.
import { type AnyCheck, CATEGORIES } from '../core/check.ts';
import { IGNORE_ANNOTATION } from '../core/config.ts';
import { describeRef, type LoadedObject } from '../core/object.ts';
import type { Problem } from '../core/problem.ts';
import { allChecks } from './all-checks.ts';
import { UsageError } from './errors.ts';
import { suggest } from './output.ts';

export function assertKnownSelection(
  checks: readonly AnyCheck[],
  cli: { include?: string[]; exclude?: string[] },
  what: string,
): void {
  const ids = new Set(checks.map((c) => c.id));
  for (const flag of ['include', 'exclude'] as const) {
    for (const id of cli[flag] ?? []) {
      if (ids.has(id) || (CATEGORIES as readonly string[]).includes(id)) continue;
      const hint = id.includes(',')
        ? ' (separate ids with spaces, not commas)'
        : ((near) => (near.length ? ` (did you mean ${near.join(', ')}?)` : ''))(suggest(id, [...ids]));
      throw new UsageError(
        `--${flag} "${id}" is neither a ${what} check id nor a category${hint}; \`shipshape checks\` lists them`,
      );
    }
  }
}

/**
 * `shipshape.dev/ignore` names that are no check silence nothing: a warning each, at the object, with the nearest
 * ids. Every check is loaded only when some object carries the annotation.
 */
export function ignoreAnnotationProblems(objects: readonly LoadedObject[]): Problem[] {
  const annotated = objects.filter(
    (o) => typeof o.object.metadata?.annotations?.[IGNORE_ANNOTATION] === 'string',
  );
  if (annotated.length === 0) return [];
  const ids = allChecks().map((c) => c.id);
  const known = new Set(ids);
  const problems: Problem[] = [];
  for (const o of annotated) {
    const value = o.object.metadata.annotations![IGNORE_ANNOTATION]!;
    for (const id of value.split(',').map((s) => s.trim())) {
      if (id === '' || id === '*' || known.has(id)) continue;
      const near = suggest(id, ids);
      problems.push({
        kind: 'input',
        level: 'warning',
        ...(o.origin
          ? { file: o.origin.file, ...o.origin.locate(['metadata', 'annotations', IGNORE_ANNOTATION]) }
          : {}),
        object: describeRef(o.ref),
        message: `annotation ${IGNORE_ANNOTATION} names "${id}", which is no check, so it silences nothing${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`,
      });
    }
  }
  return problems;
}
