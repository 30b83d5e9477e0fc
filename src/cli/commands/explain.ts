import type { Command } from 'commander';
import { ALL_CHECKS, findCheck } from '../../checks/registry.ts';
import { renderRunbook } from '../../docs/runbook.ts';
import { UsageError } from '../errors.ts';
import { suggest } from '../output.ts';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('print the runbook of a check: what it means, why it matters, how to fix it')
    .argument('<check-id>', 'a check id, as printed in findings')
    .action((id: string) => {
      process.stdout.write(explain(id));
    });
}

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
