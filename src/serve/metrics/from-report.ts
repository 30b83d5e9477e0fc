// A cluster's metrics from one scan report and the objects it read (for `report`-style use and for tests; serve
// builds the same from its history store).
import { certificateSources } from '../../checks/certificates/certificate-expiring.ts';
import type { LoadedObject } from '../../core/object.ts';
import { formatPath } from '../../core/path.ts';
import type { Report } from '../../core/report.ts';
import { parseCertificates } from '../../k8s/certificates.ts';
import type { CertificateExpiry, ClusterMetrics, FindingCount } from './snapshot.ts';

export function clusterMetricsFromReport(
  cluster: string,
  report: Report,
  scan: {
    finishedAt: number;
    durationSeconds: number;
    coverageRatio?: number;
    certificates?: CertificateExpiry[];
  },
): ClusterMetrics {
  const counts = new Map<string, FindingCount>();
  let suppressed = 0;
  for (const f of report.findings) {
    if (f.suppressed) {
      suppressed++;
      continue;
    }
    const namespace = f.object.namespace ?? '';
    const key = [f.check, f.severity, f.category, namespace].join('\u0000');
    const known = counts.get(key);
    if (known) known.count++;
    else counts.set(key, { check: f.check, severity: f.severity, category: f.category, namespace, count: 1 });
  }
  return {
    cluster,
    lastAttempt: { finishedAt: scan.finishedAt, success: true },
    lastCompleted: {
      finishedAt: scan.finishedAt,
      durationSeconds: scan.durationSeconds,
      ...(scan.coverageRatio !== undefined ? { coverageRatio: scan.coverageRatio } : {}),
      findings: [...counts.values()],
      suppressed,
      problems: report.errors.length,
      certificates: scan.certificates ?? [],
    },
  };
}

/** The earliest notAfter of every certificate field of the objects a scan read (values are never kept). */
export function certificateExpiries(objects: readonly LoadedObject[]): CertificateExpiry[] {
  const out: CertificateExpiry[] = [];
  for (const { object, ref } of objects) {
    for (const source of certificateSources(object, object.kind)) {
      const { certificates } = parseCertificates(source.value);
      if (certificates.length === 0) continue;
      let notAfter = Number.POSITIVE_INFINITY;
      for (const c of certificates) notAfter = Math.min(notAfter, c.notAfter.getTime());
      out.push({
        namespace: ref.namespace ?? '',
        kind: ref.kind,
        name: ref.name,
        field: formatPath(source.path),
        notAfter: Math.floor(notAfter / 1000),
      });
    }
  }
  return out;
}
