// Finds and validates .shipshape.yaml (docs/configuration.md).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { CATEGORIES } from '../core/check.ts';
import { type CheckSettings, type Config, emptyConfig, type PodCreator } from '../core/config.ts';
import { isLinearPattern } from '../core/linear-regexp.ts';
import { isSeverity } from '../core/severity.ts';
import { allChecks } from './all-checks.ts';
import { errorReason, UsageError } from './errors.ts';
import { suggest } from './output.ts';

export const CONFIG_NAMES = ['.shipshape.yaml', '.shipshape.yml'];

/** The explicit --config, else the first .shipshape.yaml found from cwd upward, else defaults. */
export function loadConfig(explicit: string | undefined, cwd = process.cwd()): Config {
  const file = explicit ?? findUpward(cwd);
  if (!file) return emptyConfig();
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'), { maxAliasCount: 100 });
  } catch (error) {
    throw new UsageError(`reading config "${file}": ${errorReason(error)}`);
  }
  const config = validate(raw ?? {}, file);
  config.excludePaths = config.excludePaths.map((glob) => rebase(glob, dirname(resolve(cwd, file)), cwd));
  return { ...config, file };
}

/** excludePaths are written relative to the config file's directory; the file source matches them from the cwd. */
function rebase(glob: string, configDir: string, cwd: string): string {
  if (isAbsolute(glob) || glob.startsWith('**')) return glob;
  const rebased = relative(resolve(cwd), join(configDir, glob));
  return rebased === '' ? '.' : rebased;
}

