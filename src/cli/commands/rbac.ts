// `shipshape rbac who-can | can | audit | review | diff`: questions to the RBAC evaluator (src/k8s/rbac/) over
// manifests, a snapshot or the live cluster; docs/decisions/0052-rbac-commands.md.
import { readFileSync } from 'node:fs';
import { roleUnused } from '../../checks/hygiene/role-unused.ts';
import { rolebindingUnused } from '../../checks/hygiene/rolebinding-unused.ts';
import { rbacChecks } from '../../checks/rbac/index.ts';
import { append } from '../../core/append.ts';
import type { RunSettings } from '../../core/check.ts';
import { runChecks, selectChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import type { Problem } from '../../core/problem.ts';
import { buildReport, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, exitCodeFor } from '../../core/report.ts';
import { allGrants, authorize, type Grant } from '../../k8s/rbac/authorize.ts';
import { identityOf, MASTERS, parseSubject, type UserInfo } from '../../k8s/rbac/identity.ts';
import { describeSubject, type RoleRule } from '../../k8s/rbac/objects.ts';
import { resolveResource } from '../../k8s/rbac/resources.ts';
import { type RequestAttributes, trimTrailingStars } from '../../k8s/rbac/rule.ts';
import { whatCan } from '../../k8s/rbac/what-can.ts';
import { type WhoCanQuestion, whoCan } from '../../k8s/rbac/who-can.ts';
import { relevantTo } from '../../k8s/rbac/world.ts';
import { probeAuthorizers, subjectAccessReview } from '../../rbac/live.ts';
import { buildView, RBAC_RESOURCES, type RbacInput, type RbacView } from '../../rbac/load.ts';
import {
  changesMarkdown,
  changesText,
  permissionRows,
  reviewMarkdown,
  ruleJson,
  scopeText,
  TOOL,
  table,
  whoCanRows,
} from '../../rbac/render.ts';
import {
  type AccessReview,
  buildReview,
  CAPABILITY_MEANING,
  diffReviews,
  REVIEW_SCHEMA_VERSION,
  riskyCapabilities,
} from '../../rbac/review.ts';
import { loadFiles } from '../../sources/files/load-files.ts';
import type { SnapshotSelect } from '../../sources/snapshot/load-snapshot.ts';
import { VERSION } from '../../version.ts';
import type { ClusterFlags } from '../cluster-flags.ts';
import { loadClusterState } from '../cluster-options.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { log, printText, render, useColor } from '../output.ts';
import { parseFailOn, parseKubeVersion } from '../parse-flags.ts';

export interface RbacFlags extends ClusterFlags {
  filename?: string[];
  kubeVersion?: string;
  output: string;
  name?: string;
  apiGroup?: string;
  verify?: boolean;
  group?: string[];
  failOn?: string;
  config?: string;
  since?: string;
  color?: boolean;
}

/** The RBAC objects to evaluate. -n / -A are the question's namespace, never the read's: RBAC needs all of it. */
export async function loadRbacInput(flags: RbacFlags, select?: SnapshotSelect): Promise<RbacInput> {
  const kubeVersion = flags.kubeVersion ? parseKubeVersion(flags.kubeVersion) : undefined;
  if (flags.filename && flags.filename.length > 0) {
    if (flags.snapshot || flags.kubeconfig || flags.context)
      throw new UsageError(
        'give either -f PATHS or a cluster (--snapshot, --kubeconfig, --context), not both',
      );
    const loaded = loadFiles(flags.filename);
    return {
      objects: loaded.objects,
      problems: loaded.problems,
      source: { kind: 'files', paths: flags.filename },
      partial: true,
      ...(kubeVersion ? { kubeVersion } : {}),
    };
  }
  const { namespace: _n, allNamespaces: _a, ...read } = flags;
  const state = await loadClusterState(read, RBAC_RESOURCES, select);
  const missing = ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].filter(
    (k) => !state.kindsRead.has(k),
  );
  if (missing.length > 0 && state.source.kind === 'cluster')
    throw new UsageError(
      `cannot evaluate RBAC: ${missing.join(', ')} could not be read (${state.kindsMissing.map((m) => m.reason).join('; ') || 'forbidden'}); run with an identity that may list RBAC objects`,
    );
  return {
    objects: state.objects,
    problems: state.problems,
    source: state.source,
    partial: false,
    kindsRead: state.kindsRead,
    ...(kubeVersion ? { kubeVersion } : {}),
    ...(state.serverVersion && state.source.kind === 'cluster' ? { serverVersion: state.serverVersion } : {}),
    ...(state.serverVersion && state.source.kind !== 'cluster' && !kubeVersion
      ? { kubeVersion: state.serverVersion }
      : {}),
    ...(state.client ? { client: state.client } : {}),
  };
}

