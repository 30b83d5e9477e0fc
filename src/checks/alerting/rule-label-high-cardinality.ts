// https://prometheus.io/docs/practices/naming/#labels ; https://prometheus.io/docs/practices/instrumentation/#do-not-overuse-labels

import { byLabels, tokenize } from '../../alerting/promql.ts';
import { ruleName, rulesOf } from '../../alerting/rules.ts';
import { defineCheck } from '../../core/check.ts';

export const ruleLabelHighCardinality = defineCheck({
  id: 'rule-label-high-cardinality',
  title: 'Rule keeps or makes a label with unbounded values',
  severity: 'low',
  category: 'alerting',
  description:
    'A label whose values are per request or per user (request ids, trace ids, user ids, URLs with parameters, ' +
    'client addresses) makes a new series or a new alert for every value: a recording rule aggregated `by` ' +
    'such a label grows without bound and slows every query on it, and an alert aggregated by one pages once ' +
    'per value.',
  remediation:
    'Aggregate the unbounded label away (`sum without (request_id)`, or `by` the bounded labels only) and keep ' +
    'per-request detail in logs or traces. The list of labels treated as unbounded is the `labels` parameter.',
  docs: ['https://prometheus.io/docs/practices/instrumentation/#do-not-overuse-labels'],
  appliesTo: ['PrometheusRule'],
  params: {
    labels: [
      'id',
      'uid',
      'uuid',
      'request_id',
      'trace_id',
      'span_id',
      'session_id',
      'user_id',
      'email',
      'url',
      'client_ip',
      'remote_addr',
    ],
  },
  *check({ object }, { params }) {
    const unbounded = new Set(params.labels);
    for (const at of rulesOf(object)) {
      if (at.expr === undefined) continue;
      const tokens = tokenize(at.expr);
      const kept = tokens ? [...new Set(byLabels(tokens))].filter((l) => unbounded.has(l)) : [];
      for (const label of kept)
        yield {
          message: `${ruleName(at)} aggregates by "${label}", a label with a value per request or user`,
          path: [...at.path, 'expr'],
        };
    }
  },
});
