// The findings list's filters, sort and page live in the URL, so a view can be bookmarked and shared. Values are
// checked against what the store knows; anything else is dropped rather than passed on (bounded in count and size).
import { SEVERITIES, type Severity } from '../../core/severity.ts';
import { FINDING_SORTS, type FindingQuery, type FindingSort } from '../../store/read.ts';
import type { FindingState } from '../../store/schema.ts';

export const STATES: readonly FindingState[] = ['open', 'resolved', 'gone', 'suppressed'];
export const PAGE_SIZE = 50;
const MAX_VALUES = 50;
const MAX_LENGTH = 253;

/** The list view as the URL states it. */
export interface FindingsView {
  cluster?: string;
  states: FindingState[];
  severities: Severity[];
  namespaces: string[];
  checks: string[];
  kinds: string[];
  /** Teams (the namespace label the serve config's teamLabel names). */
  teams: string[];
  name?: string;
  sort: FindingSort;
  order?: 'asc' | 'desc';
  page: number;
}

export function parseFindingsView(params: URLSearchParams): FindingsView {
  const all = (key: string) =>
    params
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '' && v.length <= MAX_LENGTH)
      .slice(0, MAX_VALUES);
  const one = (key: string) => {
    const v = params.get(key)?.trim();
    return v && v.length <= MAX_LENGTH ? v : undefined;
  };
  const states = all('state').filter((s): s is FindingState => (STATES as readonly string[]).includes(s));
  const sort = one('sort');
  const order = one('order');
  const page = Number.parseInt(one('page') ?? '1', 10);
  const view: FindingsView = {
    states: states.length > 0 ? unique(states) : ['open'],
    severities: unique(
      all('severity').filter((s): s is Severity => (SEVERITIES as readonly string[]).includes(s)),
    ),
    namespaces: unique(all('namespace')),
    checks: unique(all('check')),
    kinds: unique(all('kind')),
    teams: unique(all('team')),
    sort: (FINDING_SORTS as readonly string[]).includes(sort ?? '') ? (sort as FindingSort) : 'severity',
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1,
  };
  const cluster = one('cluster');
  if (cluster) view.cluster = cluster;
  const name = one('name');
  if (name) view.name = name;
  if (order === 'asc' || order === 'desc') view.order = order;
  return view;
}

export function storeQuery(view: FindingsView): FindingQuery {
  const q: FindingQuery = {
    states: view.states,
    sort: view.sort,
    limit: PAGE_SIZE,
    offset: (view.page - 1) * PAGE_SIZE,
  };
  if (view.cluster) q.cluster = view.cluster;
  if (view.severities.length > 0) q.severities = view.severities;
  if (view.namespaces.length > 0) q.namespaces = view.namespaces;
  if (view.checks.length > 0) q.checks = view.checks;
  if (view.kinds.length > 0) q.kinds = view.kinds;
  if (view.teams.length > 0) q.teams = view.teams;
  if (view.name) q.name = view.name;
  if (view.order) q.order = view.order;
  return q;
}

/** The URL of a view, with `change` applied (page back to 1 unless the change sets it). */
export function findingsUrl(view: FindingsView, change: Partial<FindingsView> = {}): string {
  const v: FindingsView = { ...view, page: 1, ...change };
  const params = new URLSearchParams();
  if (v.cluster) params.set('cluster', v.cluster);
  if (!(v.states.length === 1 && v.states[0] === 'open')) for (const s of v.states) params.append('state', s);
  for (const s of v.severities) params.append('severity', s);
  for (const n of v.namespaces) params.append('namespace', n);
  for (const c of v.checks) params.append('check', c);
  for (const k of v.kinds) params.append('kind', k);
  for (const t of v.teams) params.append('team', t);
  if (v.name) params.set('name', v.name);
  if (v.sort !== 'severity') params.set('sort', v.sort);
  if (v.order) params.set('order', v.order);
  if (v.page > 1) params.set('page', String(v.page));
  const text = params.toString();
  return text ? `/findings?${text}` : '/findings';
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
