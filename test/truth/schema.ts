// Schema truth: every object of the review corpora (kubeconform/ files named by its cases, real-world/) is created
// with server-side dry-run and strict field validation (`?dryRun=All&fieldValidation=Strict`) and the server's
// accept/reject is compared with shipshape's schema verdict for that object at Kubernetes 1.34 (reject = any
// schema-* finding above info). The CRDs of real-world/ are really created first (and deleted afterwards) so
// their custom resources validate, and shipshape gets the same CRDs as --crds would give them. Not applicable:
// kinds the server does not serve (removed APIs, custom resources without a CRD) and documents shipshape cannot
// read as objects. Namespaced objects are sent to `truth-schema-<run>-<their namespace>` (created for real), with
// metadata.namespace rewritten to match the URL (the name of a namespace plays no part in an object's schema).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { schemaChecks } from '../../src/checks/schema/index.ts';
import type { RunSettings } from '../../src/core/check.ts';
import { emptyConfig } from '../../src/core/config.ts';
import { runChecks, selectChecks } from '../../src/core/engine.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import type { KubeObject, LoadedObject } from '../../src/core/object.ts';
import { loadFiles } from '../../src/sources/files/load-files.ts';
import {
  type AdminApi,
  type ApiResponse,
  ensureNamespace,
  mapLimit,
  RawBody,
  RUN_ID,
  sleep,
  statusMessage,
} from './api.ts';
import { emptyResult, type TruthResult } from './types.ts';

export const SCHEMA_KUBE_VERSION = '1.34';
/** Our own edge cases (not a peer corpus): judged and listed, tallied apart from the rate. */
export const EDGE_FIXTURES = join(import.meta.dirname, 'fixtures', 'schema-edges.yaml');

interface Served {
  resource: string;
  namespaced: boolean;
  verbs: string[];
}

/** apiVersion + kind -> the resource that serves it, from the server's discovery documents. */
export async function discover(api: AdminApi): Promise<Map<string, Served>> {
  const served = new Map<string, Served>();
  const groupVersions: string[] = ['v1'];
  const groups = (await api.getJson('/apis')) as { groups?: { versions?: { groupVersion: string }[] }[] };
  for (const group of groups.groups ?? [])
    for (const v of group.versions ?? []) groupVersions.push(v.groupVersion);
  await mapLimit(groupVersions, 8, async (gv) => {
    const list = (await api.getJson(gv === 'v1' ? '/api/v1' : `/apis/${gv}`)) as {
      resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
    };
    for (const r of list.resources ?? []) {
      if (r.name.includes('/')) continue; // subresources
      served.set(`${gv}:${r.kind}`, { resource: r.name, namespaced: r.namespaced, verbs: r.verbs ?? [] });
    }
  });
  return served;
}

interface CorpusObject {
  /** corpus-relative file */
  file: string;
  loaded: LoadedObject;
}

function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => listFiles(join(path, name)));
}

/** The files of the review corpora: those kubeconform's cases name, and real-world's. */
export function corpusFiles(corpusDir: string): string[] {
  const files = new Set<string>();
  const kubeconform = join(corpusDir, 'kubeconform');
  const cases = JSON.parse(readFileSync(join(kubeconform, 'cases.json'), 'utf8')) as {
    file: string;
    moreFiles?: string[];
  }[];
  for (const c of cases)
    for (const f of [c.file, ...(c.moreFiles ?? [])])
      for (const p of listFiles(join(kubeconform, f))) files.add(p);
  const realWorld = join(corpusDir, 'real-world');
  const rw = JSON.parse(readFileSync(join(realWorld, 'cases.json'), 'utf8')) as { file: string }[];
  for (const c of rw) files.add(join(realWorld, c.file));
  return [...files].filter((f) => /\.(ya?ml|json)$/.test(f));
}

function isCrd(object: KubeObject): boolean {
  return object.kind === 'CustomResourceDefinition' && object.apiVersion === 'apiextensions.k8s.io/v1';
}

