import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { HttpKubeApi, type KubeApi } from '../../hygiene/api.ts';
import { applyPlan, RefusedError, restoreBackup } from '../../hygiene/apply.ts';
import { PlanError, parsePlan } from '../../hygiene/plan.ts';
import { errorReason, UsageError } from '../errors.ts';

export interface ApplyPlanFlags {
  kubeconfig?: string;
  context?: string;
  yes?: boolean;
  restore?: string;
  backupDir: string;
  requestTimeout?: string;
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
    });
    return result.exitCode;
  } catch (error) {
    if (error instanceof RefusedError) throw new UsageError(error.message);
    throw error;
  }
}

async function connectOrFail(connect: () => Promise<KubeApi>): Promise<KubeApi> {
  try {
    return await connect();
  } catch (error) {
    throw new UsageError(`cannot connect: ${(error as Error).message}`);
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
