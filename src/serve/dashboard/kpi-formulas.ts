// The formula of every KPI the dashboard shows, word for word as docs/kpis.md states it (a test keeps the two
// the same: docs/kpis.md is the reference, this is what the KPI page links each number to).

export interface KpiFormula {
  /** The anchor on the KPI page. */
  id: string;
  name: string;
  /** The JSON field(s) of `shipshape kpi -o json`, as the docs write them. */
  field: string;
  /** Markdown as in the docs: `code` and **bold** only. */
  formula: string;
}

export const KPI_FORMULAS: readonly KpiFormula[] = [
  {
    id: 'mttr',
    name: 'MTTR',
    field: '`mttr.all`, `mttr.bySeverity`, `mttr.byCategory`',
    formula:
      "over the `resolved` events with time in the window: `resolved.at − episode start`, in hours; `count`, `medianHours`, `p90Hours` (nearest rank), `meanHours`. Grouped by the finding's severity at the resolution and by its category. `gone` and suppressed findings are not in it.",
  },
  {
    id: 'sla-compliance',
    name: 'SLA compliance (headline)',
    field: '`slaCompliance`',
    formula:
      'episodes whose due time falls in the window, judged by their state at the due time: **met** = resolved by then, **missed** = still open (or reopened) then, **excluded** = gone or suppressed then. `rate = met / (met + missed)`; also per opening severity. An open finding past its due time counts against the rate: the backlog is not hidden.',
  },
  {
    id: 'sla-closure',
    name: 'SLA closure',
    field: '`slaClosure`',
    formula:
      'of the `resolved` events in the window, the share whose time is ≤ episode start + the SLA of the severity at resolution: `onTime / resolved`.',
  },
  {
    id: 'backlog',
    name: 'Backlog',
    field: '`backlog`',
    formula:
      'findings **open now** (not suppressed): count, count per severity, age = `window end − episode start` in days; median (nearest rank) and oldest; buckets 0–7, 8–30, 31–90, > 90 days (a 7.0-day-old finding is in 0–7).',
  },
  {
    id: 'reopen',
    name: 'Reopen rate',
    field: '`reopen`',
    formula:
      '`reopened` events in the window whose previous state was `resolved` ÷ `resolved` events in the window. A finding that was gone and comes back is not a reopen of a fix.',
  },
  {
    id: 'noise',
    name: 'Noise rate',
    field: '`noise`',
    formula:
      'of the episodes **opened** in the window, the share that within **24 h** of opening were either suppressed (by annotation, config or a user) or resolved with their object **unchanged** (same generation; resourceVersion for kinds without one: the problem went away by itself, e.g. a transient restart). `byCheck`: the same per check, the 20 noisiest, noisiest first. A check with a high noise rate needs tuning.',
  },
  {
    id: 'gone',
    name: 'Gone',
    field: '`gone`',
    formula: '`gone` events in the window.',
  },
  {
    id: 'suppressed',
    name: 'Suppressed',
    field: '`suppressed`',
    formula: '`suppressed` events in the window, plus findings that opened already suppressed.',
  },
  {
    id: 'coverage',
    name: 'Coverage',
    field: '`coverage`',
    formula:
      'scans that **started** in the window: `scans`, `completed`, `failed`; **full** = completed scans that read every kind, were refused no namespace, and covered all namespaces; `rate = full / scans` (a failed scan is not full). `kindsMissing` and `namespacesForbidden`: what some scan could not read. A kind the cluster does not serve (an add-on not installed: HTTP 404) is not a gap.',
  },
];

/** The delivery KPIs' formulas, as the "Delivery KPIs" table of docs/kpis.md states them. */
export const DELIVERY_FORMULAS: readonly KpiFormula[] = [
  {
    id: 'deployment-frequency',
    name: 'Deployment frequency',
    field: '`delivery.rollouts`',
    formula:
      'workload revisions (Deployment, StatefulSet, DaemonSet) whose time is in the window: `count`, `perDay = count / window days`, `byKind`. The first revision of a new workload counts (it is a deployment).',
  },
  {
    id: 'rollback-rate',
    name: 'Rollback rate',
    field: '`delivery.rollbacks`',
    formula: 'rollbacks in the window ÷ workload revisions in the window (`null` when there were none).',
  },
  {
    id: 'recovery-time',
    name: 'Recovery time',
    field: '`delivery.recovery`',
    formula:
      'per rollback in the window: its time − the time of the revision it replaced (the highest recorded revision below it, also before the window); `count`, `medianMinutes`, `p90Minutes` (nearest rank), `meanMinutes`.',
  },
  {
    id: 'helm-releases',
    name: 'Helm releases',
    field: '`delivery.helm`',
    formula:
      "release revisions in the window: `revisions`, `perDay`, `failed` (status `failed` as last seen); `recovery`: per failed revision in the window, the time of the next revision of that release whose status is `deployed` or `superseded` − the failed revision's time. Helm revisions are reported apart: an upgrade that changes a Deployment is also that Deployment's revision, and would count twice. A Helm rollback is a new revision like any other: without decoding the payload, nothing says which earlier revision it repeats, so Helm rollbacks are not in the rollback rate.",
  },
  {
    id: 'lead-time',
    name: 'Lead time for changes',
    field: '`delivery.leadTime`',
    formula:
      '`{derivable: false, reason}`: not derivable from a cluster — it needs the commit time of each change, which only the source repository and the delivery pipeline know.',
  },
];

/** The formula of one KPI by its anchor (the page links each number to it). */
export function formulaOf(id: string): KpiFormula {
  const formula = [...KPI_FORMULAS, ...DELIVERY_FORMULAS].find((f) => f.id === id);
  if (!formula) throw new Error(`no KPI formula ${id}`);
  return formula;
}
