// apply-plan and --restore. Safety rules (docs/hygiene-rules.md, "Clean-up plans"):
//   - the plan is validated strictly first (plan.ts); nothing is read or deleted when it is invalid
//   - the current context AND server must be the plan's
//   - every object is read again: a changed uid (re-created) or resourceVersion (modified since the plan) refuses it
//   - every object to delete is backed up first, as the exact JSON the server returned, to <backups>/<stamp>/
//   - the server-side dry-run (DELETE ?dryRun=All) must succeed for an object before it is deleted
//   - confirmation: --yes, or an interactive "yes"; without a TTY and without --yes nothing is deleted
//   - DELETE carries preconditions {uid, resourceVersion}, so the server itself refuses a changed object
//   - deletion order: bindings, roles, ingresses, services, policies, pods, jobs/replicasets, config, SAs, PVCs, PVs
//   - a JSON-lines log of every step is written beside the backup
//   - (decision 0032) the items must match the digests hygiene --plan wrote; each must still be a finding of the
//     check that planned it on the live cluster; system objects and volumes need their own flag; a connection
//     lost mid-run stops, writes the log's end record and prints the exact --restore command
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { errorReason, Failure } from '../core/failure.ts';
import { AppendOnlyFile, createNewFile, createPrivateDirectory } from '../write/safe-write.ts';
import { type KubeApi, resourcePath, statusMessage } from './api.ts';
import { type CleanupPlan, DELETABLE, type PlanItem, sortForDeletion } from './plan.ts';
import { verifyPlanDigests } from './plan-digest.ts';

export interface ApplyOptions {
  yes: boolean;
  /** Asks the user; undefined when there is no TTY. */
  confirm?: (question: string) => Promise<boolean>;
  backupRoot: string;
  now: Date;
  out: (line: string) => void;
  /** kube-system, kube-public, kube-node-lease, `system:` names and cluster-admin may be deleted. */
  allowSystemObjects?: boolean;
  /** PersistentVolumes and bound PersistentVolumeClaims may be deleted (their data does not come back). */
  allowVolumeDeletion?: boolean;
  /**
   * Runs the checks that planned the items on the live cluster: for each item key (itemKey), undefined when it is
   * still a finding of its check, else why not.
   */
  recheck: (items: readonly PlanItem[]) => Promise<Map<string, string | undefined>>;
  /** The exact command line that restores a backup folder (same kubeconfig and context). */
  restoreCommand: (folder: string) => string;
}

export const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Why an item is a system object only --allow-system-objects may delete, or undefined. */
export function systemObjectReason(item: Pick<PlanItem, 'kind' | 'namespace' | 'name'>): string | undefined {
  if (item.namespace && SYSTEM_NAMESPACES.has(item.namespace)) return `it is in ${item.namespace}`;
  if (item.name.startsWith('system:')) return 'its name starts with "system:" (Kubernetes\' own)';
  if (item.name === 'cluster-admin') return 'it is cluster-admin';
  return undefined;
}

/** Why a live object holds data only --allow-volume-deletion may delete, or undefined. */
export function volumeReason(item: PlanItem, live: Record<string, unknown>): string | undefined {
  const phase = (live.status as { phase?: unknown } | undefined)?.phase;
  if (item.kind === 'PersistentVolume')
    return `a PersistentVolume (${String(phase ?? 'no phase')}) holds data`;
  if (item.kind === 'PersistentVolumeClaim' && phase !== 'Pending')
    return `a ${String(phase ?? '')} PersistentVolumeClaim holds data`.replace('a  ', 'a ');
  return undefined;
}

export function itemKey(i: Pick<PlanItem, 'kind' | 'namespace' | 'name'>): string {
  return `${i.kind}/${i.namespace ?? ''}/${i.name}`;
}

export interface ApplyResult {
  exitCode: number;
  backupDir?: string;
  deleted: string[];
  refused: string[];
}

