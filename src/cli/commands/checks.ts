import type { Command } from 'commander';
import { ALL_CHECKS } from '../../checks/registry.ts';

export function registerChecks(program: Command): void {
  program
    .command('checks')
    .description('list every check with its id, severity, category and whether it runs by default')
    .option('-o, --output <format>', 'text or json', 'text')
    .action((options: { output: string }) => {
      const rows = ALL_CHECKS.map((c) => ({
        id: c.id,
        severity: c.severity,
        category: c.category,
        default: c.isActive ? 'when-enabled' : c.enabledByDefault === false ? 'off' : 'on',
        title: c.title,
      })).sort((a, b) => a.id.localeCompare(b.id));
      if (options.output === 'json') {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const width = Math.max(...rows.map((r) => r.id.length));
      for (const r of rows) {
        process.stdout.write(
          `${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.category.padEnd(13)}  ${r.default.padEnd(12)}  ${r.title}\n`,
        );
      }
    });
}
