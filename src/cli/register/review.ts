import { type Command, Option } from 'commander';
import type { ReviewOptions } from '../commands/review.ts';

export function registerReview(program: Command): void {
  const command = program
    .command('review')
    .description(
      'review manifests (files, directories, Helm charts, Kustomize, "-" for stdin) before they merge',
    )
    .argument('<paths...>', 'files or directories to review')
    .option('-o, --output <format>', 'text, json, sarif, junit, github, markdown, html', 'text')
    .option(
      '--fail-on <severity>',
      'exit 1 at or above: critical, high, medium, low, info, none (default: high)',
    )
    .option('--config <file>', 'configuration file (default: .shipshape.yaml found upward from the cwd)')
    .option('--include <ids...>', 'run only these check ids or categories')
    .option('--exclude <ids...>', 'skip these check ids or categories')
    .option(
      '--kube-version <version>',
      'target Kubernetes version, e.g. 1.34 (schemas, deprecated APIs, PSS)',
    )
    .option('--pod-security-level <level>', 'also enforce Pod Security Standards: baseline or restricted')
    .option('-f, --values <files...>', 'Helm values files for charts')
    .option(
      '--crds <paths...>',
      'CustomResourceDefinitions to validate custom resources against (files or directories)',
    )
    .option('--max-file-size <mib>', 'skip files larger than this many MiB', '32')
    .option('--max-input-size <mib>', 'stop reading past this many MiB in all (stdin included)', '512')
    .option('--show-suppressed', 'list suppressed findings in text output')
    .option(
      '--fix',
      'apply safe fixes in place, then review again; --fix=diff prints a unified diff instead; --fix=suggested ' +
        '(or --fix=suggested-diff) also applies fixes that may stop a working workload',
    )
    .addOption(new Option('--fix-diff').hideHelp())
    .addOption(new Option('--fix-suggested').hideHelp())
    .option(
      '--kubeconfig <file>',
      "validate against this cluster's own /openapi/v3 schemas (CRDs included) instead of the bundled ones",
    )
    .option('--context <name>', 'kubeconfig context for --kubeconfig (or $KUBECONFIG, ~/.kube/config)')
    .option(
      '--request-timeout <seconds>',
      'with --kubeconfig: deadline of each request to the API server',
      '30',
    )
    .option('--no-color', 'no ANSI colours (also NO_COLOR)')
    .action(async (paths: string[], options: ReviewOptions) => {
      const { reviewCommand } = await import('../commands/review.ts');
      process.exitCode = await reviewCommand(paths, options);
    });
  acceptFixEqualsDiff(command);
}

/**
 * `--fix=diff`, `--fix=suggested` and `--fix=suggested-diff` are modes of the --fix flag (a "--fix [mode]" option
 * would swallow the path after it).
 */
const FIX_MODES: Record<string, string[]> = {
  '--fix=diff': ['--fix-diff'],
  '--fix=suggested': ['--fix', '--fix-suggested'],
  '--fix=suggested-diff': ['--fix-diff', '--fix-suggested'],
};
export function acceptFixEqualsDiff(command: Command): void {
  const parse = command.parseOptions.bind(command);
  command.parseOptions = (args: string[]) => parse(args.flatMap((a) => FIX_MODES[a] ?? [a]));
}