/** shipshape's schema verdict for one object at 1.34, with the given CRDs as --crds. */
export function shipshapeSchemaVerdict(
  loaded: LoadedObject,
  crds: readonly LoadedObject[],
): { rejected: boolean; findings: string[] } {
  const settings: RunSettings = { now: new Date(), kubeVersion: SCHEMA_KUBE_VERSION };
  const index = new ObjectIndex([loaded], { partial: true, supporting: crds.filter((c) => c !== loaded) });
  const result = runChecks(index, selectChecks(schemaChecks, emptyConfig(), settings), settings);
  const errors = result.findings.filter(
    (f) => f.check.startsWith('schema-') && f.severity !== 'info' && !f.suppressed,
  );
  return {
    rejected: errors.length > 0,
    findings: errors.map((f) => `${f.check}${f.path ? ` ${f.path}` : ''}: ${f.message}`),
  };
}

export function schemaNamespace(original: string | undefined): string {
  const base = (original ?? 'default').toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return `truth-schema-${RUN_ID}-${base}`.slice(0, 63).replace(/-+$/, '');
}

function collection(gv: string, served: Served, namespace?: string): string {
  const base = gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`;
  return served.namespaced
    ? `${base}/namespaces/${namespace}/${served.resource}`
    : `${base}/${served.resource}`;
}

type ServerVerdict =
  | { kind: 'accept' | 'reject'; status: number; message: string; causes: string[] }
  | { kind: 'none'; reason: string };

function serverVerdict(response: ApiResponse): ServerVerdict {
  const message = statusMessage(response);
  const details = (response.body as { details?: { causes?: { reason?: unknown }[] } } | undefined)?.details;
  const causes = (Array.isArray(details?.causes) ? details.causes : [])
    .map((c) => c?.reason)
    .filter((r): r is string => typeof r === 'string');
  // 409 AlreadyExists comes from storage, after decoding and validation passed (e.g. Namespace "default").
  if (
    response.status === 200 ||
    response.status === 201 ||
    response.status === 202 ||
    response.status === 409
  )
    return { kind: 'accept', status: response.status, message, causes };
  if (response.status === 400 || response.status === 422)
    return { kind: 'reject', status: response.status, message, causes };
  return { kind: 'none', reason: `${response.status}: ${message}` };
}

/**
 * A rejection that an OpenAPI schema cannot express: 422 Invalid from the type's validation code (name formats,
 * label syntax, ranges, cross-field rules, immutable fields), as opposed to 400 BadRequest from decoding
 * (unknown or duplicate fields, wrong types, unparsable quantities), which the schema does express. A 422 with
 * a `FieldValueNotSupported` cause ("Unsupported value") is an enum, which the OpenAPI v3 schema the server
 * publishes does carry: that one is a schema gap on our side, not server-only.
 */
export function isServerOnlySemantic(verdict: ServerVerdict): boolean {
  return (
    verdict.kind === 'reject' && verdict.status === 422 && !verdict.causes.includes('FieldValueNotSupported')
  );
}

export async function schemaTruth(
  api: AdminApi,
  corpusDir: string,
  createdNamespaces: Set<string>,
  createdCrds: Set<string>,
  concurrency = 8,
): Promise<TruthResult> {
  const started = performance.now();
  const out: TruthResult & { edgeDisagreements: string[] } = {
    ...emptyResult('schema'),
    edgeDisagreements: [],
  };
  out.breakdown = { serverOnlySemantic: 0, schemaBugs: 0 };
  const objects: CorpusObject[] = [];
  const rawDocuments: (NonNullable<ReturnType<typeof rawDocument>> & { file: string; problem: string })[] =
    [];
  for (const file of corpusFiles(corpusDir)) {
    const rel = relative(corpusDir, file);
    const loaded = loadFiles([file]);
    for (const problem of loaded.problems) {
      const raw = rawDocument(file, problem.message);
      if (raw) {
        rawDocuments.push({ file: rel, ...raw, problem: problem.message });
        continue;
      }
      out.notApplicable++;
      out.notes.push(
        `schema ${rel}${problem.line ? `:${problem.line}` : ''}: not an object shipshape can read (${problem.message})`,
      );
    }
    for (const o of loaded.objects) objects.push({ file: rel, loaded: o });
  }
  const realWorldCrds = objects.filter((o) => o.file.startsWith('real-world/') && isCrd(o.loaded.object));
  const crdObjects = realWorldCrds.map((o) => o.loaded);

  let served = await discover(api);
  const judge = async (o: CorpusObject, phase: 'crd' | 'other' | 'edge') => {
    const { object } = o.loaded;
    const line = o.loaded.origin ? `:${o.loaded.origin.locate([]).line}` : '';
    const label = `${o.file}${line} ${object.kind} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name ?? object.metadata?.generateName ?? ''}`;
    const gv = typeof object.apiVersion === 'string' ? object.apiVersion : '';
    const target = served.get(`${gv}:${object.kind}`);
    if (!target) {
      out.notApplicable++;
      const group = gv.includes('/') ? gv.split('/')[0]! : '';
      const custom = group.includes('.') && !group.endsWith('.k8s.io');
      out.notes.push(
        `schema ${label}: not applicable (${custom ? 'custom resource without a CRD on the server' : `${gv} ${object.kind} not served by v1.34`})`,
      );
      return;
    }
    const body = structuredClone(object) as KubeObject;
    let namespace: string | undefined;
    if (target.namespaced) {
      namespace = schemaNamespace(object.metadata?.namespace);
      if (!createdNamespaces.has(namespace)) {
        createdNamespaces.add(namespace);
        await ensureNamespace(api, namespace);
      }
      body.metadata = { ...(body.metadata ?? {}), namespace };
    }
    const response = await api.request(
      'POST',
      `${collection(gv, target, namespace)}?dryRun=All&fieldValidation=Strict`,
      body,
    );
    const server = serverVerdict(response);
    if (server.kind === 'none') {
      out.notApplicable++;
      out.notes.push(`schema ${label}: no verdict from the server (${server.reason})`);
      return;
    }
    const ours = shipshapeSchemaVerdict(o.loaded, crdObjects);
    const serverRejects = server.kind === 'reject';
    if (phase === 'edge') {
      // Our own edge cases: tallied apart from the corpora (which decide the rate), every verdict listed.
      const semantic = !ours.rejected && isServerOnlySemantic(server);
      const key =
        serverRejects === ours.rejected
          ? 'edgeAgree'
          : semantic
            ? 'edgeServerOnlySemantic'
            : 'edgeSchemaBugs';
      out.breakdown![key] = (out.breakdown![key] ?? 0) + 1;
      const line = `schema-edge ${label}: server ${serverRejects ? `rejects (${server.status}: ${server.message})` : `accepts (${server.status})`}, shipshape ${
        ours.rejected ? `rejects (${ours.findings.join('; ')})` : 'accepts'
      }`;
      if (key === 'edgeAgree') out.notes.push(`${line}: agree`);
      else
        out.edgeDisagreements.push(
          `${line} [${semantic ? 'server-only semantic validation' : 'schema bug'}]`,
        );
      return;
    }
    if (serverRejects === ours.rejected) {
      out.agree++;
      if (serverRejects) out.rejectedByBoth = (out.rejectedByBoth ?? 0) + 1;
    } else {
      out.disagree++;
      const semantic = !ours.rejected && isServerOnlySemantic(server);
      out.breakdown![semantic ? 'serverOnlySemantic' : 'schemaBugs']!++;
      out.disagreements.push(
        `schema ${label}: server ${serverRejects ? `rejects (${server.status}: ${server.message})` : `accepts (${server.status})`}, shipshape ${
          ours.rejected ? `rejects (${ours.findings.join('; ')})` : 'accepts'
        }${semantic ? ' [server-only semantic validation]' : ''}`,
      );
    }
    if (phase === 'crd' && !serverRejects) {
      // Really create it so its custom resources can be validated; a CRD that already exists is not ours.
      const created = await api.request(
        'POST',
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions`,
        object,
      );
      if (created.status === 201) createdCrds.add(object.metadata.name!);
      else if (created.status !== 409)
        out.notes.push(
          `schema ${label}: creating the CRD failed (${created.status}: ${statusMessage(created)})`,
        );
    }
  };

  // CRDs first (their dry-run verdict, then really created), then everything else against the new discovery.
  await mapLimit(realWorldCrds, 4, (o) => judge(o, 'crd'));
  if (createdCrds.size > 0) {
    await waitEstablished(api, [...createdCrds]);
    served = await discover(api);
  }
  const rest = objects.filter((o) => !realWorldCrds.includes(o));
  await mapLimit(rest, concurrency, (o) => judge(o, 'other'));
  // Documents shipshape refuses to read as YAML (duplicate keys): the server gets the same text as YAML, and
  // shipshape's verdict is a rejection (a parse error fails the review).
  for (const doc of rawDocuments) {
    const label = `${doc.file} ${doc.kind} ${doc.name}`;
    const target = served.get(`${doc.apiVersion}:${doc.kind}`);
    if (!target) {
      out.notApplicable++;
      out.notes.push(`schema ${label}: not applicable (${doc.apiVersion} ${doc.kind} not served by v1.34)`);
      continue;
    }
    const namespace = target.namespaced ? schemaNamespace(doc.namespace) : undefined;
    if (namespace && !createdNamespaces.has(namespace)) {
      createdNamespaces.add(namespace);
      await ensureNamespace(api, namespace);
    }
    const text =
      namespace && doc.namespace ? doc.text.replace(/^(\s+namespace:\s*).*$/m, `$1${namespace}`) : doc.text;
    const server = serverVerdict(
      await api.request(
        'POST',
        `${collection(doc.apiVersion, target, namespace)}?dryRun=All&fieldValidation=Strict`,
        new RawBody(text, 'application/yaml'),
      ),
    );
    if (server.kind === 'none') {
      out.notApplicable++;
      out.notes.push(`schema ${label}: no verdict from the server (${server.reason})`);
    } else if (server.kind === 'reject') {
      out.agree++;
      out.rejectedByBoth = (out.rejectedByBoth ?? 0) + 1;
    } else {
      out.disagree++;
      out.breakdown!.schemaBugs!++;
      out.disagreements.push(
        `schema ${label}: server accepts (${server.status}), shipshape cannot read it (${doc.problem})`,
      );
    }
  }
  const edges = loadFiles([EDGE_FIXTURES]);
  for (const problem of edges.problems) out.notes.push(`schema-edge: ${problem.message}`);
  out.breakdown.edgeAgree = 0;
  await mapLimit(edges.objects, concurrency, (loaded) =>
    judge({ file: relative(join(import.meta.dirname, '..', '..'), EDGE_FIXTURES), loaded }, 'edge'),
  );
  out.disagreements.sort();
  out.disagreements.push(...out.edgeDisagreements.sort());
  out.milliseconds = performance.now() - started;
  return out;
}

