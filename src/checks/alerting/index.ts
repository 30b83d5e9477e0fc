import type { AnyCheck } from '../../core/check.ts';
import { alertAbsentLabelLost } from './alert-absent-label-lost.ts';
import { alertForMissing } from './alert-for-missing.ts';
import { alertLabelValueTemplated } from './alert-label-value-templated.ts';
import { alertRunbookMissing } from './alert-runbook-missing.ts';
import { alertSummaryMissing } from './alert-summary-missing.ts';
import { alertTemplateInvalid } from './alert-template-invalid.ts';
import { ruleInvalid } from './rule-invalid.ts';
import { ruleLabelHighCardinality } from './rule-label-high-cardinality.ts';
import { ruleRateRangeTooShort } from './rule-rate-range-too-short.ts';

/** Checks of `shipshape alerts lint` (Prometheus rule files and PrometheusRule objects). */
export const alertingChecks: AnyCheck[] = [
  ruleInvalid,
  alertTemplateInvalid,
  alertForMissing,
  alertSummaryMissing,
  alertRunbookMissing,
  alertAbsentLabelLost,
  ruleRateRangeTooShort,
  alertLabelValueTemplated,
  ruleLabelHighCardinality,
];
