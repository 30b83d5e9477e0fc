import type { Command } from 'commander';
import type { ReportOptions } from '../commands/report.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'render a saved JSON report (from -o json) in another format, e.g. `-o html` for one offline HTML file',
    )
    .argument('<file>', 'a JSON report written with -o json ("-" for stdin)')
    .option('-o, --output <format>', 'html, text, markdown, sarif, junit, github, json', 'html')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--max-file-size <mib>', 'refuse reports larger than this many MiB', '256')
    .option('--no-color', 'no ANSI colours (also NO_COLOR)')
    .action(async (file: string, options: ReportOptions) => {
      const { reportCommand } = await import('../commands/report.ts');
      process.exitCode = reportCommand(file, options);
    });
}
