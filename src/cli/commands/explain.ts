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

/** Ids within a small edit distance, or sharing the typed text, closest first. */
export function suggest(input: string, ids: readonly string[], max = 3): string[] {
  const typed = input.trim().toLowerCase();
  const scored = ids
    .map((id) => {
      const distance = editDistance(typed, id);
      const contains = typed.length >= 3 && (id.includes(typed) || typed.includes(id));
      return { id, score: contains ? Math.min(distance, 1) : distance };
    })
    .filter(({ id, score }) => score <= Math.max(2, Math.floor(id.length / 4)))
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
  return scored.slice(0, max).map((s) => s.id);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
