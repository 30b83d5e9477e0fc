// kubectl-style source flags shared by every cluster command. Only their definitions: cheap to load for --help;
// cluster-options.ts resolves them into objects.
import type { Command } from 'commander';

export interface ClusterFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  snapshot?: string;
  /** diagnose only: pasted `kubectl describe` text (files, or - for stdin). */
  describe?: string[];
  requestTimeout?: string;
  /** Snapshots and describe text: the most read in one run, in MiB. */
  maxInputSize?: string;
  stats?: boolean;
  progress?: boolean;
  /** serve only (from its config): several namespaces, and the pod's own service account. */
  namespaces?: string[];
  inCluster?: boolean;
  /** serve only: a kind forbidden cluster-wide is read in each namespace that allows it (load-cluster.ts). */
  partialByNamespace?: boolean;
}

export function addClusterOptions(command: Command): Command {
  return command
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('-n, --namespace <name>', 'only this namespace (default: all namespaces for cluster sweeps)')
    .option('-A, --all-namespaces', 'every namespace')
    .option(
      '--snapshot <path>',
      'read a snapshot (shipshape snapshot, kubectl get -o yaml|json, cluster-info dump dir)',
    )
    .option('--request-timeout <seconds>', 'deadline of each request to the API server, body included', '30')
    .option(
      '--max-input-size <mib>',
      'with --snapshot/--describe: stop reading past this many MiB in all (a .gz counts as decompressed)',
      '512',
    )
    .option('--stats', 'print requests made and time taken to stderr')
    .option('--no-progress', 'no progress messages on stderr');
}
