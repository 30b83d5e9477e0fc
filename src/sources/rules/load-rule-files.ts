// Prometheus rule files for `shipshape alerts lint`: plain rule files (`groups:` at the top, as Prometheus's
// rule_files read them) and PrometheusRule objects (Prometheus Operator), in files or directories. A plain file
// becomes a PrometheusRule whose spec is the file, so the checks read one shape and a finding's path
// `spec.groups[0].rules[1].for` points at line of `groups[0].rules[1].for` in the file.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { append } from '../../core/append.ts';
import type { KubeObject, LoadedObject, ObjectOrigin } from '../../core/object.ts';
import { deepFreeze, refOf } from '../../core/object.ts';
import type { Problem } from '../../core/problem.ts';
import { readCarefully } from '../files/parse-yaml.ts';
import { locateIn, positionFinder } from '../files/positions.ts';
import { type InputBudget, InputLimitError, readBoundedText } from '../read-input.ts';
import { reason as readReason, walkTree } from '../walk-tree.ts';

export const PROMETHEUS_RULE = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule' };
const RULE_EXTENSIONS = ['.yml', '.yaml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

export interface RuleFiles {
  objects: LoadedObject[];
  problems: Problem[];
  files: number;
}

export function loadRuleFiles(
  paths: readonly string[],
  limits: { maxFileBytes: number; budget: InputBudget },
): RuleFiles {
  const result: RuleFiles = { objects: [], problems: [], files: 0 };
  for (const path of paths) {
    if (path !== '-' && isDirectory(path)) walk(path, result, limits);
    else readRuleFile(path, result, limits, false);
  }
  return result;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // reading it reports why
  }
}

function walk(dir: string, result: RuleFiles, limits: { maxFileBytes: number; budget: InputBudget }): void {
  // Symbolic links are not followed while walking: name them to read them (they may lead out of the tree).
  walkTree(dir, {
    wanted: (name) => RULE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)),
    skipDirectories: SKIPPED_DIRECTORIES,
    links: 'never',
    file: (path) => readRuleFile(path, result, limits, true),
    problem: (problem) => result.problems.push(problem),
  });
}

function readRuleFile(
  path: string,
  result: RuleFiles,
  limits: { maxFileBytes: number; budget: InputBudget },
  walked: boolean,
): void {
  const file = path === '-' ? '<stdin>' : path;
  let text: string;
  try {
    text = readBoundedText(path, {
      maxBytes: limits.maxFileBytes,
      budget: limits.budget,
      maxBytesFlag: '--max-file-size',
    });
  } catch (error) {
    result.problems.push({ kind: 'input', file, message: `cannot read "${file}": ${reason(error)}` });
    return;
  }
  result.files++;
  const position = positionFinder(text);
  const { documents, problems } = readCarefully(text, file, position);
  append(result.problems, problems);
  let found = 0;
  for (const { index, value, positions, rootAt } of documents) {
    if (value === null || value === undefined) continue;
    const at = position(rootAt ?? 0);
    const record = value as Record<string, unknown>;
    const locate = (prefix: number) => (objectPath: readonly (string | number)[]) =>
      locateIn(positions, rootAt, objectPath.slice(prefix), position, at);
    if (typeof value === 'object' && !Array.isArray(value) && 'groups' in record && !('kind' in record)) {
      const object: KubeObject = {
        ...PROMETHEUS_RULE,
        metadata: { name: basename(file) },
        spec: value,
      };
      // Paths into the synthetic object start with "spec"; the file has the groups at its top.
      const origin: ObjectOrigin = {
        file,
        document: index,
        locate: (p) => locate(p[0] === 'spec' ? 1 : p.length)(p),
      };
      result.objects.push({ object: deepFreeze(object), ref: refOf(object), origin });
      found++;
    } else if (record?.kind === PROMETHEUS_RULE.kind && typeof record.apiVersion === 'string') {
      const object = value as KubeObject;
      if (object.metadata === null || typeof object.metadata !== 'object') object.metadata = {};
      result.objects.push({
        object: deepFreeze(object),
        ref: refOf(object),
        origin: { file, document: index, locate: locate(0) },
      });
      found++;
    }
  }
  if (found === 0 && problems.length === 0 && !walked)
    result.problems.push({
      kind: 'input',
      file,
      message: `"${file}" holds no Prometheus rule groups (neither a "groups:" rule file nor a PrometheusRule)`,
    });
}

function reason(error: unknown): string {
  return error instanceof InputLimitError ? error.message : readReason(error);
}
