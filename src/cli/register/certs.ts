import type { Command } from 'commander';
import { addClusterOptions } from '../cluster-flags.ts';
import type { CertsFlags } from '../commands/certs.ts';

export function registerCerts(program: Command): void {
  addClusterOptions(
    program
      .command('certs')
      .description(
        'certificate expiry: TLS Secrets, PEM in Secrets, webhook/APIService caBundles, cert-manager, kubeconfig and API server',
      )
      .option('-o, --output <format>', 'text, json, sarif, junit, github, markdown, html', 'text')
      .option('--fail-on <severity>', 'exit 1 at or above this severity (default: high)')
      .option('--config <file>', 'configuration file (default: .shipshape.yaml found upward)')
      .option('--critical-days <n>', 'critical when a certificate expires within n days (default 7)')
      .option('--high-days <n>', 'high when a certificate expires within n days (default 30)')
      .option('--no-color', 'no ANSI colours (also NO_COLOR)'),
  ).action(async (flags: CertsFlags) => {
    const { certs } = await import('../commands/certs.ts');
    process.exitCode = await certs(flags);
  });
}
