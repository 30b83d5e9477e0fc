import type { Command } from 'commander';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('print the runbook of a check: what it means, why it matters, how to fix it')
    .argument('<check-id>', 'a check id, as printed in findings')
    .action(async (id: string) => {
      const { explain } = await import('../commands/explain.ts');
      process.stdout.write(explain(id));
    });
}
