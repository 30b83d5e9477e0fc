import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../core/object.ts';
import { helmReleaseSecret } from '../testing/cluster-builders.ts';
import { decodeHelmRelease } from './helm-release.ts';

const withRelease = (payload: Buffer): KubeObject => ({
  ...helmReleaseSecret('web', 'shop', ''),
  data: { release: Buffer.from(payload.toString('base64')).toString('base64') },
});

describe('decodeHelmRelease', () => {
  it('reads the gzip payload Helm 3 writes, and an uncompressed JSON payload too', () => {
    const manifest =
      'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\n---\nnot: [valid\n';
    const gz = decodeHelmRelease(helmReleaseSecret('web', 'shop', manifest, { version: 2 }));
    assert.deepEqual(gz.resources, [{ apiVersion: 'batch/v1beta1', kind: 'CronJob', name: 'nightly' }]);
    assert.equal(gz.version, 2);
    const plain = decodeHelmRelease(withRelease(Buffer.from(JSON.stringify({ name: 'web', manifest }))));
    assert.equal(plain.resources.length, 1);
  });
  it('throws a clear reason for truncated gzip, non-JSON and missing payloads', () => {
    const good = helmReleaseSecret('web', 'shop', 'apiVersion: v1\nkind: ConfigMap\n');
    const raw = Buffer.from(
      Buffer.from((good.data as { release: string }).release, 'base64').toString(),
      'base64',
    );
    assert.throws(
      () => decodeHelmRelease(withRelease(raw.subarray(0, raw.length - 10))),
      /not valid gzip|not JSON/,
    );
    assert.throws(() => decodeHelmRelease(withRelease(Buffer.from('garbage that is not json'))), /not JSON/);
    assert.throws(() => decodeHelmRelease({ ...good, data: {} }), /no data.release/);
    assert.throws(
      () => decodeHelmRelease({ ...good, data: { release: 42 } } as unknown as KubeObject),
      /no data.release/,
    );
  });
});
