import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsUrl, PAGE_SIZE, parseFindingsView, storeQuery } from './query.ts';

describe('findings view in the URL', () => {
  it('round-trips filters, sort and page', () => {
    const url =
      '/findings?cluster=prod&state=open&state=resolved&severity=critical&namespace=shop&namespace=pay&check=pod-crash-looping&kind=Pod&team=payments&name=web&sort=opened&order=desc&page=3';
    const view = parseFindingsView(new URL(url, 'http://x').searchParams);
    assert.equal(findingsUrl(view, { page: 3 }), url);
    assert.deepEqual(storeQuery(view), {
      cluster: 'prod',
      states: ['open', 'resolved'],
      severities: ['critical'],
      namespaces: ['shop', 'pay'],
      checks: ['pod-crash-looping'],
      kinds: ['Pod'],
      teams: ['payments'],
      name: 'web',
      sort: 'opened',
      order: 'desc',
      limit: PAGE_SIZE,
      offset: 2 * PAGE_SIZE,
    });
  });

  it('reads comma lists from the form and drops empty fields', () => {
    const view = parseFindingsView(
      new URLSearchParams('cluster=&namespace=shop,%20pay&check=&name=&sort=severity'),
    );
    assert.equal(findingsUrl(view), '/findings?namespace=shop&namespace=pay');
  });

  it('drops what the store does not know and bounds the rest', () => {
    const view = parseFindingsView(
      new URLSearchParams(
        `state=deleted&severity=urgent&sort=drop%20table&order=sideways&page=-4&namespace=${'n'.repeat(300)}&${Array.from({ length: 80 }, (_, i) => `kind=K${i}`).join('&')}`,
      ),
    );
    assert.deepEqual(view.states, ['open']);
    assert.deepEqual(view.severities, []);
    assert.equal(view.sort, 'severity');
    assert.equal(view.order, undefined);
    assert.equal(view.page, 1);
    assert.deepEqual(view.namespaces, []);
    assert.equal(view.kinds.length, 50);
  });
});
