// `shipshape alerts lint FILE…`: Prometheus rule files (and PrometheusRule objects) checked like manifests are
// reviewed: findings with file:line, check ids and runbooks, the usual output formats and exit codes.

import { parseDuration } from '../../alerting/duration.ts';
import { ALERTS_CHECKS } from '../../checks/registry.ts';
import type { RunSettings } from '../../core/check.ts';
import { runChecks, selectChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import { buildReport, exitCodeFor } from '../../core/report.ts';
import { InputBudget } from '../../sources/read-input.ts';
import { loadRuleFiles } from '../../sources/rules/load-rule-files.ts';
import { VERSION } from '../../version.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { render, useColor } from '../output.ts';
import { parseFailOn, parseMiB } from '../parse-flags.ts';

export interface AlertsLintOptions {
  output: string;
  failOn?: string;
  config?: string;
  include?: string[];
  exclude?: string[];
  scrapeInterval?: string;
  maxFileSize?: string;
  maxInputSize?: string;
  color?: boolean;
}

export function alertsLint(paths: string[], options: AlertsLintOptions): number {
  const config = loadConfig(options.config);
  const failOn = parseFailOn(options.failOn ?? config.failOn ?? 'high');
  if (options.scrapeInterval !== undefined && !parseDuration(options.scrapeInterval))
    throw new UsageError(`--scrape-interval "${options.scrapeInterval}" is not a duration such as 30s or 1m`);
  const loaded = loadRuleFiles(paths, {
    maxFileBytes: parseMiB(options.maxFileSize ?? '32', '--max-file-size'),
    budget: new InputBudget(parseMiB(options.maxInputSize ?? '512', '--max-input-size')),
  });
  const settings: RunSettings = { now: new Date() };
  const selected = selectChecks(ALERTS_CHECKS, config, settings, {
    include: options.include ?? [],
    exclude: options.exclude ?? [],
  });
  if (options.scrapeInterval !== undefined)
    for (const s of selected)
      if (s.check.id === 'rule-rate-range-too-short')
        s.params = { ...s.params, scrapeInterval: options.scrapeInterval };
  const result = runChecks(new ObjectIndex(loaded.objects, { partial: true }), selected, settings);
  const report = buildReport({
    version: VERSION,
    command: 'alerts lint',
    source: { kind: 'files', paths },
    objects: loaded.objects.length,
    findings: result.findings,
    problems: [...loaded.problems, ...result.problems],
  });
  process.stdout.write(render(report, options.output, { color: useColor(process.stdout, options.color) }));
  return exitCodeFor(report, failOn);
}