async function prepare(flags: RbacFlags, about?: UserInfo): Promise<{ input: RbacInput; view: RbacView }> {
  const loaded = await loadRbacInput(flags, about ? (objects) => relevantTo(objects, about) : undefined);
  // A question about one identity needs only the bindings that name it and their roles: large estates read fast.
  let input = loaded;
  if (about) {
    const kept = new Set(
      relevantTo(
        loaded.objects.map((o) => o.object),
        about,
      ),
    );
    input = { ...loaded, objects: loaded.objects.filter((o) => kept.has(o.object)) };
  }
  const view = buildView(input);
  if (input.client) {
    const chain = await probeAuthorizers(input.client, 'default');
    view.lowerBound = chain.otherAuthorizers;
    view.notes.unshift(
      chain.otherAuthorizers
        ? `other authorizers answer too (${chain.detail}): RBAC objects are a lower bound; --verify asks the API server`
        : `authorizers: ${chain.detail}`,
    );
  }
  return { input, view };
}

function problemsOf(input: RbacInput, view: RbacView): Problem[] {
  return [
    ...input.problems,
    ...view.world.problems.map(
      (p): Problem => ({
        kind: 'input',
        level: p.level,
        object: p.object,
        message: p.message,
        ...(p.loaded?.origin ? { file: p.loaded.origin.file, ...p.loaded.origin.locate(p.path ?? []) } : {}),
      }),
    ),
  ];
}

function reportProblems(problems: readonly Problem[]): number {
  for (const p of problems) {
    const file = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
    const where = `${file}${p.object ? `${p.object}: ` : ''}`;
    log(`${p.level === 'warning' ? 'warning' : 'error'}: ${where}${p.message}`);
  }
  return problems.some((p) => p.level !== 'warning') ? EXIT_ERROR : EXIT_CLEAN;
}

type Question =
  | { kind: 'url'; verb: string; path: string }
  | {
      kind: 'resource';
      verb: string;
      group: string;
      resource: string;
      subresource: string;
      namespaced?: boolean;
    };

function parseQuestion(verb: string, resource: string, view: RbacView, apiGroup?: string): Question {
  if (resource.startsWith('/')) return { kind: 'url', verb, path: resource };
  const resolved = resolveResource(resource, view.resources, apiGroup);
  if ('error' in resolved) throw new UsageError(resolved.error);
  return {
    kind: 'resource',
    verb,
    group: resolved.group,
    resource: resolved.resource,
    subresource: resolved.subresource,
    ...(resolved.namespaced !== undefined ? { namespaced: resolved.namespaced } : {}),
  };
}

function questionText(q: Question, flags: RbacFlags): string {
  if (q.kind === 'url') return `${q.verb} ${q.path}`;
  const what = `${q.resource}${q.subresource ? `/${q.subresource}` : ''}${q.group ? `.${q.group}` : ''}`;
  const name = flags.name ? ` "${flags.name}"` : '';
  const where =
    q.namespaced === false
      ? ' (cluster-scoped)'
      : flags.allNamespaces
        ? ' across all namespaces at once'
        : flags.namespace
          ? ` in namespace ${flags.namespace}`
          : ' in any namespace';
  return `${q.verb} ${what}${name}${where}`;
}

function requestFor(q: Question, namespace: string, name: string): RequestAttributes {
  if (q.kind === 'url') return { resourceRequest: false, verb: q.verb, path: q.path };
  const ns = q.namespaced === false ? (q.resource === 'namespaces' && q.group === '' ? name : '') : namespace;
  return {
    resourceRequest: true,
    verb: q.verb,
    namespace: ns,
    apiGroup: q.group,
    resource: q.resource,
    subresource: q.subresource,
    name,
  };
}

