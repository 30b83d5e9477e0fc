import { certificateChecks } from '../../checks/certificates/index.ts';
import type { RunSettings } from '../../core/check.ts';
import { runChecks, selectChecks } from '../../core/engine.ts';
import { ObjectIndex } from '../../core/index.ts';
import { deepFreeze, refOf } from '../../core/object.ts';
import { buildReport, exitCodeFor } from '../../core/report.ts';
import { kubeconfigCertificates } from '../../sources/cluster/certificates.ts';
import { BUILTIN_RESOURCES, type ResourceType } from '../../sources/cluster/resources.ts';
import { VERSION } from '../../version.ts';
import type { ClusterFlags } from '../cluster-flags.ts';
import { loadClusterState } from '../cluster-options.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { render, useColor } from '../output.ts';
import { parseFailOn } from '../parse-flags.ts';

export interface CertsFlags extends ClusterFlags {
  output: string;
  failOn?: string;
  config?: string;
  criticalDays?: string;
  highDays?: string;
  color?: boolean;
}

export const CERT_KINDS = new Set([
  'Secret',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'CustomResourceDefinition',
]);
export const CERT_MANAGER: ResourceType = {
  kind: 'Certificate',
  group: 'cert-manager.io',
  version: 'v1',
  resource: 'certificates',
  namespaced: true,
};

export async function certs(flags: CertsFlags): Promise<number> {
  const config = loadConfig(flags.config);
  const failOn = parseFailOn(flags.failOn ?? config.failOn ?? 'high');
  const windows: Record<string, number> = {};
  for (const [flag, key] of [
    ['criticalDays', 'criticalDays'],
    ['highDays', 'highDays'],
  ] as const) {
    const value = flags[flag];
    if (value === undefined) continue;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0)
      throw new UsageError(
        `--${flag === 'criticalDays' ? 'critical' : 'high'}-days must be a number of days`,
      );
    windows[key] = n;
  }
  const types = [...BUILTIN_RESOURCES.filter((t) => CERT_KINDS.has(t.kind)), CERT_MANAGER];
  const state = await loadClusterState(flags, types);
  // cert-manager is optional: not having it is not a problem worth a warning.
  state.problems = state.problems.filter((p) => p.object !== 'Certificate');
  const objects = [...state.objects];
  if (state.source.kind === 'cluster') {
    const extra = await kubeconfigCertificates({
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      ...(flags.context ? { context: flags.context } : {}),
    });
    for (const object of extra.objects) objects.push({ object: deepFreeze(object), ref: refOf(object) });
    for (const warning of extra.warnings)
      state.problems.push({ kind: 'source', level: 'warning', message: warning });
  }
  const settings: RunSettings = { now: new Date(), kindsRead: state.kindsRead };
  const index = new ObjectIndex(objects, { partial: false });
  const selected = selectChecks(certificateChecks, config, settings).map((s) =>
    s.check.id === 'certificate-expiring' ? { ...s, params: { ...s.params, ...windows } } : s,
  );
  const result = runChecks(index, selected, settings);
  const report = buildReport({
    version: VERSION,
    command: 'certs',
    source: state.source,
    objects: objects.length,
    findings: result.findings,
    problems: [...state.problems, ...result.problems],
  });
  process.stdout.write(render(report, flags.output, { color: useColor(process.stdout, flags.color) }));
  return exitCodeFor(report, failOn);
}
