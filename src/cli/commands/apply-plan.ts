import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { HttpKubeApi, type KubeApi } from '../../hygiene/api.ts';
import { applyPlan, itemKey, RefusedError, restoreBackup } from '../../hygiene/apply.ts';
import { PlanError, type PlanItem, parsePlan } from '../../hygiene/plan.ts';
import { errorReason, UsageError } from '../errors.ts';

export interface ApplyPlanFlags {
  kubeconfig?: string;
  context?: string;
  config?: string;
  yes?: boolean;
  restore?: string;
  backupDir: string;
  requestTimeout?: string;
  allowSystemObjects?: boolean;
  allowVolumeDeletion?: boolean;
}

export async function applyPlanCommand(
  planFile: string | undefined,
  flags: ApplyPlanFlags,
  connect: () => Promise<KubeApi> = () =>
    HttpKubeApi.connect({
      ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
      ...(flags.context ? { context: flags.context } : {}),
      timeoutMs: Number(flags.requestTimeout ?? '30') * 1000 || 30_000,
    }),
): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (flags.restore) {
    if (planFile) throw new UsageError('give either a plan or --restore FOLDER, not both');
    const api = await connectOrFail(connect);
    try {
      return (await restoreBackup(flags.restore, api, out)).exitCode;
    } catch (error) {
      if (error instanceof RefusedError) throw new UsageError(error.message);
      throw error;
    }
  }
  if (!planFile) throw new UsageError('give the plan file written by `shipshape hygiene --plan`');
  let text: string;
  try {
    text = readFileSync(planFile, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the plan "${planFile}": ${errorReason(error)}`);
  }
  let plan: ReturnType<typeof parsePlan>;
  try {
    plan = parsePlan(text);
  } catch (error) {
    if (error instanceof PlanError) throw new UsageError(error.message);
    throw error;
  }
  const api = await connectOrFail(connect);
  const interactive = process.stdin.isTTY && process.stdout.isTTY;
  try {
    const result = await applyPlan(plan, api, {
      yes: flags.yes === true,
      ...(interactive ? { confirm: ask } : {}),
      backupRoot: flags.backupDir,
      now: new Date(),
      out,
      allowSystemObjects: flags.allowSystemObjects === true,
      allowVolumeDeletion: flags.allowVolumeDeletion === true,
      recheck: (items) => recheckOnCluster(api, items, flags.config),
      restoreCommand: (folder) => restoreCommand(folder, flags, api.context),
    });
    return result.exitCode;
  } catch (error) {
    if (error instanceof RefusedError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Runs the hygiene sweep on the live cluster as it is now and says, per item, whether the check that planned it
 * still reports it. Loaded only here: apply-plan without a plan (--restore) does not pay for the checks.
 */
async function recheckOnCluster(
  api: KubeApi,
  items: readonly PlanItem[],
  configFile: string | undefined,
): Promise<Map<string, string | undefined>> {
  if (!(api instanceof HttpKubeApi)) throw new Error('re-checking needs a cluster connection');
  const [{ loadCluster }, { BUILTIN_RESOURCES }, { runHygiene, VELERO_RESOURCES }, { loadConfig }] =
    await Promise.all([
      import('../../sources/cluster/load-cluster.ts'),
      import('../../sources/cluster/resources.ts'),
      import('./hygiene.ts'),
      import('../config-file.ts'),
    ]);
  const loaded = await loadCluster(api.client, [...BUILTIN_RESOURCES, ...VELERO_RESOURCES], {});
  const { result } = await runHygiene({}, loadConfig(configFile), {
    objects: loaded.objects,
    problems: loaded.problems,
    source: { kind: 'cluster', context: api.context, server: api.server },
    kindsRead: new Set(loaded.kindsRead),
    kindsMissing: loaded.kindsMissing,
  });
  const found = new Set(
    result.findings
      .filter((f) => !f.suppressed)
      .map(
        (f) =>
          `${f.check} ${itemKey({ kind: f.object.kind, namespace: f.object.namespace, name: f.object.name })}`,
      ),
  );
  const missing = loaded.kindsMissing.map((m) => `${m.kind} (${m.reason})`);
  const verdicts = new Map<string, string | undefined>();
  for (const item of items) {
    if (found.has(`${item.check} ${itemKey(item)}`)) verdicts.set(itemKey(item), undefined);
    else
      verdicts.set(
        itemKey(item),
        missing.length > 0
          ? `not reported on the live cluster; kinds not read: ${missing.join(', ')}`
          : 'in use or changed since the plan: the check no longer reports it on the live cluster',
      );
  }
  return verdicts;
}

/** `shipshape apply-plan --restore <folder>` with the same kubeconfig and context, quoted for a POSIX shell. */
function restoreCommand(folder: string, flags: ApplyPlanFlags, context: string): string {
  const words = ['shipshape', 'apply-plan', '--restore', folder];
  if (flags.kubeconfig) words.push('--kubeconfig', flags.kubeconfig);
  words.push('--context', context);
  return words.map(quote).join(' ');
}

function quote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

async function connectOrFail(connect: () => Promise<KubeApi>): Promise<KubeApi> {
  try {
    return await connect();
  } catch (error) {
    throw new UsageError(`cannot connect: ${errorReason(error)}`);
  }
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}
