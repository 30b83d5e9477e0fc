import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { generateEstate } from '../../../test/support/rbac-estate.ts';
import { type KubeObject, refOf } from '../../core/object.ts';
import { authorize } from './authorize.ts';
import { defaultsFor } from './defaults/index.ts';
import { groupIdentity, parseSubject, serviceAccountUser, userIdentity } from './identity.ts';
import { resolveResource } from './resources.ts';
import { resourceRequest } from './rule.ts';
import { whatCan } from './what-can.ts';
import { whoCan } from './who-can.ts';
import { RbacWorld, relevantTo } from './world.ts';

const loadedOf = (list: KubeObject[]) => list.map((object) => ({ object, ref: refOf(object) }));
const objects = (yaml: string) => parse(`[${yaml}]`) as KubeObject[];
const world = (yaml: string, builtIns = false) =>
  new RbacWorld(loadedOf(objects(yaml)), {
    aggregation: 'compute',
    ...(builtIns ? { builtIns: defaultsFor('1.34') } : {}),
  });
const G = 'apiGroup: rbac.authorization.k8s.io';

describe('bad input is reported with the object and the rest is evaluated', () => {
  const w = world(`
    {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r},
     rules: [{verbs: [], apiGroups: [""], resources: [pods]}, {verbs: get, resources: [x]},
             {verbs: [get], nonResourceURLs: [/x], resources: [pods]}, {verbs: [list], apiGroups: [""], resources: [pods]}]},
    {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: unknown-kind},
     roleRef: {${G}, kind: Clusterrole, name: r}, subjects: [{kind: User, ${G}, name: u}]},
    {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: empty},
     roleRef: {${G}, kind: ClusterRole, name: r}, subjects: []},
    {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: subjects},
     roleRef: {${G}, kind: ClusterRole, name: r},
     subjects: [{kind: user, ${G}, name: u}, {kind: ServiceAccount, name: sa}, {kind: Group, ${G}, name: g}, {name: x}]},
    {apiVersion: rbac.authorization.k8s.io/v1, kind: RoleBinding, metadata: {name: dup, namespace: a},
     roleRef: {${G}, kind: ClusterRole, name: r}, subjects: [{kind: User, ${G}, name: first}]},
    {apiVersion: rbac.authorization.k8s.io/v1, kind: RoleBinding, metadata: {name: dup, namespace: a},
     roleRef: {${G}, kind: ClusterRole, name: r}, subjects: [{kind: User, ${G}, name: second}]}
  `);
  const messages = w.problems.map((p) => `${p.object}: ${p.message}`);
  it('reports each problem once, naming the object', () => {
    assert.deepEqual(messages, [
      'ClusterRole "r": rule 0 is invalid (verbs must contain at least one value); it is left out',
      'ClusterRole "r": rule 1 is invalid (verbs must be a list of strings); it is left out',
      'ClusterRole "r": rule 2 is invalid (rules cannot apply to both regular resources and non-resource URLs); it is left out',
      'ClusterRoleBinding "unknown-kind": roleRef.kind "Clusterrole" is not Role or ClusterRole (kinds are case-sensitive); the binding grants nothing',
      'ClusterRoleBinding "empty": the binding has no subjects, so it grants nothing',
      'ClusterRoleBinding "subjects": subject 0 has kind "user": only User, Group and ServiceAccount (case-sensitive) match anyone',
      'ClusterRoleBinding "subjects": subject 1: a ServiceAccount in a ClusterRoleBinding needs a namespace; it matches nobody',
      'ClusterRoleBinding "subjects": subject 3 needs a kind and a name; it is left out',
      'RoleBinding "a/dup": defined more than once; the later definition is the one evaluated, as kubectl apply would leave it',
    ]);
  });
  it('evaluates the valid rest', () => {
    const list = resourceRequest({ verb: 'list', resource: 'pods', namespace: 'a' });
    assert.equal(authorize(w, groupIdentity('g'), list).allowed, true);
    assert.equal(authorize(w, userIdentity('u'), list).allowed, false);
    assert.equal(authorize(w, userIdentity('second'), list).allowed, true);
    assert.equal(authorize(w, userIdentity('first'), list).allowed, false);
    assert.equal(
      authorize(w, groupIdentity('g'), resourceRequest({ verb: 'get', resource: 'pods' })).allowed,
      false,
    );
  });
});

