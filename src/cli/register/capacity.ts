import type { Command } from 'commander';
import { addClusterOptions } from '../cluster-flags.ts';
import type { CapacityFlags } from '../commands/capacity.ts';

export function registerCapacity(program: Command): void {
  addClusterOptions(
    program
      .command('capacity')
      .description(
        'cluster capacity (live or from a snapshot): allocatable, requested, limits, usage, overcommit and quota per node, pool, namespace and team; how many more pods of a size fit, by the scheduler’s rules; stranded capacity',
      )
      .option(
        '--pod-size <size>',
        'headroom for pods of this size (cpu=500m,memory=1Gi[,nvidia.com/gpu=1]) or one more replica of a workload (deployment/web, in -n NAMESPACE)',
      )
      .option(
        '--pool-label <label>',
        'node label that names the pool (default: karpenter, GKE, EKS, AKS pool labels, then instance type)',
      )
      .option('--team-label <label>', 'pod or namespace label that names the team', 'team')
      .option('-o, --output <format>', 'text, json, markdown, csv', 'text'),
  ).action(async (flags: CapacityFlags) => {
    const { capacity } = await import('../commands/capacity.ts');
    process.exitCode = await capacity(flags);
  });
}
