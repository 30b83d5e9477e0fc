import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grantedVerbs, isFullAccessRule, type Rule, resourceMatches } from './rbac.ts';

const rule = (r: Partial<Rule>): Rule => ({
  apiGroups: [''],
  resources: [],
  verbs: [],
  resourceNames: [],
  nonResourceURLs: [],
  path: [],
  ...r,
});

describe('rbac helpers', () => {
  it('matches resources the way the RBAC authorizer does', () => {
    assert.ok(resourceMatches(rule({ resources: ['*'] }), 'pods/exec'));
    assert.ok(resourceMatches(rule({ resources: ['*/exec'] }), 'pods/exec'));
    assert.ok(resourceMatches(rule({ resources: ['pods/exec'] }), 'pods/exec'));
    assert.ok(!resourceMatches(rule({ resources: ['pods'] }), 'pods/exec'));
    assert.ok(!resourceMatches(rule({ resources: ['*/exec'] }), 'pods'));
  });
  it('grants verbs only in matching API groups', () => {
    assert.deepEqual(
      grantedVerbs(rule({ resources: ['secrets'], verbs: ['*'] }), '', 'secrets', ['get', 'list']),
      ['get', 'list'],
    );
    assert.deepEqual(
      grantedVerbs(rule({ apiGroups: ['apps'], resources: ['secrets'], verbs: ['*'] }), '', 'secrets', [
        'get',
      ]),
      [],
    );
    assert.deepEqual(
      grantedVerbs(rule({ nonResourceURLs: ['*'], verbs: ['*'] }), '', 'secrets', ['get']),
      [],
    );
  });
  it('recognises full-access rules', () => {
    assert.ok(isFullAccessRule(rule({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] })));
    assert.ok(
      isFullAccessRule(
        rule({
          apiGroups: ['*'],
          resources: ['*'],
          verbs: ['patch', 'get', 'list', 'watch', 'create', 'update', 'delete'],
        }),
      ),
    );
    assert.ok(!isFullAccessRule(rule({ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list'] })));
    assert.ok(!isFullAccessRule(rule({ apiGroups: [''], resources: ['*'], verbs: ['*'] })));
  });
});
