import type { Command } from 'commander';
import { addClusterOptions } from '../cluster-flags.ts';
import type { RbacFlags } from '../commands/rbac.ts';

const SOURCE_HELP =
  'Reads manifests (-f PATH…), a snapshot (--snapshot) or the live cluster (--kubeconfig/--context, default).';

function withSource(command: Command): Command {
  return addClusterOptions(
    command
      .option(
        '-f, --filename <paths...>',
        'manifest files or directories (Helm charts and Kustomize rendered)',
      )
      .option(
        '--kube-version <version>',
        'Kubernetes version whose built-in roles apply to manifests (default: 1.34)',
      )
      .option('--no-color', 'no ANSI colours (also NO_COLOR)'),
  );
}

export function registerRbac(program: Command): void {
  const rbac = program
    .command('rbac')
    .description(
      'who can do what, with the API server’s exact RBAC semantics: who-can, can, audit, review, diff',
    );
  withSource(
    rbac
      .command('who-can')
      .description(
        `every subject allowed a request, with the binding, role and rule that allow it. ${SOURCE_HELP}`,
      )
      .argument(
        '<verb>',
        'get, list, create, delete, escalate, impersonate, … (or a lower-case HTTP method for a URL)',
      )
      .argument(
        '<resource>',
        'RESOURCE[.GROUP][/SUBRESOURCE] (pods, deploy/scale, widgets.example.com) or a URL path (/healthz)',
      )
      .option('--name <name>', 'one named object (without: any object; name-limited rules are listed apart)')
      .option('--api-group <group>', 'the API group, when the resource name does not say it')
      .option('--verify', 'live: confirm each answer with a SubjectAccessReview')
      .option('-o, --output <format>', 'text, json', 'text'),
  ).action(async (verb: string, resource: string, flags: RbacFlags) => {
    const { whoCanCommand } = await import('../commands/rbac.ts');
    process.exitCode = await whoCanCommand(verb, resource, flags);
  });
  withSource(
    rbac
      .command('can')
      .description(
        `what a subject may do (a table of its permissions, each with its binding), or with VERB RESOURCE whether it may (exit 0 yes, 1 no). ${SOURCE_HELP}`,
      )
      .argument(
        '<subject>',
        'alice, User:alice, Group:devs, ServiceAccount:NS/NAME (sa:NS/NAME), system:serviceaccount:NS:NAME',
      )
      .argument('[verb]', 'ask one question instead of listing')
      .argument('[resource]', 'RESOURCE[.GROUP][/SUBRESOURCE] or a URL path')
      .option('--group <groups...>', 'groups the identity provider asserts for the user (not in the API)')
      .option('--name <name>', 'the named object of the question')
      .option('--api-group <group>', 'the API group, when the resource name does not say it')
      .option('--verify', 'live: confirm each answer with a SubjectAccessReview')
      .option('-o, --output <format>', 'text, json', 'text'),
  ).action(
    async (subject: string, verb: string | undefined, resource: string | undefined, flags: RbacFlags) => {
      const { canCommand } = await import('../commands/rbac.ts');
      process.exitCode = await canCommand(subject, verb, resource, flags);
    },
  );
  withSource(
    rbac
      .command('audit')
      .description(
        `the least-privilege audit: every RBAC check, findings with check ids and runbooks. ${SOURCE_HELP}`,
      )
      .option('-o, --output <format>', 'text, json, sarif, junit, github, markdown, html', 'text')
      .option('--fail-on <severity>', 'exit 1 at or above this severity (default: high)')
      .option('--config <file>', 'configuration file (default: .shipshape.yaml found upward)'),
  ).action(async (flags: RbacFlags) => {
    const { auditCommand } = await import('../commands/rbac.ts');
    process.exitCode = await auditCommand(flags);
  });
  withSource(
    rbac
      .command('review')
      .description(`an access review per subject (tier, risky capabilities, granted via). ${SOURCE_HELP}`)
      .option(
        '-o, --output <format>',
        'markdown, json (keep the JSON: it is what --since compares)',
        'markdown',
      )
      .option(
        '--since <file>',
        'a previous review (-o json): show what was added, removed, widened, narrowed',
      ),
  ).action(async (flags: RbacFlags) => {
    const { reviewCommand } = await import('../commands/rbac.ts');
    process.exitCode = await reviewCommand(flags);
  });
  rbac
    .command('diff')
    .description(
      'the effective-permission change between two sets of manifests (a pull request): who gains what',
    )
    .argument('<old>', 'manifests before (file or directory)')
    .argument('<new>', 'manifests after (file or directory)')
    .option('--kube-version <version>', 'Kubernetes version whose built-in roles apply (default: 1.34)')
    .option('-o, --output <format>', 'text, markdown, json', 'text')
    .option('--no-color', 'no ANSI colours (also NO_COLOR)')
    .action(async (before: string, after: string, flags: RbacFlags) => {
      const { diffCommand } = await import('../commands/rbac.ts');
      process.exitCode = await diffCommand(before, after, flags);
    });
}
