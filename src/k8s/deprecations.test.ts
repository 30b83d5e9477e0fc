import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { corpusDir } from '../../test/corpus/types.ts';
import { bundledSchemaSet, bundledVersions } from '../schema/bundled.ts';
import { API_LIFECYCLE } from './api-lifecycle.ts';
import {
  API_DEPRECATIONS,
  apiStatus,
  compareVersions,
  deprecationOf,
  replacementOf,
} from './deprecations.ts';

/** Bodies of subresources and shared option types: a group's OpenAPI lists only some of their versions. */
const NOT_OBJECTS = new Set([
  'DeleteOptions',
  'WatchEvent',
  'Status',
  'Binding',
  'DeploymentRollback',
  'EphemeralContainers',
  'Eviction',
  'Scale',
  'TokenRequest',
  'APIGroup',
  'APIGroupList',
  'APIResourceList',
  'APIVersions',
]);
const previousMinor = (minor: string) => `1.${Number(minor.split('.')[1]) - 1}`;

describe('deprecation table', () => {
  it('looks up rows by apiVersion and kind', () => {
    const ingress = deprecationOf('extensions/v1beta1', 'Ingress');
    assert.equal(ingress?.removedIn, '1.22');
    assert.equal(ingress?.deprecatedIn, '1.14');
    assert.equal(ingress?.replacement, 'networking.k8s.io/v1');
    assert.equal(ingress?.replacementAvailableIn, '1.19');
    assert.equal(deprecationOf('apps/v1', 'Deployment'), undefined);
    assert.equal(deprecationOf('policy/v1beta1', 'PodSecurityPolicy')?.replacement, undefined);
  });

  it('is the generated lifecycle, row for row, with hand-written notes only where upstream names no replacement', () => {
    const upstream = API_LIFECYCLE.filter((row) => row.deprecated || row.removed);
    assert.equal(API_DEPRECATIONS.length, upstream.length);
    for (const row of upstream) {
      const d = deprecationOf(row.apiVersion, row.kind);
      assert.ok(d, `${row.apiVersion} ${row.kind}`);
      assert.equal(d.deprecatedIn, row.deprecated);
      assert.equal(d.removedIn, row.removed);
      assert.equal(d.replacement, row.replacement);
      if (d.note)
        assert.equal(
          row.replacement,
          undefined,
          `${row.apiVersion} ${row.kind}: a note beside upstream data`,
        );
    }
  });

  it('says what the API server of 1.34 warns about: v1 Endpoints and ComponentStatus, deprecated with no removal', () => {
    const endpoints = deprecationOf('v1', 'Endpoints')!;
    assert.equal(endpoints.deprecatedIn, '1.33');
    assert.equal(endpoints.removedIn, undefined);
    assert.equal(replacementOf(endpoints), 'discovery.k8s.io/v1 EndpointSlice');
    assert.equal(apiStatus(endpoints, '1.32'), 'served');
    assert.equal(apiStatus(endpoints, '1.34'), 'deprecated');
    assert.equal(apiStatus(endpoints, '1.99'), 'deprecated');
    assert.equal(deprecationOf('v1', 'ComponentStatus')?.deprecatedIn, '1.19');
  });

  it('has consistent rows: unique, sourced, deprecated before removed', () => {
    const keys = new Set<string>();
    for (const d of API_DEPRECATIONS) {
      const key = `${d.apiVersion}:${d.kind}`;
      assert.ok(!keys.has(key), `duplicate row ${key}`);
      keys.add(key);
      assert.match(d.source, /^(k8s\.io\/[\w-]+@v0\.\d+\.\d+|openapi)$/);
      if (d.deprecatedIn && d.removedIn) assert.ok(compareVersions(d.deprecatedIn, d.removedIn) < 0, key);
      assert.ok(d.deprecatedIn || d.removedIn, key);
    }
  });

  it('computes the status in a target version', () => {
    const cronJob = deprecationOf('batch/v1beta1', 'CronJob')!;
    assert.equal(apiStatus(cronJob, '1.20'), 'served');
    assert.equal(apiStatus(cronJob, '1.21'), 'deprecated');
    assert.equal(apiStatus(cronJob, '1.24'), 'deprecated');
    assert.equal(apiStatus(cronJob, '1.25'), 'removed');
    assert.equal(apiStatus(cronJob, '1.37'), 'removed');
    assert.equal(compareVersions('v1.9.0', '1.10'), -1);
  });

  it('agrees with the bundled OpenAPI schemas on every removal they show', () => {
    const versions = bundledVersions();
    for (let i = 1; i < versions.length; i++) {
      const before = bundledSchemaSet(versions[i - 1]!).kinds;
      const after = bundledSchemaSet(versions[i]!).kinds;
      for (const key of before.keys()) {
        const [apiVersion = '', kind = ''] = key.split(':');
        if (after.has(key) || /List$/.test(kind) || NOT_OBJECTS.has(kind)) continue;
        assert.equal(
          deprecationOf(apiVersion, kind)?.removedIn,
          versions[i],
          `${key} left in ${versions[i]}`,
        );
      }
    }
    // And every row removed within the bundled range is listed up to the minor before, and never from removedIn.
    for (const d of API_DEPRECATIONS) {
      if (!d.removedIn || NOT_OBJECTS.has(d.kind)) continue;
      const key = `${d.apiVersion}:${d.kind}`;
      for (const version of versions)
        if (compareVersions(version, d.removedIn) >= 0)
          assert.ok(!bundledSchemaSet(version).kinds.has(key), `${key} still listed in ${version}`);
      const before = previousMinor(d.removedIn);
      // (types with a lifecycle that no release ever served, like batch/v1beta1 JobTemplate, are not listed)
      const everListed = versions.some((v) => bundledSchemaSet(v).kinds.has(key));
      if (everListed && versions.includes(before) && d.removedIn !== versions[0])
        assert.ok(bundledSchemaSet(before).kinds.has(key), `${key} not listed in ${before}`);
    }
  });

  const pluto = join(corpusDir(), 'deprecations', 'versions.yaml');
  it('is scored against Pluto for built-in kinds (disagreements listed)', {
    skip: !existsSync(pluto),
  }, (t) => {
    const data = parse(readFileSync(pluto, 'utf8')) as {
      'deprecated-versions': {
        version: string;
        kind: string;
        'deprecated-in'?: string;
        'removed-in'?: string;
        'replacement-api'?: string;
        component: string;
      }[];
    };
    const minor = (v: string | undefined) =>
      v ? v.replace(/^v/, '').split('.').slice(0, 2).join('.') : undefined;
    let agree = 0;
    const disagreements: string[] = [];
    for (const row of data['deprecated-versions']) {
      if (row.component !== 'k8s' || /alpha/.test(row.version) || row.kind.endsWith('List')) continue;
      const ours = deprecationOf(row.version, row.kind);
      const theirs = minor(row['removed-in']);
      if (!ours) {
        disagreements.push(`${row.version} ${row.kind}: Pluto removed-in ${theirs ?? '-'}, not in our table`);
        continue;
      }
      const diffs: string[] = [];
      if (ours.removedIn !== theirs) diffs.push(`removed ${ours.removedIn} vs Pluto ${theirs ?? '-'}`);
      const theirDeprecated = minor(row['deprecated-in']);
      if (ours.deprecatedIn && theirDeprecated && ours.deprecatedIn !== theirDeprecated)
        diffs.push(`deprecated ${ours.deprecatedIn} vs Pluto ${theirDeprecated}`);
      if (diffs.length === 0) agree++;
      else disagreements.push(`${row.version} ${row.kind}: ${diffs.join('; ')}`);
    }
    t.diagnostic(`pluto agreement: ${agree} agree, ${disagreements.length} differ`);
    for (const line of disagreements) t.diagnostic(line);
    assert.ok(agree > 0);
    assert.ok(agree >= disagreements.length, 'most rows must agree');
  });
});
