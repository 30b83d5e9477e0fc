import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ALL_CHECKS, findCheck } from '../../checks/registry.ts';
import { renderRunbook } from '../../docs/runbook.ts';
import { UsageError } from '../errors.ts';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('print the runbook of a check: what it means, why it matters, how to fix it')
    .argument('<check-id>', 'a check id, as printed in findings')
    .action((id: string) => {
      process.stdout.write(explain(id));
    });
}

export function explain(id: string): string {
  const check = findCheck(id);
  if (!check) {
    const close = ALL_CHECKS.filter((c) => c.id.includes(id) || id.includes(c.id)).map((c) => c.id);
    throw new UsageError(
      `no check "${id}"${close.length ? `; did you mean ${close.slice(0, 5).join(', ')}?` : ''}`,
    );
  }
  const page = new URL(`../../../docs/runbooks/${id}.md`, import.meta.url);
  return existsSync(page) ? readFileSync(page, 'utf8') : renderRunbook(check);
}
