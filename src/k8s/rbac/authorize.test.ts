// The authorizer against fixtures that restate upstream's own test cases and the edge cases other RBAC tools get
// wrong (testdata/authorizer/*.yaml; each file names its source). Worlds are object data, questions are
// SubjectAccessReview-shaped: a user, literal groups (or a ServiceAccount, which brings its own), attributes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { type KubeObject, type LoadedObject, refOf } from '../../core/object.ts';
import { allGrants, authorize, visitRules } from './authorize.ts';
import { serviceAccountUser, type UserInfo } from './identity.ts';
import type { describeBinding } from './objects.ts';
import { describeRule, nonResourceRequest, type RequestAttributes, resourceRequest } from './rule.ts';
import { RbacWorld } from './world.ts';

const DIR = join(import.meta.dirname, 'testdata', 'authorizer');

interface Question {
  user?: string;
  groups?: string[];
  sa?: string;
  verb: string;
  group?: string;
  resource?: string;
  namespace?: string;
  name?: string;
  path?: string;
  allowed: boolean;
  by?: string;
  subject?: number;
  note?: string;
}

interface World {
  name: string;
  objects?: KubeObject[];
  rule?: Record<string, unknown>;
  aggregation?: 'compute' | 'stored';
  questions?: Question[];
  rulesFor?: { user: string; groups?: string[]; namespace: string; rules: string[] }[];
}

function loadedOf(objects: readonly KubeObject[]): LoadedObject[] {
  return objects.map((object) => ({ object, ref: refOf(object) }));
}

/** A rule on its own: a ClusterRole holding it, bound to user "u" cluster-wide. */
function singleRuleWorld(rule: Record<string, unknown>): KubeObject[] {
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'r' },
      rules: [rule],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'u' }],
    },
  ];
}

function identity(q: { user?: string; groups?: string[]; sa?: string }, single: boolean): UserInfo {
  if (q.sa) {
    const [ns, name] = q.sa.split('/') as [string, string];
    const sa = serviceAccountUser(ns, name);
    return { name: sa.name, groups: [...sa.groups, ...(q.groups ?? [])] };
  }
  return { name: q.user ?? (single ? 'u' : ''), groups: q.groups ?? [] };
}

function requestOf(q: Question): RequestAttributes {
  if (q.path !== undefined) return nonResourceRequest(q.verb, q.path);
  const [resource, subresource = ''] = (q.resource ?? '').split('/') as [string, string?];
  return resourceRequest({
    verb: q.verb,
    apiGroup: q.group ?? '',
    resource,
    subresource,
    namespace: q.namespace ?? '',
    name: q.name ?? '',
  });
}

function describeQuestion(q: Question): string {
  const who = q.sa ? `sa ${q.sa}` : `${q.user ?? 'u'}${q.groups ? `[${q.groups.join(',')}]` : ''}`;
  const what = q.path ?? `${q.resource}${q.group ? `.${q.group}` : ''}${q.name ? ` "${q.name}"` : ''}`;
  return `${who} ${q.verb} ${what}${q.namespace ? ` in ${q.namespace}` : ''} → ${q.allowed ? 'allowed' : 'denied'}${q.note ? ` (${q.note})` : ''}`;
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) {
  const fixture = parse(readFileSync(join(DIR, file), 'utf8')) as { source: string; worlds: World[] };
  describe(`authorizer: ${file} (${fixture.source})`, () => {
    for (const w of fixture.worlds) {
      const single = w.rule !== undefined;
      const objects = single ? singleRuleWorld(w.rule!) : (w.objects ?? []);
      const world = new RbacWorld(loadedOf(objects), { aggregation: w.aggregation ?? 'compute' });
      for (const q of w.questions ?? []) {
        it(`${w.name}: ${describeQuestion(q)}`, () => {
          const decision = authorize(world, identity(q, single), requestOf(q));
          assert.equal(decision.allowed, q.allowed);
          const by = decision.by;
          if (q.by !== undefined) {
            const named =
              by === undefined ? 'nothing' : typeof by === 'string' ? by : describeBindingShort(by.binding);
            // The authorizer names the first allowing binding in an unspecified order: accept any allowing one.
            const all = allGrants(world, identity(q, single), requestOf(q)).map((g) =>
              describeBindingShort(g.binding),
            );
            assert.ok(
              named === q.by || all.includes(q.by),
              `expected ${q.by} among the allowing bindings, got ${[named, ...all].join(', ')}`,
            );
          }
          if (q.subject !== undefined && by && typeof by !== 'string')
            assert.equal(by.subject.index, q.subject);
        });
      }
      for (const r of w.rulesFor ?? []) {
        it(`${w.name}: rules for ${r.user || '(no name)'} in "${r.namespace}"`, () => {
          const got = [...visitRules(world, identity(r, single), r.namespace)].map((g) =>
            describeRule(g.rule.rule),
          );
          assert.deepEqual(got.sort(), [...r.rules].sort());
        });
      }
    }
  });
}

function describeBindingShort(binding: Parameters<typeof describeBinding>[0]): string {
  return `${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name}`;
}
