// Which planted mistakes each tool found, object by object: the generator records every mistake it plants with
// its object (bench/generate.ts `sites`); each tool's report is reduced to the objects it flagged per mistake
// category, through a fixed map from the tool's own check ids to the categories it can see. A category a tool
// cannot see is left out of its column, never counted as a miss.
import type { Planted, PlantSite } from './generate.ts';

export type Mistake = keyof Planted;
/** Objects (`Kind/name`, unique in a generated corpus) a tool flagged, per mistake category it can see. */
export type Flagged = Partial<Record<Mistake, Set<string>>>;

export const MISTAKES: { mistake: Mistake; label: string }[] = [
  { mistake: 'unknownField', label: 'unknown field (bad indentation)' },
  { mistake: 'latestTag', label: 'image tag `latest`' },
  { mistake: 'noResources', label: 'no resource requests/limits' },
  { mistake: 'privileged', label: 'privileged container' },
  { mistake: 'plaintextSecretEnv', label: 'secret literal in env' },
  { mistake: 'serviceSelectorNoMatch', label: 'Service selects no pod' },
  { mistake: 'ingressMissingService', label: 'Ingress backend Service missing' },
];

const key = (kind: string, name: string) => `${kind}/${name}`;

/** Check ids per category, per tool. Only ids whose meaning is exactly the planted mistake. */
export const CHECK_MAP: Record<'shipshape' | 'checkov' | 'trivy', Partial<Record<Mistake, string[]>>> = {
  shipshape: {
    unknownField: ['schema-unknown-field'],
    latestTag: ['image-tag-mutable'],
    noResources: [
      'container-cpu-request-missing',
      'container-memory-request-missing',
      'container-memory-limit-missing',
    ],
    privileged: ['container-privileged'],
    plaintextSecretEnv: ['env-secret-literal'],
    serviceSelectorNoMatch: ['service-selector-no-match'],
    ingressMissingService: ['ingress-backend-service-missing'],
  },
  // checkov 3 Kubernetes framework (checkov/kubernetes/checks/resource/k8s).
  checkov: {
    latestTag: ['CKV_K8S_14'],
    noResources: ['CKV_K8S_10', 'CKV_K8S_11', 'CKV_K8S_12', 'CKV_K8S_13'],
    privileged: ['CKV_K8S_16'],
  },
  // trivy's Kubernetes misconfiguration checks (ids as `trivy config` prints them).
  trivy: {
    latestTag: ['KSV-0013'],
    noResources: ['KSV-0011', 'KSV-0015', 'KSV-0016', 'KSV-0018'],
    privileged: ['KSV-0017'],
  },
};

/** The objects that carry each planted mistake. */
export function plantedObjects(sites: PlantSite[]): Record<Mistake, Set<string>> {
  const out = Object.fromEntries(MISTAKES.map(({ mistake }) => [mistake, new Set<string>()])) as Record<
    Mistake,
    Set<string>
  >;
  for (const site of sites) out[site.mistake].add(key(site.kind, site.name));
  return out;
}

function flagger(map: Partial<Record<Mistake, string[]>>) {
  const byId = new Map<string, Mistake>();
  for (const [mistake, ids] of Object.entries(map)) for (const id of ids!) byId.set(id, mistake as Mistake);
  const flagged: Flagged = Object.fromEntries(Object.keys(map).map((m) => [m, new Set<string>()]));
  return {
    flagged,
    add(id: string, kind: string | undefined, name: string | undefined) {
      const mistake = byId.get(id);
      if (mistake && kind && name) flagged[mistake]!.add(key(kind, name));
    },
  };
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const field = (value: unknown, name: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** shipshape `review -o json`. */
export function shipshapeFlagged(report: unknown): Flagged {
  const f = flagger(CHECK_MAP.shipshape);
  for (const finding of asArray(field(report, 'findings'))) {
    const object = field(finding, 'object');
    f.add(str(field(finding, 'check')) ?? '', str(field(object, 'kind')), str(field(object, 'name')));
  }
  return f.flagged;
}

/**
 * kubeconform `-output json`: every invalid resource whose error is an additional (unknown) property. kubeconform
 * reports one message per resource, so an object is counted once however many unknown fields it has.
 */
export function kubeconformFlagged(stdout: string): {
  flagged: Flagged;
  summary?: Record<string, number>;
} {
  const report = parse(stdout);
  const flagged: Flagged = { unknownField: new Set() };
  for (const resource of asArray(field(report, 'resources'))) {
    if (field(resource, 'status') !== 'statusInvalid') continue;
    const messages = [
      str(field(resource, 'msg')) ?? '',
      ...asArray(field(resource, 'validationErrors')).map((e) => str(field(e, 'msg')) ?? ''),
    ];
    const kind = str(field(resource, 'kind'));
    const name = str(field(resource, 'name'));
    if (kind && name && messages.some((m) => /additional propert/i.test(m))) {
      flagged.unknownField!.add(key(kind, name));
    }
  }
  const summary = field(report, 'summary');
  return summary && typeof summary === 'object'
    ? { flagged, summary: summary as Record<string, number> }
    : { flagged };
}

/** checkov `-o json` (one report object, or a list of them with several frameworks): failed checks. */
export function checkovFlagged(stdout: string): Flagged {
  const f = flagger(CHECK_MAP.checkov);
  const report = parse(stdout);
  for (const part of Array.isArray(report) ? report : [report]) {
    for (const failed of asArray(field(field(part, 'results'), 'failed_checks'))) {
      // resource: "Kind.namespace.name" (or "Kind.name" without a namespace); names here have no dots.
      const parts = (str(field(failed, 'resource')) ?? '').split('.');
      f.add(str(field(failed, 'check_id')) ?? '', parts[0], parts.length > 1 ? parts.at(-1) : undefined);
    }
  }
  return f.flagged;
}

/**
 * trivy `config -f json`: failed misconfigurations. trivy names the object in its message ("… of Deployment
 * 'x' …"), and in newer releases also in CauseMetadata.Resource ("Deployment/x"); either is accepted.
 */
export function trivyFlagged(stdout: string): Flagged {
  const f = flagger(CHECK_MAP.trivy);
  for (const result of asArray(field(parse(stdout), 'Results'))) {
    for (const m of asArray(field(result, 'Misconfigurations'))) {
      if (field(m, 'Status') !== 'FAIL') continue;
      const id = normaliseTrivyId(str(field(m, 'ID')) ?? str(field(m, 'AVDID')) ?? '');
      const resource = str(field(field(m, 'CauseMetadata'), 'Resource')) ?? '';
      const fromResource = /^([A-Za-z]+)\/([\w.-]+)$/.exec(resource);
      const fromMessage = /\bof (\w+) '([^']+)'/.exec(str(field(m, 'Message')) ?? '');
      const match = fromResource ?? fromMessage;
      f.add(id, match?.[1], match?.[2]);
    }
  }
  return f.flagged;
}

/** KSV013, AVD-KSV-0013 and KSV-0013 all name one check. */
export function normaliseTrivyId(id: string): string {
  const m = /KSV-?0*(\d+)$/i.exec(id);
  return m ? `KSV-${m[1]!.padStart(4, '0')}` : id;
}

export interface Score {
  caught: number;
  planted: number;
  /** Objects flagged for the category that carry no planted mistake of it. */
  elsewhere: number;
}

export function score(planted: Set<string>, flagged: Set<string> | undefined): Score | undefined {
  if (!flagged) return undefined;
  let caught = 0;
  for (const object of planted) if (flagged.has(object)) caught++;
  return { caught, planted: planted.size, elsewhere: flagged.size - caught };
}
