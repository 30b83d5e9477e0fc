import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { corpusDir } from '../../test/corpus/types.ts';
import { bundledSchemaSet, bundledVersions } from '../schema/bundled.ts';
import { API_DEPRECATIONS, apiStatus, compareVersions, deprecationOf } from './deprecations.ts';

/** Kinds that are request bodies or subresources, not objects a manifest applies; their removal is not listed. */
const NOT_OBJECTS = new Set(['DeleteOptions', 'WatchEvent', 'Status', 'EphemeralContainers', 'Eviction']);

describe('deprecation table', () => {
  it('looks up rows by apiVersion and kind', () => {
    const ingress = deprecationOf('extensions/v1beta1', 'Ingress');
    assert.equal(ingress?.removedIn, '1.22');
    assert.equal(ingress?.replacement, 'networking.k8s.io/v1');
    assert.equal(deprecationOf('apps/v1', 'Deployment'), undefined);
    assert.equal(deprecationOf('policy/v1beta1', 'PodSecurityPolicy')?.replacement, undefined);
  });

  it('covers every guide release from 1.16 to 1.32', () => {
    const releases = new Set(API_DEPRECATIONS.map((d) => d.removedIn));
    for (const minor of ['1.16', '1.22', '1.25', '1.26', '1.27', '1.29', '1.32'])
      assert.ok(releases.has(minor), minor);
  });

  it('has consistent rows: unique, sourced, deprecated before removed, replacement served before removal', () => {
    const keys = new Set<string>();
    for (const d of API_DEPRECATIONS) {
      const key = `${d.apiVersion}:${d.kind}`;
      assert.ok(!keys.has(key), `duplicate row ${key}`);
      keys.add(key);
      assert.match(d.source, /^https:\/\//);
      if (d.deprecatedIn) assert.ok(compareVersions(d.deprecatedIn, d.removedIn) < 0, key);
      if (d.replacementAvailableIn)
        assert.ok(compareVersions(d.replacementAvailableIn, d.removedIn) <= 0, key);
      assert.doesNotMatch(d.apiVersion, /alpha/, 'alpha versions are out of scope');
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

  it('agrees with the bundled OpenAPI schemas on every beta removal they show', () => {
    const versions = bundledVersions();
    for (let i = 1; i < versions.length; i++) {
      const before = bundledSchemaSet(versions[i - 1]!).kinds;
      const after = bundledSchemaSet(versions[i]!).kinds;
      for (const key of before.keys()) {
        const [apiVersion = '', kind = ''] = key.split(':');
        if (after.has(key) || /alpha/.test(apiVersion) || /List$/.test(kind) || NOT_OBJECTS.has(kind))
          continue;
        assert.equal(
          deprecationOf(apiVersion, kind)?.removedIn,
          versions[i],
          `${key} left in ${versions[i]}`,
        );
      }
    }
    // And every row in the bundled range is served up to the minor before removedIn, and gone in removedIn.
    for (const d of API_DEPRECATIONS) {
      const key = `${d.apiVersion}:${d.kind}`;
      if (versions.includes(d.removedIn))
        assert.ok(!bundledSchemaSet(d.removedIn).kinds.has(key), `${key} still served`);
      const before = `1.${Number(d.removedIn.split('.')[1]) - 1}`;
      if (versions.includes(before))
        assert.ok(bundledSchemaSet(before).kinds.has(key), `${key} not served in ${before}`);
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
