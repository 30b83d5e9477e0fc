import { ALL_CHECKS, findCheck } from '../../checks/registry.ts';
import { renderRunbook } from '../../docs/runbook.ts';
import { UsageError } from '../errors.ts';
import { suggest } from '../output.ts';

/** The runbook, rendered from the check's metadata (the same text as docs/runbooks/<id>.md). */
export function explain(id: string): string {
  const check = findCheck(id.trim());
  if (!check) {
    const close = suggest(
      id,
      ALL_CHECKS.map((c) => c.id),
    );
    throw new UsageError(
      `no check "${id}"; ${close.length > 0 ? `did you mean ${close.join(', ')}? ` : ''}run \`shipshape checks\` to list them`,
    );
  }
  return renderRunbook(check);
}