async function waitEstablished(api: AdminApi, names: string[], timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const name of names) {
    for (;;) {
      const crd = (await api.getJson(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`)) as {
        status?: { conditions?: { type: string; status: string }[] };
      };
      if (crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline) throw new Error(`CRD ${name} not Established after ${timeoutMs} ms`);
      await sleep(250);
    }
  }
  // Discovery of a new group lags the Established condition a little. (Large CRDs take the 2-core test bed
  // up to a minute or more to establish: their schemas are compiled first.)
  await sleep(1000);
}

/** A single-document file that fails to parse only for duplicate keys: its text and identity, for the server. */
function rawDocument(
  file: string,
  problem: string,
): { text: string; apiVersion: string; kind: string; name: string; namespace?: string } | undefined {
  if (!problem.startsWith('invalid YAML')) return undefined;
  const text = readFileSync(file, 'utf8');
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const real = (Array.isArray(docs) ? docs : [docs]).filter((d) => d.contents !== null);
  if (real.length !== 1 || real[0]!.errors.length > 0) return undefined;
  const value = real[0]!.toJS() as {
    apiVersion?: unknown;
    kind?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  };
  if (typeof value?.apiVersion !== 'string' || typeof value.kind !== 'string') return undefined;
  return {
    text,
    apiVersion: value.apiVersion,
    kind: value.kind,
    name: String(value.metadata?.name ?? ''),
    ...(typeof value.metadata?.namespace === 'string' ? { namespace: value.metadata.namespace } : {}),
  };
}

export async function deleteCrds(api: AdminApi, names: Iterable<string>): Promise<void> {
  await mapLimit([...names], 4, (name) =>
    api.request('DELETE', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`),
  );
}