function subjectIdentity(kind: string, name: string, namespace?: string): UserInfo {
  if (kind === 'ServiceAccount') return identityOf({ kind, name, namespace: namespace ?? '' });
  if (kind === 'Group') return { name: '', groups: [name] };
  return identityOf({ kind: 'User', name });
}

export async function whoCanCommand(verb: string, resource: string, flags: RbacFlags): Promise<number> {
  checkFormat(flags.output, ['text', 'json']);
  if (flags.namespace && flags.allNamespaces)
    throw new UsageError('-n/--namespace and -A/--all-namespaces conflict');
  const { input, view } = await prepare(flags);
  const q = parseQuestion(verb, resource, view, flags.apiGroup);
  const question: WhoCanQuestion =
    q.kind === 'url'
      ? q
      : {
          ...q,
          ...(flags.name ? { name: flags.name } : {}),
          ...(flags.namespace ? { namespace: flags.namespace } : {}),
          ...(flags.allNamespaces ? { allNamespaces: true } : {}),
        };
  const answer = whoCan(view.world, question);
  const verified = new Map<number, boolean>();
  if (flags.verify) {
    if (!input.client)
      throw new UsageError('--verify asks the live API server: it needs a cluster, not files or a snapshot');
    for (const [i, e] of answer.entries.entries()) {
      const user = subjectIdentity(
        e.subject.kind,
        e.subject.name,
        e.subject.namespace || e.binding.namespace,
      );
      const verdict = await subjectAccessReview(
        input.client,
        user,
        requestFor(q, e.scope, flags.name ?? e.names?.[0] ?? ''),
      );
      verified.set(i, verdict.allowed);
    }
  }
  const problems = problemsOf(input, view);
  if (flags.output === 'json') {
    process.stdout.write(
      `${JSON.stringify(
        {
          tool: TOOL,
          command: 'rbac who-can',
          source: input.source,
          question: {
            ...question,
            ...(q.kind === 'resource' && q.namespaced !== undefined ? {} : {}),
          },
          basis: view.basis,
          notes: view.notes,
          lowerBound: view.lowerBound,
          privilegedGroups: answer.privilegedGroups,
          subjects: answer.entries.map((e, i) => ({
            kind: e.subject.kind,
            name: e.subject.name,
            ...(e.subject.kind === 'ServiceAccount'
              ? { namespace: e.subject.namespace || e.binding.namespace }
              : {}),
            scope: e.scope,
            binding: objectJson(e.binding),
            role: objectJson(e.role),
            rule: ruleJson(e.rule),
            ...(e.names ? { names: e.names } : {}),
            ...(verified.has(i) ? { verified: verified.get(i) } : {}),
          })),
          errors: answer.errors,
          problems: problems.map((p) => ({ ...p })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const any = answer.entries.filter((e) => !e.names);
    const named = answer.entries.filter((e) => e.names);
    const lines = [
      `who can ${questionText(q, flags)}`,
      `  basis: ${view.basis}`,
      ...view.notes.map((n) => `  note: ${n}`),
      '',
    ];
    const mark = (rows: string[][], list: typeof answer.entries) =>
      rows.map((r, i) => {
        const index = answer.entries.indexOf(list[i]!);
        return verified.has(index)
          ? [
              ...r.slice(0, -1),
              `${r[r.length - 1]} [SubjectAccessReview: ${verified.get(index) ? 'allowed' : 'DENIED'}]`,
            ]
          : r;
      });
    const rows = [[`Group ${MASTERS}`, 'cluster-wide', 'bypasses authorization (no binding needed)']];
    append(lines, table(['SUBJECT', 'SCOPE', 'VIA'], append(rows, mark(whoCanRows(any), any))));
    if (named.length > 0)
      append(
        lines,
        ['', 'only named objects:'],
        table(['SUBJECT', 'SCOPE', 'VIA'], mark(whoCanRows(named), named)),
      );
    if (answer.errors.length > 0)
      append(
        lines,
        ['', 'latent grants (bindings to roles that do not exist):'],
        answer.errors.map((e) => `  ${e}`),
      );
    printText(`${lines.join('\n')}\n`);
  }
  const disagreements = [...verified.values()].filter((v) => !v).length;
  if (disagreements > 0)
    log(`${disagreements} answer(s) the API server did not confirm: see [SubjectAccessReview: DENIED]`);
  return Math.max(reportProblems(problems), disagreements > 0 ? EXIT_ERROR : EXIT_CLEAN);
}

export async function canCommand(
  subjectText: string,
  verb: string | undefined,
  resource: string | undefined,
  flags: RbacFlags,
): Promise<number> {
  checkFormat(flags.output, ['text', 'json']);
  if (verb !== undefined && resource === undefined)
    throw new UsageError('give both VERB and RESOURCE, or neither');
  const subject = parseSubject(subjectText);
  if ('error' in subject) throw new UsageError(subject.error);
  const user = identityOf(subject, flags.group ?? []);
  const { input, view } = await prepare(flags, user);
  const problems = problemsOf(input, view);
  const who = `${describeSubject({ ...subject, index: 0 })} (user "${user.name || '-'}", groups ${user.groups.join(', ')})`;
  if (verb !== undefined && resource !== undefined) {
    const q = parseQuestion(verb, resource, view, flags.apiGroup);
    if (q.kind === 'resource' && q.namespaced !== false && !flags.namespace && !flags.allNamespaces)
      throw new UsageError('say where: -n NAMESPACE, or -A for the request across all namespaces');
    const request = requestFor(q, flags.namespace ?? '', flags.name ?? '');
    const decision = authorize(view.world, user, request);
    const grants = decision.by === MASTERS ? [] : allGrants(view.world, user, request);
    const verdict =
      flags.verify && input.client ? await subjectAccessReview(input.client, user, request) : undefined;
    if (flags.verify && !input.client)
      throw new UsageError('--verify asks the live API server: it needs a cluster');
    if (flags.output === 'json')
      process.stdout.write(
        `${JSON.stringify(
          {
            tool: TOOL,
            command: 'rbac can',
            source: input.source,
            subject: { ...subject, user: user.name, groups: user.groups },
            request,
            allowed: decision.allowed,
            privileged: decision.by === MASTERS,
            grants: grants.map(grantJson),
            ...(verdict ? { verified: verdict } : {}),
            basis: view.basis,
            notes: view.notes,
            lowerBound: view.lowerBound,
            errors: decision.errors,
          },
          null,
          2,
        )}\n`,
      );
    else {
      const lines = [`${decision.allowed ? 'yes' : 'no'}: ${who} ${questionText(q, flags)}`];
      if (decision.by === MASTERS) lines.push(`  as a member of ${MASTERS}, which bypasses authorization`);
      for (const g of grants)
        lines.push(
          `  allowed by ${permissionRows([
            {
              scope: g.binding.kind === 'ClusterRoleBinding' ? '' : (g.binding.namespace ?? ''),
              grant: g,
              inherited: false,
            },
          ])[0]!
            .slice(4)
            .join('')}`,
        );
      if (!decision.allowed && view.lowerBound)
        lines.push(
          '  (RBAC objects only: another authorizer of this cluster may still allow it; --verify asks)',
        );
      if (verdict)
        lines.push(
          `  SubjectAccessReview: ${verdict.allowed ? 'allowed' : 'denied'}${verdict.reason ? ` (${verdict.reason})` : ''}`,
        );
      for (const e of decision.errors) lines.push(`  latent: ${e}`);
      printText(`${lines.join('\n')}\n`);
    }
    const status = reportProblems(problems);
    if (status !== EXIT_CLEAN) return status;
    if (verdict && verdict.allowed !== decision.allowed) {
      log(
        'the API server answers differently than the RBAC objects: another authorizer decides (see SubjectAccessReview)',
      );
      return verdict.allowed ? EXIT_CLEAN : EXIT_FINDINGS;
    }
    return decision.allowed ? EXIT_CLEAN : EXIT_FINDINGS;
  }
  const permissions = whatCan(view.world, user, flags.namespace);
  // What the holder can turn its permissions into (escalate, bind, impersonate, tokens, pods…), per scope.
  const byScope = new Map<string, RoleRule[]>();
  for (const p of permissions.permissions)
    if (!p.inert) byScope.set(p.scope, [...(byScope.get(p.scope) ?? []), p.grant.rule]);
  const escalation = [...byScope.entries()].flatMap(([scope, rules]) =>
    riskyCapabilities(rules, scope, input.kubeVersion).map((capability) => ({
      scope,
      capability,
      meaning: CAPABILITY_MEANING[capability] ?? '',
    })),
  );
  const verified: (boolean | undefined)[] = [];
  if (flags.verify) {
    if (!input.client) throw new UsageError('--verify asks the live API server: it needs a cluster');
    for (const p of permissions.permissions) {
      const r = p.grant.rule.rule;
      const request: RequestAttributes =
        r.nonResourceURLs.length > 0
          ? { resourceRequest: false, verb: r.verbs[0]!, path: trimTrailingStars(r.nonResourceURLs[0]!) }
          : {
              resourceRequest: true,
              verb: r.verbs[0]!,
              namespace: p.scope,
              apiGroup: r.apiGroups[0]!,
              resource: r.resources[0]!.split('/')[0]!,
              subresource: r.resources[0]!.split('/')[1] ?? '',
              name: r.resourceNames[0] ?? '',
            };
      verified.push(p.inert ? undefined : (await subjectAccessReview(input.client, user, request)).allowed);
    }
  }
  if (flags.output === 'json')
    process.stdout.write(
      `${JSON.stringify(
        {
          tool: TOOL,
          command: 'rbac can',
          source: input.source,
          subject: { ...subject, user: user.name, groups: user.groups },
          ...(flags.namespace ? { namespace: flags.namespace } : {}),
          privileged: permissions.privileged,
          escalation,
          permissions: permissions.permissions.map((p, i) => ({
            scope: p.scope,
            ...grantJson(p.grant),
            ...(p.viaGroup ? { viaGroup: p.viaGroup } : {}),
            inherited: p.inherited,
            ...(p.inert ? { inert: p.inert } : {}),
            ...(verified[i] !== undefined ? { verified: verified[i] } : {}),
          })),
          basis: view.basis,
          notes: view.notes,
          lowerBound: view.lowerBound,
          errors: permissions.errors,
        },
        null,
        2,
      )}\n`,
    );
  else {
    const lines = [
      `what ${who} can do${flags.namespace ? ` in namespace ${flags.namespace}` : ''}`,
      `  basis: ${view.basis}`,
      ...view.notes.map((n) => `  note: ${n}`),
      '',
    ];
    if (permissions.privileged)
      lines.push(`everything: member of ${MASTERS}, which bypasses authorization`, '');
    const rows = permissionRows(permissions.permissions).map((r, i) =>
      verified[i] === undefined
        ? r
        : [
            ...r.slice(0, -1),
            `${r[r.length - 1]} [SubjectAccessReview: ${verified[i] ? 'allowed' : 'DENIED'}]`,
          ],
    );
    append(
      lines,
      rows.length > 0
        ? table(['SCOPE', 'VERBS', 'RESOURCES', 'NAMES', 'VIA'], rows)
        : ['no permissions from RBAC objects'],
    );
    if (escalation.length > 0) {
      lines.push('', 'what these permissions amount to:');
      for (const e of escalation) lines.push(`  ${scopeText(e.scope)}: ${e.capability}: ${e.meaning}`);
    }
    for (const e of permissions.errors) lines.push(`latent: ${e}`);
    printText(`${lines.join('\n')}\n`);
  }
  const denied = verified.filter((v) => v === false).length;
  if (denied > 0)
    log(`${denied} permission(s) the API server did not confirm: see [SubjectAccessReview: DENIED]`);
  return Math.max(reportProblems(problems), denied > 0 ? EXIT_ERROR : EXIT_CLEAN);
}

/** A binding or role as the JSON contract names it: kind, name, its namespace and whether it is built in. */
function objectJson(o: {
  kind: string;
  name: string;
  namespace?: string | undefined;
  builtIn?: boolean | undefined;
}) {
  return {
    kind: o.kind,
    name: o.name,
    ...(o.namespace ? { namespace: o.namespace } : {}),
    ...(o.builtIn ? { builtIn: true } : {}),
  };
}

function grantJson(g: Grant) {
  return {
    binding: objectJson(g.binding),
    subject: {
      kind: g.subject.kind,
      name: g.subject.name,
      ...(g.subject.namespace ? { namespace: g.subject.namespace } : {}),
    },
    role: objectJson(g.role),
    rule: ruleJson(g.rule),
  };
}

/** Every RBAC check (the off-by-default ones too) and hygiene's unused roles and dangling bindings. */
export const AUDIT_CHECKS = [...rbacChecks, roleUnused, rolebindingUnused];

export async function auditCommand(flags: RbacFlags): Promise<number> {
  const config = loadConfig(flags.config);
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? 'high');
  const { input, view } = await prepare(flags);
  const settings: RunSettings = { now: new Date() };
  const minor = input.kubeVersion ?? input.serverVersion;
  if (minor)
    settings.kubeVersion = parseKubeVersion(
      minor.replace(/^v/, '').split('-')[0]!.split('+')[0]!.split('.').slice(0, 2).join('.'),
    );
  if (input.serverVersion) settings.serverVersion = input.serverVersion;
  if (input.kindsRead) settings.kindsRead = input.kindsRead;
  const index = new ObjectIndex(input.objects, { partial: input.partial });
  const selected = selectChecks(
    AUDIT_CHECKS.map((c) => ({ ...c, enabledByDefault: true })),
    config,
    settings,
  );
  const result = runChecks(index, selected, settings);
  for (const note of view.notes) log(`rbac audit: ${note}`);
  const report = buildReport({
    version: VERSION,
    command: 'rbac audit',
    source: input.source,
    objects: input.objects.length,
    findings: result.findings,
    problems: [...input.problems, ...result.problems],
  });
  process.stdout.write(render(report, flags.output, { color: useColor(process.stdout, flags.color) }));
  return exitCodeFor(report, failOn);
}

function reviewOf(input: RbacInput, view: RbacView): AccessReview {
  const minor = input.kubeVersion ?? input.serverVersion?.replace(/^v/, '').split('.').slice(0, 2).join('.');
  return buildReview(view.world, {
    source: input.source,
    basis: view.basis,
    notes: view.notes,
    ...(minor ? { kubeVersion: minor } : {}),
  });
}

export async function reviewCommand(flags: RbacFlags): Promise<number> {
  checkFormat(flags.output, ['markdown', 'json']);
  const previous = flags.since ? readReview(flags.since) : undefined;
  const { input, view } = await prepare(flags);
  const review = reviewOf(input, view);
  const changes = previous ? diffReviews(previous, review) : undefined;
  if (flags.output === 'json')
    process.stdout.write(`${JSON.stringify({ ...review, ...(changes ? { changes } : {}) }, null, 2)}\n`);
  else printText(reviewMarkdown(review, changes));
  return reportProblems(problemsOf(input, view));
}

function readReview(path: string): AccessReview {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`reading the previous review "${path}": ${(error as Error).message}`);
  }
  const review = parsed as Partial<AccessReview>;
  if (review.schemaVersion !== REVIEW_SCHEMA_VERSION || !Array.isArray(review.subjects))
    throw new UsageError(
      `"${path}" is not a shipshape access review (schemaVersion ${REVIEW_SCHEMA_VERSION}, written by rbac review -o json)`,
    );
  return review as AccessReview;
}

export async function diffCommand(before: string, after: string, flags: RbacFlags): Promise<number> {
  checkFormat(flags.output, ['text', 'markdown', 'json']);
  const sides = [before, after].map((path) => {
    const input: RbacInput = {
      ...(() => {
        const loaded = loadFiles([path]);
        return { objects: loaded.objects, problems: loaded.problems };
      })(),
      source: { kind: 'files', paths: [path] },
      partial: true,
      ...(flags.kubeVersion ? { kubeVersion: parseKubeVersion(flags.kubeVersion) } : {}),
    };
    const view = buildView(input);
    return { input, view, review: reviewOf(input, view) };
  });
  const [old, now] = sides as [(typeof sides)[0], (typeof sides)[0]];
  const changes = diffReviews(old.review, now.review);
  if (flags.output === 'json')
    process.stdout.write(
      `${JSON.stringify({ tool: TOOL, command: 'rbac diff', before, after, basis: now.view.basis, changes }, null, 2)}\n`,
    );
  else if (flags.output === 'markdown') printText(`## Effective RBAC changes\n\n${changesMarkdown(changes)}`);
  else printText(`${changesText(changes).join('\n')}\n`);
  return Math.max(
    reportProblems(problemsOf(old.input, old.view)),
    reportProblems(problemsOf(now.input, now.view)),
  );
}

function checkFormat(format: string, allowed: readonly string[]): void {
  if (!allowed.includes(format))
    throw new UsageError(`-o must be one of ${allowed.join(', ')} (got "${format}")`);
}

export { scopeText };
