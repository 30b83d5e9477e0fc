// Deprecation truth (issue #16): every group/version/kind the test bed serves is listed once, and the Warning
// header the API server sends for a deprecated API ("v1 Endpoints is deprecated in v1.33+; use
// discovery.k8s.io/v1 EndpointSlice", from the same prerelease-lifecycle data our table is generated from) is
// compared with what offline review says of an object of that kind at the server's version: deprecated or not
// (the api-version-deprecated check fires), deprecated since the same minor, removed in the same minor, and the
// same replacement.
import { schemaChecks } from '../../src/checks/schema/index.ts';
import type { RunSettings } from '../../src/core/check.ts';
import { emptyConfig } from '../../src/core/config.ts';
import { runChecks, selectChecks } from '../../src/core/engine.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import type { KubeObject } from '../../src/core/object.ts';
import { refOf } from '../../src/core/object.ts';
import { deprecationOf, replacementOf } from '../../src/k8s/deprecations.ts';
import { type AdminApi, mapLimit } from './api.ts';
import { discover } from './schema.ts';
import { emptyResult, type TruthResult } from './types.ts';

export interface ServerDeprecation {
  apiVersion: string;
  kind: string;
  deprecatedIn: string;
  removedIn?: string;
  replacement?: string;
}

/** The API server's deprecation warning (k8s.io/apiserver endpoints/deprecation), or undefined for another one. */
export function parseDeprecationWarning(text: string): ServerDeprecation | undefined {
  const m =
    /^(\S+) (\S+) is deprecated in v(\d+\.\d+)\+(?:, unavailable in v(\d+\.\d+)\+)?(?:; use (.+))?$/.exec(
      text,
    );
  if (!m) return undefined;
  return {
    apiVersion: m[1]!,
    kind: m[2]!,
    deprecatedIn: m[3]!,
    ...(m[4] ? { removedIn: m[4] } : {}),
    ...(m[5] ? { replacement: m[5] } : {}),
  };
}

/** What offline review at `version` says of an object of this kind: the api-version-deprecated finding, if any. */
function reviewSays(apiVersion: string, kind: string, version: string): string | undefined {
  const object: KubeObject = {
    apiVersion,
    kind,
    metadata: { name: 'deprecation-probe', namespace: 'default' },
  };
  const settings: RunSettings = { now: new Date(), kubeVersion: version };
  const index = new ObjectIndex([{ object, ref: refOf(object) }], { partial: true });
  const result = runChecks(index, selectChecks(schemaChecks, emptyConfig(), settings), settings);
  return result.findings.find((f) => f.check === 'api-version-deprecated')?.message;
}

export async function deprecationTruth(api: AdminApi): Promise<TruthResult> {
  const started = performance.now();
  const out = emptyResult('deprecations');
  out.breakdown = { warned: 0, listed: 0 };
  const info = (await api.getJson('/version')) as { major: string; minor: string };
  const version = `${info.major}.${info.minor.replace(/\D+$/, '')}`;
  const served = await discover(api);
  await mapLimit([...served], 4, async ([key, target]) => {
    const colon = key.indexOf(':');
    const apiVersion = key.slice(0, colon);
    const kind = key.slice(colon + 1);
    if (!target.verbs.includes('list')) {
      out.notApplicable++;
      out.notes.push(`deprecations ${key}: not listable (${target.verbs.join(',') || 'no verbs'})`);
      return;
    }
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const response = await api.get(`${base}/${target.resource}?limit=1`);
    if (response.status !== 200) {
      out.notApplicable++;
      out.notes.push(`deprecations ${key}: list answered ${response.status}`);
      return;
    }
    out.breakdown!.listed!++;
    const server = response.warnings.map(parseDeprecationWarning).find((w) => w?.kind === kind);
    if (server) out.breakdown!.warned!++;
    const finding = reviewSays(apiVersion, kind, version);
    const ours = deprecationOf(apiVersion, kind);
    const label = `deprecations ${key} at ${version}`;
    if (!server) {
      if (finding) {
        out.disagree++;
        out.disagreements.push(`${label}: the server sends no deprecation warning, review says "${finding}"`);
      } else out.agree++;
      return;
    }
    const problems: string[] = [];
    if (!finding) problems.push('review does not flag it deprecated');
    if (ours?.deprecatedIn !== server.deprecatedIn)
      problems.push(`deprecated in ${ours?.deprecatedIn ?? 'never'} vs the server's ${server.deprecatedIn}`);
    if (ours?.removedIn !== server.removedIn)
      problems.push(
        `removed in ${ours?.removedIn ?? 'never'} vs the server's ${server.removedIn ?? 'never'}`,
      );
    const replacement = ours ? replacementOf(ours) : undefined;
    // The server names the replacement kind always ("use discovery.k8s.io/v1 EndpointSlice"); we only when it changes.
    if (
      server.replacement &&
      replacement !== server.replacement &&
      `${replacement} ${kind}` !== server.replacement
    )
      problems.push(`replacement ${replacement ?? 'none'} vs the server's ${server.replacement}`);
    if (problems.length > 0) {
      out.disagree++;
      out.disagreements.push(
        `${label}: server warns "${response.warnings.join('; ')}"; ${problems.join('; ')}`,
      );
      return;
    }
    out.agree++;
    out.rejectedByBoth = (out.rejectedByBoth ?? 0) + 1;
    out.notes.push(
      `${label}: deprecated for both — server "${response.warnings.join('; ')}", review "${finding}"`,
    );
  });
  out.disagreements.sort();
  out.notes.sort();
  out.milliseconds = performance.now() - started;
  return out;
}