describe('built-in roles', () => {
  const w = world(
    `{apiVersion: rbac.authorization.k8s.io/v1, kind: RoleBinding, metadata: {name: devs, namespace: shop},
      roleRef: {${G}, kind: ClusterRole, name: edit}, subjects: [{kind: Group, ${G}, name: devs}]},
     {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole,
      metadata: {name: widgets-view, labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}},
      rules: [{verbs: [get], apiGroups: [example.com], resources: [widgets]}]}`,
    true,
  );
  const devs = groupIdentity('devs');
  it('a binding to edit grants what edit really grants, in its namespace', () => {
    const exec = resourceRequest({
      verb: 'create',
      resource: 'pods',
      subresource: 'exec',
      namespace: 'shop',
    });
    assert.equal(authorize(w, devs, exec).allowed, true);
    assert.equal(authorize(w, devs, { ...exec, namespace: 'other' }).allowed, false);
    const roles = resourceRequest({
      verb: 'create',
      apiGroup: 'rbac.authorization.k8s.io',
      resource: 'rolebindings',
      namespace: 'shop',
    });
    assert.equal(authorize(w, devs, roles).allowed, false, 'edit cannot write RBAC (admin can)');
  });
  it('a ClusterRole labelled aggregate-to-view reaches view, edit and admin', () => {
    const get = resourceRequest({
      verb: 'get',
      apiGroup: 'example.com',
      resource: 'widgets',
      namespace: 'shop',
    });
    assert.equal(authorize(w, devs, get).allowed, true);
  });
  it('system:discovery is granted to every authenticated user', () => {
    const d = authorize(w, userIdentity('anyone'), { resourceRequest: false, verb: 'get', path: '/version' });
    assert.equal(d.allowed, true);
  });
  it('a written copy of a built-in role gets its missing rules back (reconciliation), unless autoupdate is false', () => {
    const copy = (annotations: string) =>
      world(
        `{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: cluster-admin${annotations}},
          rules: [{verbs: [get], apiGroups: [apps], resources: [deployments]}]},
         {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: b},
          roleRef: {${G}, kind: ClusterRole, name: cluster-admin}, subjects: [{kind: User, ${G}, name: u}]}`,
        true,
      );
    const del = resourceRequest({ verb: 'delete', resource: 'nodes', name: 'n' });
    assert.equal(authorize(copy(''), userIdentity('u'), del).allowed, true);
    const optedOut = copy(', annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}');
    assert.equal(authorize(optedOut, userIdentity('u'), del).allowed, false);
  });
  it('records the version it stands for', () => {
    assert.match(defaultsFor('1.34').basis, /recorded from kube-apiserver v1\.34/);
    assert.match(defaultsFor('1.32').basis, /kubernetes#130738/);
    const edit132 = defaultsFor('1.32').roles.find((r) => r.name === 'system:aggregate-to-edit')!;
    assert.ok(!edit132.rules.some((r) => r.rule.apiGroups.includes('resource.k8s.io')));
  });
});

describe('who-can and what-can', () => {
  const w = world(`
    {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: secrets},
     rules: [{verbs: [get], apiGroups: [""], resources: [secrets], resourceNames: [tls]},
             {verbs: [list], apiGroups: [""], resources: [secrets]}]},
    {apiVersion: rbac.authorization.k8s.io/v1, kind: RoleBinding, metadata: {name: ci, namespace: a},
     roleRef: {${G}, kind: ClusterRole, name: secrets}, subjects: [{kind: ServiceAccount, name: ci}]},
    {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: ops},
     roleRef: {${G}, kind: ClusterRole, name: secrets}, subjects: [{kind: Group, ${G}, name: ops}]}`);
  const q = { kind: 'resource' as const, verb: 'get', group: '', resource: 'secrets', subresource: '' };
  it('answers any-name questions apart for name-limited rules', () => {
    const answer = whoCan(w, q);
    assert.deepEqual(
      answer.entries.map((e) => [e.binding.name, e.scope, e.names]),
      [
        ['ci', 'a', ['tls']],
        ['ops', '', ['tls']],
      ],
    );
    assert.deepEqual(
      whoCan(w, { ...q, name: 'tls', namespace: 'b' }).entries.map((e) => e.binding.name),
      ['ops'],
    );
    assert.deepEqual(
      whoCan(w, { ...q, verb: 'list', allNamespaces: true }).entries.map((e) => e.binding.name),
      ['ops'],
    );
  });
  it('lists an identity’s permissions with their scope and the binding', () => {
    const p = whatCan(w, serviceAccountUser('a', 'ci'));
    assert.deepEqual(
      p.permissions.map((x) => [x.scope, x.grant.binding.name, x.grant.rule.index]),
      [
        ['a', 'ci', 0],
        ['a', 'ci', 1],
      ],
    );
    assert.equal(whatCan(w, serviceAccountUser('b', 'ci')).permissions.length, 0);
  });
});

describe("relevantTo: what one identity's answer needs", () => {
  it('gives the same permissions as the whole estate, for every identity of random estates', () => {
    let identities = 0;
    let dropped = 0;
    for (const seed of [1, 2, 3, 4]) {
      const estate = generateEstate(seed, `r${seed}`, {
        namespaces: 3,
        clusterRoles: 12,
        roles: 12,
        bindings: 40,
      });
      const options = { aggregation: 'compute' as const, builtIns: defaultsFor('1.34') };
      const whole = new RbacWorld(loadedOf(estate.objects), options);
      const people = [
        ...estate.users.map((u) => userIdentity(u, [estate.groups[0]!])),
        ...estate.groups.map((g) => groupIdentity(g)),
        ...estate.serviceAccounts.map(([ns, name]) => serviceAccountUser(ns, name)),
      ];
      for (const user of people) {
        const kept = relevantTo(estate.objects, user);
        dropped += estate.objects.length - kept.length;
        const narrow = new RbacWorld(loadedOf(kept), options);
        const shown = (w: RbacWorld) => {
          const answer = whatCan(w, user);
          return {
            privileged: answer.privileged,
            errors: answer.errors,
            permissions: answer.permissions.map((p) => ({
              scope: p.scope,
              viaGroup: p.viaGroup,
              inherited: p.inherited,
              inert: p.inert,
              binding: `${p.grant.binding.kind} ${p.grant.binding.namespace ?? ''}/${p.grant.binding.name}`,
              subject: p.grant.subject,
              role: `${p.grant.role.kind} ${p.grant.role.namespace ?? ''}/${p.grant.role.name}`,
              rule: p.grant.rule.rule,
              index: p.grant.rule.index,
            })),
          };
        };
        assert.deepEqual(shown(narrow), shown(whole), user.name);
        identities++;
      }
    }
    assert.ok(identities > 40);
    assert.ok(dropped > 0, 'the selection must leave something out, or it proves nothing');
  });
});

describe('subjects and resources as typed', () => {
  it('parses subjects', () => {
    assert.deepEqual(parseSubject('alice'), { kind: 'User', name: 'alice' });
    assert.deepEqual(parseSubject('sa:dev/app'), { kind: 'ServiceAccount', namespace: 'dev', name: 'app' });
    assert.deepEqual(parseSubject('system:serviceaccount:dev:app'), {
      kind: 'ServiceAccount',
      namespace: 'dev',
      name: 'app',
    });
    assert.deepEqual(parseSubject('Group:system:masters'), { kind: 'Group', name: 'system:masters' });
    assert.ok('error' in parseSubject('sa:app'));
  });
  it('resolves resources like kubectl', () => {
    const known = defaultsFor('1.34').resources;
    assert.deepEqual(resolveResource('deploy/scale', known), {
      group: 'apps',
      resource: 'deployments',
      subresource: 'scale',
      namespaced: true,
      kind: 'Deployment',
    });
    assert.equal((resolveResource('Node', known) as { namespaced: boolean }).namespaced, false);
    assert.ok('error' in resolveResource('pods/nope', known));
    assert.ok('error' in resolveResource('widgets', known));
    assert.deepEqual(resolveResource('widgets.example.com', known), {
      group: 'example.com',
      resource: 'widgets',
      subresource: '',
    });
  });
});
