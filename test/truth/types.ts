// What each truth run returns: agreement between shipshape and the real control plane, object by object.

export interface TruthResult {
  name: 'pss' | 'schema' | 'scheduler' | 'enums' | 'deprecations';
  agree: number;
  disagree: number;
  /** Objects the server could not judge (version it does not support, kind it does not serve, ...). */
  notApplicable: number;
  /** One line per disagreement: the object, our verdict, the server's verdict and message. */
  disagreements: string[];
  /** Further notes (not-applicable objects, classifications); printed, never counted as agreement. */
  notes: string[];
  /** Sub-counts worth printing, e.g. schema disagreements that are server-only semantic validation. */
  breakdown?: Record<string, number>;
  /** Agreements where both rejected (the rest of `agree` are objects both accepted). */
  rejectedByBoth?: number;
  milliseconds: number;
}

export function rate(result: Pick<TruthResult, 'agree' | 'disagree'>): string {
  const judged = result.agree + result.disagree;
  return judged === 0 ? 'n/a' : `${((100 * result.agree) / judged).toFixed(1)}%`;
}

export function emptyResult(name: TruthResult['name']): TruthResult {
  return { name, agree: 0, disagree: 0, notApplicable: 0, disagreements: [], notes: [], milliseconds: 0 };
}
