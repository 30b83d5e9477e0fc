// One finding per problem across Kustomize builds. A base reviewed directly and through three overlays yields the
// same problem four times: the same check on the same source line, each on the object as one build names it
// (web, dev-web in namespace dev, …). Those are one finding, listing the builds it reaches (docs/decisions/0041).
import { compareText } from './compare-text.ts';
import type { Finding } from './finding.ts';
import type { ObjectRef } from './object.ts';
import { parseRenderedLabel } from './rendered.ts';

/** One build a finding was found in: the build's directory and the object as that build names it. */
export interface BuildInstance {
  dir: string;
  object: ObjectRef;
}

/**
 * Findings that are the same problem in several builds — same check, severity and suppression, same source file,
 * line, column and path (list indexes aside), same kind, and the same message once the names and namespaces the builds give the object
 * are set aside — become one: the instance of the build that is the source's own directory (the base reviewed
 * directly) when there is one, else of the first build by name, with `builds` listing every build. A problem seen
 * in one build only names that build when its file is shared with other builds and lies outside the build's
 * directory. Findings outside builds are returned as they are.
 */
export function mergeAcrossBuilds(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: (Finding | Finding[])[] = [];
  for (const finding of findings) {
    if (finding.build === undefined || finding.file === undefined) {
      out.push(finding);
      continue;
    }
    const key = [
      finding.check,
      finding.severity,
      finding.suppressed ? 'suppressed' : '',
      finding.file,
      finding.line ?? '',
      finding.column ?? '',
      // List indexes differ between builds when an overlay adds items before (a sidecar before "web").
      (finding.path ?? '').replace(/\[\d+\]/g, '[]'),
      finding.object.apiVersion.split('/')[0],
      finding.object.kind,
    ].join('\u0000');
    const group = groups.get(key);
    if (group) group.push(finding);
    else {
      const created = [finding];
      groups.set(key, created);
      out.push(created);
    }
  }
  // A finding related to a root that was folded into another build's instance now relates to that instance.
  const replaced = new Map<string, string>();
  const buildsOfFile = buildsByFile(findings);
  const result = out.flatMap((item) =>
    Array.isArray(item)
      ? byMessage(item).map((part) => {
          const one = namedIfShared(merged(part), buildsOfFile);
          for (const f of part)
            if (f.fingerprint !== one.fingerprint) replaced.set(f.fingerprint, one.fingerprint);
          return one;
        })
      : [item],
  );
  if (replaced.size === 0) return result;
  return result.map((f) =>
    f.relatedTo !== undefined && replaced.has(f.relatedTo)
      ? { ...f, relatedTo: replaced.get(f.relatedTo)! }
      : f,
  );
}

/**
 * The findings of one source position, split by what they say: messages compared with every name and namespace
 * the builds give the object replaced (longest first, so `prod-web` is not read as `prod-` and `web`).
 */
function byMessage(group: Finding[]): Finding[][] {
  if (group.length === 1) return [group];
  const names = unique(group.map((f) => f.object.name));
  const namespaces = unique(group.map((f) => f.object.namespace ?? ''));
  const canonical = (message: string) => {
    let out = message;
    for (const name of names) out = out.split(name).join('\u0001');
    for (const namespace of namespaces) out = out.split(namespace).join('\u0002');
    return out;
  };
  const parts = new Map<string, Finding[]>();
  for (const finding of group) {
    const key = canonical(finding.message);
    const part = parts.get(key);
    if (part) part.push(finding);
    else parts.set(key, [finding]);
  }
  return [...parts.values()];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))].sort((a, b) => b.length - a.length);
}

function merged(group: Finding[]): Finding {
  const builds = new Map<string, Finding>();
  for (const finding of group) if (!builds.has(finding.build!)) builds.set(finding.build!, finding);
  if (builds.size < 2) return group[0]!;
  const ordered = [...builds.values()].sort((a, b) => compareText(a.build!, b.build!));
  // The deepest build that holds the source file: the base itself rather than a kustomization above it.
  const own = ordered
    .filter((f) => isSourceDirectory(f.build!, f.file!))
    .sort((a, b) => b.build!.length - a.build!.length)[0];
  const representative = own ?? ordered[0]!;
  return {
    ...representative,
    builds: ordered.map((f) => ({ dir: f.build!, object: f.object })),
  };
}

/** The builds that have some finding in each source file. */
function buildsByFile(findings: readonly Finding[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of findings) {
    if (f.build === undefined || f.file === undefined) continue;
    const builds = out.get(f.file) ?? new Set<string>();
    builds.add(f.build);
    out.set(f.file, builds);
  }
  return out;
}

/**
 * A problem only one build has, placed in a file other builds share (a base whose securityContext one overlay
 * removes): without naming that build, it reads as the base's own problem. The base reviewed directly, and a file
 * only one build reaches, need no name.
 */
function namedIfShared(finding: Finding, buildsOfFile: ReadonlyMap<string, ReadonlySet<string>>): Finding {
  if (finding.builds || finding.build === undefined || finding.file === undefined) return finding;
  if ((buildsOfFile.get(finding.file)?.size ?? 0) < 2) return finding;
  if (isSourceDirectory(finding.build, finding.file)) return finding;
  return { ...finding, builds: [{ dir: finding.build, object: finding.object }] };
}

/** The build's directory holds the source file: the base reviewed directly (or a kustomization above it). */
function isSourceDirectory(build: string, file: string): boolean {
  const path = parseRenderedLabel(file)?.file ?? file;
  let dir = build;
  while (dir.length > 1 && dir.endsWith('/')) dir = dir.slice(0, -1);
  return dir === '.' ? !path.startsWith('/') && !path.startsWith('..') : path.startsWith(`${dir}/`);
}