function findUpward(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function validate(raw: unknown, file: string): Config {
  const fail = (message: string): never => {
    throw new UsageError(`config "${file}": ${message}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('must be a mapping');
  const record = raw as Record<string, unknown>;
  const known = new Set(['checks', 'include', 'exclude', 'excludePaths', 'failOn', 'podCreators']);
  for (const key of Object.keys(record)) if (!known.has(key)) fail(`unknown key "${key}"`);
  const config = emptyConfig();
  const stringList = (key: string): string[] => {
    const value = record[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      fail(`"${key}" must be a list of strings`);
    return value as string[];
  };
  config.include = stringList('include');
  config.exclude = stringList('exclude');
  config.excludePaths = stringList('excludePaths');
  if (record.failOn !== undefined) {
    if (record.failOn !== 'none' && !isSeverity(record.failOn)) fail(`"failOn" must be a severity or none`);
    config.failOn = record.failOn as Config['failOn'];
  }
  if (record.podCreators !== undefined) config.podCreators = podCreatorRows(record.podCreators, fail);
  const checks = record.checks ?? {};
  if (typeof checks !== 'object' || checks === null || Array.isArray(checks))
    fail('"checks" must be a mapping');
  // Every check is loaded only when the file names checks (see all-checks.ts).
  let checkIds: Set<string> | undefined;
  const ids = () => (checkIds ??= new Set(allChecks().map((c) => c.id)));
  const unknownId = (id: string, where: string) => {
    const near = suggest(id, [...ids()]);
    fail(
      `unknown check "${id}" in ${where}${near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}`,
    );
  };
  for (const [id, value] of Object.entries(checks as Record<string, unknown>)) {
    if (!ids().has(id)) unknownId(id, '"checks"');
    config.checks[id] = checkSettings(id, value, fail);
    const params = config.checks[id].params;
    if (params) checkParams(id, params, allChecks().find((c) => c.id === id)?.params ?? {}, fail);
  }
  for (const key of ['include', 'exclude'] as const) {
    for (const id of config[key]) {
      if (!(CATEGORIES as readonly string[]).includes(id) && !ids().has(id)) unknownId(id, `"${key}"`);
    }
  }
  return config;
}

/** Parameters a check has, of the type of their defaults: a typo would otherwise be silently ignored. */
function checkParams(
  id: string,
  params: Record<string, unknown>,
  defaults: Record<string, unknown>,
  fail: (m: string) => never,
): void {
  const names = Object.keys(defaults);
  for (const [name, value] of Object.entries(params)) {
    if (!Object.hasOwn(defaults, name)) {
      const near = suggest(name, names);
      fail(
        `checks.${id}.params: unknown parameter "${name}"${near.length ? ` (did you mean ${near.join(', ')}?)` : names.length ? ` (it has ${names.join(', ')})` : ' (it has none)'}`,
      );
    }
    const expected = defaults[name];
    const kind = (v: unknown) => (Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v);
    if (expected !== undefined && expected !== null && kind(value) !== kind(expected))
      fail(
        `checks.${id}.params.${name} must be a ${kind(expected)} (like the default ${JSON.stringify(expected)}), got ${JSON.stringify(value)}`,
      );
    if (Array.isArray(expected) && Array.isArray(value) && expected.length > 0) {
      const item = kind(expected[0]);
      const wrong = value.find((v) => kind(v) !== item);
      if (wrong !== undefined)
        fail(`checks.${id}.params.${name} must be a list of ${item}s, got ${JSON.stringify(wrong)}`);
    }
    // "key=<regex>" rules: a pattern RE2 does not accept would otherwise be skipped without a word.
    if ((name === 'labels' || name === 'annotations') && Array.isArray(value))
      for (const rule of value)
        if (
          typeof rule === 'string' &&
          rule.includes('=') &&
          !isLinearPattern(`^(?:${rule.slice(rule.indexOf('=') + 1)})$`)
        )
          fail(`checks.${id}.params.${name}: "${rule}" has a regular expression RE2 does not accept`);
  }
}

function checkSettings(id: string, value: unknown, fail: (m: string) => never): CheckSettings {
  // Shorthands: `id: off`, `id: false`, `id: low` (a severity).
  if (value === false || value === 'off') return { enabled: false };
  if (value === true || value === 'on') return { enabled: true };
  if (isSeverity(value)) return { enabled: true, severity: value };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`checks.${id} must be on, off, a severity, or a mapping`);
  }
  const record = value as Record<string, unknown>;
  const settings: CheckSettings = {};
  for (const key of Object.keys(record)) {
    if (!['enabled', 'severity', 'params'].includes(key)) fail(`checks.${id}: unknown key "${key}"`);
  }
  if (record.enabled !== undefined) {
    if (typeof record.enabled !== 'boolean') fail(`checks.${id}.enabled must be true or false`);
    settings.enabled = record.enabled as boolean;
  }
  if (record.severity !== undefined) {
    if (!isSeverity(record.severity))
      fail(`checks.${id}.severity must be one of critical, high, medium, low, info`);
    settings.severity = record.severity as CheckSettings['severity'];
  }
  if (record.params !== undefined) {
    if (typeof record.params !== 'object' || record.params === null)
      fail(`checks.${id}.params must be a mapping`);
    settings.params = record.params as Record<string, unknown>;
  }
  return settings;
}

const CREATOR_KEYS = new Set([
  'group',
  'kind',
  'labels',
  'openLabels',
  'labelsFrom',
  'copyLabels',
  'podTemplates',
  'ports',
  'openPorts',
  'services',
  'source',
]);

/** `podCreators:` rows (docs/configuration.md): the same shape as the built-in table of k8s/pod-creators.ts. */
function podCreatorRows(value: unknown, fail: (m: string) => never): PodCreator[] {
  if (!Array.isArray(value)) return fail('"podCreators" must be a list');
  return value.map((raw, i) => {
    const where = `podCreators[${i}]`;
    if (!isMapping(raw)) return fail(`${where} must be a mapping`);
    for (const key of Object.keys(raw)) if (!CREATOR_KEYS.has(key)) fail(`${where}: unknown key "${key}"`);
    if (typeof raw.group !== 'string' || typeof raw.kind !== 'string' || raw.kind === '')
      fail(`${where} needs "group" (the API group, "" for core) and "kind"`);
    const row: PodCreator = { group: raw.group as string, kind: raw.kind as string };
    const strings = (key: 'openLabels' | 'labelsFrom' | 'podTemplates') => {
      const list = raw[key];
      if (list === undefined) return;
      if (!Array.isArray(list) || list.some((v) => typeof v !== 'string'))
        fail(`${where}.${key} must be a list of strings`);
      row[key] = list as string[];
    };
    strings('openLabels');
    strings('labelsFrom');
    strings('podTemplates');
    if (raw.labels !== undefined) row.labels = stringMap(raw.labels, `${where}.labels`, fail);
    for (const key of ['copyLabels', 'openPorts'] as const) {
      if (raw[key] === undefined) continue;
      if (typeof raw[key] !== 'boolean') fail(`${where}.${key} must be true or false`);
      row[key] = raw[key] as boolean;
    }
    if (raw.ports !== undefined) {
      if (!Array.isArray(raw.ports)) fail(`${where}.ports must be a list`);
      row.ports = (raw.ports as unknown[]).map((port, j) => {
        const at = `${where}.ports[${j}]`;
        if (
          !isMapping(port) ||
          !Number.isInteger(port.port) ||
          (port.port as number) < 1 ||
          (port.port as number) > 65535
        )
          return fail(`${at} needs "port" (1-65535)`);
        if (port.name !== undefined && typeof port.name !== 'string') fail(`${at}.name must be a string`);
        if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(port.protocol as string))
          fail(`${at}.protocol must be TCP, UDP or SCTP`);
        return {
          port: port.port as number,
          ...(typeof port.name === 'string' ? { name: port.name } : {}),
          ...(typeof port.protocol === 'string' ? { protocol: port.protocol } : {}),
        };
      });
    }
    if (raw.services !== undefined) {
      if (!Array.isArray(raw.services)) fail(`${where}.services must be a list`);
      row.services = (raw.services as unknown[]).map((service, j) => {
        const at = `${where}.services[${j}]`;
        if (!isMapping(service) || typeof service.name !== 'string') return fail(`${at} needs "name"`);
        return { name: service.name, labels: stringMap(service.labels ?? {}, `${at}.labels`, fail) };
      });
    }
    if (typeof raw.source === 'string') row.source = raw.source;
    return row;
  });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown, where: string, fail: (m: string) => never): Record<string, string> {
  if (!isMapping(value)) return fail(`${where} must be a mapping of strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      fail(`${where}.${k} must be a string`);
    out[k] = String(v);
  }
  return out;
}
