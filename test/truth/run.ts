// `npm run truth`: the real control plane of the test bed judges shipshape's logic (issue #4, scope 4;
// docs/decisions/0017-ground-truth.md). Three runs, each object by object:
//   pss        pod-security corpus pods, server-side dry-run in namespaces enforcing <level>@v1.<minor>
//   schema     review corpora objects, server-side dry-run with strict field validation
//   enums      every enum field of the workload, Service, Ingress, PVC and RBAC kinds, one wrong value each
//   deprecations  every served API's deprecation Warning header vs review's api-version-deprecated at that version
//   scheduler  unschedulable pods vs the real kube-scheduler's FailedScheduling events
// Every disagreement is listed above the last line, which is exactly
//   truth: pss=NN.N% schema=NN.N% enums=NN.N% deprecations=NN.N% scheduler=NN.N%
// Exit 0 when it ran (agreement is reported, not asserted: test/truth/truth.test.ts asserts it); 2 when the test bed
// is not up or a run could not complete. Everything created is removed at the end (truth-* namespaces, the
// truth-node-* nodes, taints of the scenario library, the real-world CRDs this run created).
//
//   node test/truth/run.ts [--only pss,schema,enums,deprecations,scheduler] [--corpus DIR] [--verbose] [--json FILE]
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isTestbedUp, testbedKubeconfig } from '../../testbed/scenarios.ts';
import { AdminApi, deleteNamespaces } from './api.ts';
import { deprecationTruth } from './deprecations.ts';
import { enumTruth } from './enums.ts';
import { pssTruth } from './pss.ts';
import { schedulerTruth } from './scheduler.ts';
import { deleteCrds, SCHEMA_KUBE_VERSION, schemaTruth } from './schema.ts';
import { rate, type TruthResult } from './types.ts';

export interface TruthRun {
  results: TruthResult[];
  /** Runs that could not complete (the error), by name. */
  failed: Record<string, string>;
}

export type TruthName = TruthResult['name'];
export const ALL_TRUTHS: readonly TruthName[] = ['pss', 'schema', 'enums', 'deprecations', 'scheduler'];

export const DEFAULT_CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');

/** Runs the chosen truths against the test bed and cleans up after them, whatever happens. */
export async function runTruth(
  options: {
    only?: readonly TruthName[];
    corpusDir?: string;
    kubeconfig?: string;
    log?: (line: string) => void;
  } = {},
): Promise<TruthRun> {
  const only = options.only ?? ALL_TRUTHS;
  const corpusDir = options.corpusDir ?? DEFAULT_CORPUS;
  const kubeconfig = options.kubeconfig ?? testbedKubeconfig();
  const log = options.log ?? (() => {});
  const release = await lock(kubeconfig, log);
  const api = await AdminApi.connect(kubeconfig).catch((error) => {
    release();
    throw error;
  });
  const namespaces = new Set<string>();
  const crds = new Set<string>();
  const cleanups: (() => Promise<void>)[] = [];
  const run: TruthRun = { results: [], failed: {} };
  let cleaned = false;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await deleteNamespaces(api, namespaces).catch(() => undefined);
    await deleteCrds(api, crds).catch(() => undefined);
    api.close();
    release();
  };
  activeCleanup = cleanUp;
  try {
    for (const name of only) {
      log(`truth: ${name} ...`);
      try {
        const result =
          name === 'pss'
            ? await pssTruth(api, corpusDir, namespaces)
            : name === 'schema'
              ? await schemaTruth(api, corpusDir, namespaces, crds)
              : name === 'enums'
                ? await enumTruth(api, namespaces, SCHEMA_KUBE_VERSION)
                : name === 'deprecations'
                  ? await deprecationTruth(api)
                  : await schedulerTruth(api, kubeconfig, namespaces, cleanups);
        run.results.push(result);
        log(`truth: ${name} done in ${(result.milliseconds / 1000).toFixed(1)} s`);
      } catch (error) {
        run.failed[name] = (error as Error).stack ?? String(error);
      }
    }
  } finally {
    await cleanUp();
    activeCleanup = undefined;
  }
  return run;
}

