// Reads what people attach to tickets: our Snapshot files, `kubectl get … -o yaml|json` Lists, and
// `kubectl cluster-info dump --output-directory` folders. Gzip when the name ends in .gz.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject, LoadedObject } from '../../core/object.ts';
import { deepFreeze, refOf } from '../../core/object.ts';
import type { Problem } from '../../core/problem.ts';
import { redactMessages } from '../../k8s/redact.ts';
import { slimManagedFields } from '../cluster/managed-fields.ts';
import { readWithEvents } from '../files/read-events.ts';
import { decodeText, InputBudget, InputLimitError, readBounded } from '../read-input.ts';
import { SNAPSHOT_KIND, type SnapshotMetadata } from './format.ts';

export interface SnapshotLoadResult {
  objects: LoadedObject[];
  problems: Problem[];
  metadata: SnapshotMetadata;
  /** Kinds present in the snapshot (a kind absent here may simply not have been captured). */
  kindsPresent: string[];
}

/**
 * Narrows a snapshot's objects before they are normalised, frozen and indexed: a question about a few objects of a
 * large snapshot (rbac can) skips the cost of the rest. Receives the well-formed objects, returns those to keep.
 */
export type SnapshotSelect = (objects: readonly KubeObject[]) => readonly KubeObject[];

export function loadSnapshot(
  path: string,
  budget = new InputBudget(),
  select?: SnapshotSelect,
): SnapshotLoadResult {
  const result: SnapshotLoadResult = { objects: [], problems: [], metadata: {}, kindsPresent: [] };
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (error) {
    result.problems.push({
      kind: 'input',
      file: path,
      message: `cannot read snapshot "${path}": ${errorText(error)}`,
    });
    return result;
  }
  if (stat.isDirectory()) readDumpDirectory(path, result, budget);
  else readSnapshotFile(path, result, budget, select);
  result.kindsPresent = [...new Set(result.objects.map((o) => o.object.kind))].sort();
  // An empty list (a wrong context or namespace at capture, a filter that matched nothing) is not a clean cluster.
  if (result.objects.length === 0 && result.problems.length === 0)
    result.problems.push({
      kind: 'input',
      file: path,
      message:
        'the snapshot holds no Kubernetes objects, so there is nothing to diagnose; take it again from the right context and namespaces (shipshape snapshot, or kubectl get … -o yaml)',
    });
  return result;
}

function readSnapshotFile(
  file: string,
  result: SnapshotLoadResult,
  budget: InputBudget,
  select?: SnapshotSelect,
): void {
  let text: string;
  try {
    // Capped as it is read and as it decompresses: a small .gz can inflate to gigabytes.
    text = decodeText(readBounded(file, { budget, gunzip: true, label: 'the snapshot' }), 'the snapshot');
  } catch (error) {
    const reason =
      error instanceof InputLimitError
        ? error.message
        : (error as NodeJS.ErrnoException).code?.startsWith('Z_')
          ? `corrupt or truncated gzip data (${(error as Error).message})`
          : errorText(error);
    result.problems.push({ kind: 'input', file, message: `cannot read snapshot: ${reason}` });
    return;
  }
  for (const document of parseDocuments(text, file, result.problems))
    addDocument(document, file, result, select);
}

/** JSON first (fast, and what big snapshots are); YAML otherwise. */
function parseDocuments(text: string, file: string, problems: Problem[]): unknown[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return [JSON.parse(text)];
    } catch (error) {
      problems.push({
        kind: 'input',
        file,
        message: `snapshot is not valid JSON: ${(error as Error).message}`,
      });
      return [];
    }
  }
  // The fast event reader first (kubectl's YAML is plain: no tags, aliases or errors); the yaml package explains
  // anything it declines.
  const fast = readWithEvents(text);
  if (fast) return fast.map((doc) => doc.value).filter((value) => value !== null && value !== undefined);
  const documents: unknown[] = [];
  for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
    if (doc.errors.length > 0) {
      problems.push({
        kind: 'input',
        file,
        message: `snapshot is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`,
      });
      continue;
    }
    try {
      const value = doc.toJS({ maxAliasCount: 1000 });
      if (value !== null && value !== undefined) documents.push(value);
    } catch (error) {
      problems.push({
        kind: 'input',
        file,
        message: `snapshot is not valid YAML: ${(error as Error).message}`,
      });
    }
  }
  return documents;
}

