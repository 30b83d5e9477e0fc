import type { Command } from 'commander';

export function registerChecks(program: Command): void {
  program
    .command('checks')
    .description('list every check with its id, severity, category and whether it runs by default')
    .option('-o, --output <format>', 'text or json', 'text')
    .action(async (options: { output: string }) => {
      const { listChecks } = await import('../commands/checks.ts');
      process.stdout.write(listChecks(options.output));
    });
}