/** The cleanup of the run in progress, for signal handlers (Ctrl-C must not leave nodes and CRDs behind). */
let activeCleanup: (() => Promise<void>) | undefined;

/**
 * One truth run per test bed at a time (npm run truth and npm test may overlap): both would create and delete the
 * same namespaces and nodes. A lock file in the temp dir, keyed by kubeconfig, holds the owner's pid; a lock whose
 * process is gone is taken over.
 */
async function lock(
  kubeconfig: string,
  log: (line: string) => void,
  timeoutMs = 20 * 60_000,
): Promise<() => void> {
  const key = createHash('sha256').update(path.resolve(kubeconfig)).digest('hex').slice(0, 12);
  const file = path.join(tmpdir(), `shipshape-truth-${key}.lock`);
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch {
      const owner = Number(readFileSync(file, 'utf8').trim());
      let alive = false;
      try {
        process.kill(owner, 0);
        alive = owner !== process.pid;
      } catch {
        alive = false;
      }
      if (!alive) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another truth run (pid ${owner}) still holds ${file}`);
      if (!told) log(`truth: waiting for the truth run of pid ${owner} to finish (${file})`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/** The report: notes (with --verbose), disagreements object by object, the per-run tallies, the one last line. */
export function formatRun(run: TruthRun, verbose = false): string {
  const lines: string[] = [];
  for (const r of run.results) {
    if (verbose) lines.push(...r.notes);
    lines.push(...r.disagreements);
  }
  for (const r of run.results) {
    const extra = [
      r.rejectedByBoth !== undefined ? `rejected by both ${r.rejectedByBoth}` : '',
      ...Object.entries(r.breakdown ?? {}).map(([k, v]) => `${k} ${v}`),
    ].filter(Boolean);
    lines.push(
      `${r.name}: agree=${r.agree} disagree=${r.disagree} notApplicable=${r.notApplicable}${
        extra.length ? ` (${extra.join(', ')})` : ''
      } in ${(r.milliseconds / 1000).toFixed(1)} s`,
    );
  }
  for (const [name, error] of Object.entries(run.failed)) lines.push(`${name}: did not complete: ${error}`);
  const byName = new Map(run.results.map((r) => [r.name, r]));
  const show = (name: TruthName) => {
    const r = byName.get(name);
    return r ? rate(r) : 'n/a';
  };
  lines.push(
    `truth: pss=${show('pss')} schema=${show('schema')} enums=${show('enums')} deprecations=${show('deprecations')} scheduler=${show('scheduler')}`,
  );
  return lines.join('\n');
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (!isTestbedUp()) {
    console.error(
      `truth: the test bed is not up (${testbedKubeconfig()} missing or its apiserver not running); start it with npm run testbed:up`,
    );
    process.exit(2);
  }
  const only = value('--only')
    ?.split(',')
    .map((s) => s.trim()) as TruthName[] | undefined;
  for (const name of only ?? []) {
    if (!ALL_TRUTHS.includes(name)) {
      console.error(`truth: unknown run "${name}" (choose from ${ALL_TRUTHS.join(', ')})`);
      process.exit(2);
    }
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`truth: ${signal}: removing what this run created ...`);
      void (activeCleanup?.() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  }
  const started = performance.now();
  const run = await runTruth({
    ...(only ? { only } : {}),
    ...(value('--corpus') ? { corpusDir: path.resolve(value('--corpus')!) } : {}),
    log: (line) => console.error(line),
  });
  const json = value('--json');
  if (json) writeFileSync(json, `${JSON.stringify(run, null, 2)}\n`);
  console.error(`truth: ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
  console.log(formatRun(run, args.includes('--verbose')));
  process.exit(Object.keys(run.failed).length > 0 ? 2 : 0);
}