const describe = (i: { kind: string; namespace?: string; name: string }) =>
  `${i.kind} ${i.namespace ? `${i.namespace}/` : ''}${i.name}`;

export class RefusedError extends Failure {
  override name = 'RefusedError';
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

export async function applyPlan(plan: CleanupPlan, api: KubeApi, o: ApplyOptions): Promise<ApplyResult> {
  const m = plan.metadata;
  if ((m.server && m.server !== api.server) || (m.context && m.context !== api.context))
    throw new RefusedError(
      `the plan was made on context "${m.context}" (${m.server}), but the current one is "${api.context}" (${api.server}); nothing was deleted`,
    );
  const tampered = verifyPlanDigests(plan);
  if (tampered.length > 0)
    throw new RefusedError(
      `the plan's items do not match the digests hygiene --plan wrote (an item was edited or added), nothing was done:\n  - ${tampered.join('\n  - ')}\n  Remove items you want to keep; do not edit or add any (make a new plan instead).`,
    );
  const items = sortForDeletion(plan.items);
  const refused: string[] = [];
  const ready: { item: PlanItem; live: Record<string, unknown> }[] = [];
  const gone: string[] = [];
  const lost = (error: unknown) =>
    new RefusedError(`lost the connection to ${api.server}: ${errorReason(error)}; nothing was deleted`);
  for (const item of items) {
    const system = systemObjectReason(item);
    if (system && !o.allowSystemObjects) {
      refused.push(`${describe(item)}: ${system}; pass --allow-system-objects to delete it`);
      continue;
    }
    let res: Awaited<ReturnType<KubeApi['request']>>;
    try {
      res = await api.request('GET', resourcePath(item.kind, item.namespace, item.name));
    } catch (error) {
      throw lost(error);
    }
    if (res.status === 404) {
      gone.push(describe(item));
      continue;
    }
    if (res.status !== 200) {
      refused.push(`${describe(item)}: cannot read it (${statusMessage(res)})`);
      continue;
    }
    const live = res.body as { metadata?: { uid?: string; resourceVersion?: string } };
    if (live.metadata?.uid !== item.uid)
      refused.push(`${describe(item)}: its uid changed (re-created since the plan was made)`);
    else if (live.metadata?.resourceVersion !== item.resourceVersion)
      refused.push(
        `${describe(item)}: modified since the plan was made (resourceVersion ${item.resourceVersion} → ${live.metadata?.resourceVersion})`,
      );
    else {
      const volume = volumeReason(item, live as Record<string, unknown>);
      if (volume && !o.allowVolumeDeletion)
        refused.push(
          `${describe(item)}: ${volume} that restoring the object cannot bring back; pass --allow-volume-deletion to delete it`,
        );
      else ready.push({ item, live: live as Record<string, unknown> });
    }
  }
  // Still a finding of the check that planned it, judged on the cluster as it is now.
  if (ready.length > 0) {
    let verdicts: Map<string, string | undefined>;
    try {
      verdicts = await o.recheck(ready.map((r) => r.item));
    } catch (error) {
      throw new RefusedError(
        `cannot re-check the plan's findings on ${api.server}: ${errorReason(error)}; nothing was deleted`,
      );
    }
    for (let i = ready.length - 1; i >= 0; i--) {
      const { item } = ready[i]!;
      const verdict = verdicts.has(itemKey(item)) ? verdicts.get(itemKey(item)) : 'not re-checked';
      if (verdict === undefined) continue;
      refused.push(`${describe(item)}: no longer a finding of ${item.check} (${verdict})`);
      ready.splice(i, 1);
    }
  }
  for (const g of gone) o.out(`already gone: ${g}`);
  for (const r of refused) o.out(`refused: ${r}`);
  if (ready.length === 0) {
    o.out('nothing to delete');
    return { exitCode: refused.length ? 1 : 0, deleted: [], refused };
  }
  // Backup first: the exact objects, one file each, and the plan.
  const backupDir = join(o.backupRoot, stamp(o.now));
  // Backups hold Secrets: a new private folder (0700), new files only (0600), never through a symlink.
  createPrivateDirectory(backupDir);
  createPrivateDirectory(join(backupDir, 'objects'));
  createNewFile(join(backupDir, 'plan.yaml'), stringify(plan, { lineWidth: 0 }));
  const logFile = new AppendOnlyFile(join(backupDir, 'apply-log.jsonl'));
  const log = logFile.path;
  const record = (entry: Record<string, unknown>) =>
    logFile.append(`${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
  record({ step: 'start', context: api.context, server: api.server, items: items.length, refused, gone });
  ready.forEach(({ item, live }, n) => {
    const file = join(
      backupDir,
      'objects',
      `${String(n).padStart(4, '0')}-${item.kind}-${item.namespace ?? '_cluster'}-${item.name}.yaml`,
    );
    createNewFile(file, stringify(live, { lineWidth: 0 }));
    record({ step: 'backup', object: describe(item), file });
  });
  o.out(`backed up ${ready.length} object(s) to ${backupDir}`);
  // Server-side dry run.
  const deletable: typeof ready = [];
  // A connection lost from here on: stop, close the log with its end record, say how to restore.
  const stop = (item: PlanItem, step: string, error: unknown, deleted: string[]): ApplyResult => {
    const reason = errorReason(error);
    record({ step, object: describe(item), status: 'no answer', message: reason });
    record({ step: 'end', deleted: deleted.length, aborted: `connection lost: ${reason}`, refused });
    logFile.close();
    o.out(`stopped: lost the connection to ${api.server} during the ${step} of ${describe(item)}: ${reason}`);
    if (step === 'delete')
      o.out(
        `${describe(item)} may or may not have been deleted; ${deleted.length} other object(s) were deleted`,
      );
    else o.out('nothing was deleted');
    o.out(`log: ${log}`);
    o.out(`restore what was deleted with: ${o.restoreCommand(backupDir)}`);
    return { exitCode: 2, backupDir, deleted, refused };
  };
  for (const entry of ready) {
    let res: Awaited<ReturnType<KubeApi['request']>>;
    try {
      res = await api.request(
        'DELETE',
        `${resourcePath(entry.item.kind, entry.item.namespace, entry.item.name)}?dryRun=All`,
        deleteOptions(entry.item, true),
      );
    } catch (error) {
      return stop(entry.item, 'dry-run', error, []);
    }
    const ok = res.status >= 200 && res.status < 300;
    record({
      step: 'dry-run',
      object: describe(entry.item),
      status: res.status,
      ...(ok ? {} : { message: statusMessage(res) }),
    });
    o.out(
      `dry-run ${ok ? 'ok     ' : 'FAILED '} ${describe(entry.item)}${ok ? '' : `: ${statusMessage(res)}`}  (${entry.item.check})`,
    );
    if (ok) deletable.push(entry);
    else refused.push(`${describe(entry.item)}: server dry-run refused: ${statusMessage(res)}`);
  }
  if (deletable.length === 0) {
    record({ step: 'end', deleted: 0 });
    logFile.close();
    return { exitCode: 1, backupDir, deleted: [], refused };
  }
  const question = `delete these ${deletable.length} object(s) from context "${api.context}"? type "yes" to go on: `;
  let go = o.yes;
  if (!go) {
    if (!o.confirm) {
      record({ step: 'end', deleted: 0, reason: 'no TTY to confirm and no --yes' });
      logFile.close();
      throw new RefusedError(
        'not deleting anything: no terminal to confirm on; re-run with --yes after reviewing the dry-run',
      );
    }
    go = await o.confirm(question);
  }
  if (!go) {
    record({ step: 'end', deleted: 0, reason: 'not confirmed' });
    logFile.close();
    o.out('not confirmed: nothing deleted');
    return { exitCode: 0, backupDir, deleted: [], refused };
  }
  const deleted: string[] = [];
  for (const { item } of deletable) {
    let res: Awaited<ReturnType<KubeApi['request']>>;
    try {
      res = await api.request(
        'DELETE',
        resourcePath(item.kind, item.namespace, item.name),
        deleteOptions(item, false),
      );
    } catch (error) {
      return stop(item, 'delete', error, deleted);
    }
    const ok = res.status >= 200 && res.status < 300;
    record({
      step: 'delete',
      object: describe(item),
      status: res.status,
      ...(ok ? {} : { message: statusMessage(res) }),
    });
    if (ok) deleted.push(describe(item));
    else refused.push(`${describe(item)}: ${statusMessage(res)}`);
    o.out(`${ok ? 'deleted' : 'FAILED '} ${describe(item)}${ok ? '' : `: ${statusMessage(res)}`}`);
  }
  record({ step: 'end', deleted: deleted.length, refused });
  logFile.close();
  o.out(`deleted ${deleted.length} object(s); log: ${log}; restore with: ${o.restoreCommand(backupDir)}`);
  return { exitCode: refused.length ? 1 : 0, backupDir, deleted, refused };
}

function deleteOptions(item: PlanItem, dryRun: boolean): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'DeleteOptions',
    preconditions: { uid: item.uid, resourceVersion: item.resourceVersion },
    propagationPolicy: 'Background',
    ...(dryRun ? { dryRun: ['All'] } : {}),
  };
}

/** Server-set fields a create must not carry. */
export function forCreate(object: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(object);
  const meta = (copy.metadata ?? {}) as Record<string, unknown>;
  for (const f of [
    'uid',
    'resourceVersion',
    'managedFields',
    'creationTimestamp',
    'generation',
    'selfLink',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
  ])
    delete meta[f];
  delete copy.status;
  return copy;
}

/** Re-creates every object of a backup folder, in reverse deletion order. */
export async function restoreBackup(
  folder: string,
  api: KubeApi,
  out: (line: string) => void,
): Promise<ApplyResult> {
  const dir = existsSync(join(folder, 'objects')) ? join(folder, 'objects') : folder;
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new RefusedError(`"${folder}" is not a backup folder`);
  const objects: Record<string, unknown>[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.yaml') || name === 'plan.yaml') continue;
    const doc = parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown> | null;
    const kind = typeof doc?.kind === 'string' ? doc.kind : '';
    if (!doc || !DELETABLE[kind])
      throw new RefusedError(`${name} is not an object apply-plan backed up; nothing restored`);
    objects.push(doc);
  }
  const ordered = sortForDeletion(
    objects.map((o) => {
      const meta = (o.metadata ?? {}) as { name?: string; namespace?: string };
      return {
        kind: String(o.kind),
        name: String(meta.name),
        ...(meta.namespace ? { namespace: meta.namespace } : {}),
        object: o,
      };
    }),
  ).reverse();
  const restored: string[] = [];
  const refused: string[] = [];
  for (const entry of ordered) {
    const res = await api.request('POST', resourcePath(entry.kind, entry.namespace), forCreate(entry.object));
    const ok = res.status >= 200 && res.status < 300;
    if (ok) {
      restored.push(describe(entry));
      out(`restored ${describe(entry)}`);
      continue;
    }
    if (res.status === 409) {
      // Backed up but never deleted (the run stopped before it): the very same object is still there.
      const live = await api.request('GET', resourcePath(entry.kind, entry.namespace, entry.name));
      const uid = (live.body as { metadata?: { uid?: unknown } } | undefined)?.metadata?.uid;
      const backedUp = (entry.object.metadata as { uid?: unknown } | undefined)?.uid;
      if (live.status === 200 && uid !== undefined && uid === backedUp) {
        out(`present  ${describe(entry)} (never deleted)`);
        continue;
      }
    }
    const reason = res.status === 409 ? 'already exists (re-created since the backup)' : statusMessage(res);
    refused.push(`${describe(entry)}: ${reason}`);
    out(`FAILED   ${describe(entry)}: ${reason}`);
  }
  return { exitCode: refused.length ? 1 : 0, deleted: restored, refused };
}