function addDocument(
  document: unknown,
  file: string,
  result: SnapshotLoadResult,
  select?: SnapshotSelect,
): void {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    result.problems.push({
      kind: 'input',
      file,
      message: 'snapshot document is not an object or list of objects',
    });
    return;
  }
  const record = document as { kind?: unknown; items?: unknown; metadata?: unknown };
  if (record.kind === SNAPSHOT_KIND && record.metadata && typeof record.metadata === 'object') {
    Object.assign(result.metadata, record.metadata as SnapshotMetadata);
  }
  if (Array.isArray(record.items)) {
    // Typed lists from the API (PodList, as cluster-info dump writes them) leave kind/apiVersion off items.
    const listKind =
      typeof record.kind === 'string' && record.kind.endsWith('List') ? record.kind.slice(0, -4) : '';
    const listApiVersion = (document as { apiVersion?: unknown }).apiVersion;
    if (listKind)
      for (const item of record.items)
        if (item && typeof item === 'object') {
          const typed = item as { kind?: unknown; apiVersion?: unknown };
          if (typed.kind === undefined) typed.kind = listKind;
          if (typed.apiVersion === undefined && typeof listApiVersion === 'string')
            typed.apiVersion = listApiVersion;
        }
    const kept = select ? new Set<unknown>(select(record.items.filter(isObject))) : undefined;
    record.items.forEach((item, i) => {
      // Malformed items are always reported; well-formed ones only when the selection keeps them.
      if (kept && isObject(item) && !kept.has(item)) return;
      addObject(item, `${file} items[${i}]`, file, result);
    });
  } else {
    addObject(document, file, file, result);
  }
}

function isObject(raw: unknown): raw is KubeObject {
  const object = raw as Partial<KubeObject> | null;
  return (
    !!object &&
    typeof object === 'object' &&
    typeof object.kind === 'string' &&
    typeof object.apiVersion === 'string'
  );
}

function addObject(raw: unknown, where: string, file: string, result: SnapshotLoadResult): void {
  const object = raw as Partial<KubeObject> | null;
  if (
    !object ||
    typeof object !== 'object' ||
    typeof object.kind !== 'string' ||
    typeof object.apiVersion !== 'string'
  ) {
    result.problems.push({
      kind: 'input',
      file,
      message: `${where}: not a Kubernetes object (no apiVersion/kind)`,
    });
    return;
  }
  if (object.metadata === null || typeof object.metadata !== 'object') object.metadata = {};
  slimManagedFields(object as KubeObject);
  // A snapshot written before redaction covered messages, or by kubectl, may hold credentials in them.
  const safe = redactMessages(object as KubeObject);
  deepFreeze(safe);
  result.objects.push({ object: safe, ref: refOf(safe) });
}

/** cluster-info dump: nodes.json at the top, <namespace>/<kind>.json Lists below, pod logs as text. */
function readDumpDirectory(dir: string, result: SnapshotLoadResult, budget: InputBudget): void {
  const walk = (current: string, depth: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      result.problems.push({
        kind: 'input',
        file: current,
        message: `cannot read directory: ${errorText(error)}`,
      });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(current, entry.name);
      if (entry.isDirectory() && depth < 2) walk(path, depth + 1);
      else if (entry.isFile() && /\.(json|ya?ml)(\.gz)?$/.test(entry.name))
        readSnapshotFile(path, result, budget);
    }
  };
  walk(dir, 0);
}

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES') return 'permission denied';
  return e.message ?? String(error);
}
