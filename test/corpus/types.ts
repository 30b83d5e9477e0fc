// Shared shape of a peer corpus score, plus the helpers every scorer uses to run shipshape the way a user would:
// the real file source (loadFiles) and the real engine (selectChecks + runChecks), only the mapped checks on.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_CHECKS } from '../../src/checks/registry.ts';
import type { AnyCheck, PeerMapping, RunSettings } from '../../src/core/check.ts';
import { emptyConfig } from '../../src/core/config.ts';
import { runChecks, selectChecks } from '../../src/core/engine.ts';
import type { Finding } from '../../src/core/finding.ts';
import { ObjectIndex } from '../../src/core/index.ts';
import type { Problem } from '../../src/core/problem.ts';
import { loadFiles } from '../../src/sources/files/load-files.ts';

/** Agreement with one peer's fixtures. `details` holds one line per disagreement (and notes). */
export interface CorpusScore {
  peer: string;
  agree: number;
  disagree: number;
  notApplicable: number;
  details: string[];
  /** real-world only: schema findings on manifests that must be valid. */
  schemaErrors?: number;
  /** real-world only: files whose review crashed (a check problem or an exception). */
  crashes?: number;
  /**
   * Expectations we dispute and miss, each listed in `details` with the Kubernetes fact it contradicts: counted
   * apart, in neither agree nor disagree (diagnose: synthetic fixtures whose status no control plane writes).
   */
  disputed?: number;
  /**
   * Disagreements where our answer is the one Kubernetes' own data gives and the peer's is not (pluto: the
   * generated lifecycle table), decided per case by the scorer. Counted in `disagree` (the raw agreement stays
   * raw); `agreementWhereUpstreamAgrees` leaves them out.
   */
  contradictsUpstream?: number;
  /** Optional breakdown per peer check id, printed by score.ts when present. */
  perCheck?: Record<string, CheckTally>;
}

export interface CheckTally {
  agree: number;
  disagree: number;
  notApplicable: number;
  /** The shipshape checks the peer check was scored with; empty when not covered. */
  ours: string[];
}

export type Scorer = (corpusDir: string) => Promise<CorpusScore>;

export type PeerName = keyof PeerMapping;

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `../shared/corpus` beside the clone, or $SHIPSHAPE_CORPUS. */
export function corpusDir(): string {
  return process.env.SHIPSHAPE_CORPUS
    ? resolve(process.env.SHIPSHAPE_CORPUS)
    : resolve(REPO_ROOT, '..', 'shared', 'corpus');
}

export function corpusAvailable(dir = corpusDir()): boolean {
  return existsSync(join(dir, 'README.md')) || existsSync(join(dir, 'polaris'));
}

/** Peer check id → the shipshape checks that declare it in `peers`, built from the registry. */
export function peerMap(peer: PeerName, checks: readonly AnyCheck[] = ALL_CHECKS): Map<string, AnyCheck[]> {
  const map = new Map<string, AnyCheck[]>();
  for (const check of checks) {
    for (const peerId of check.peers?.[peer] ?? []) {
      const list = map.get(peerId);
      if (list) list.push(check);
      else map.set(peerId, [check]);
    }
  }
  return map;
}

export interface ReviewRun {
  /** Unsuppressed findings of the included checks. */
  findings: Finding[];
  /** Input problems (files that could not be read or parsed) and check crashes. */
  problems: Problem[];
  objects: number;
}

export const CORPUS_SETTINGS: RunSettings = { now: new Date('2026-11-28T00:00:00Z') };

/** Reviews paths with only `include` on (off-by-default checks too), params per check id where given. */
export function reviewPaths(
  paths: readonly string[],
  include: readonly string[],
  options: { params?: Record<string, Record<string, unknown>>; settings?: Partial<RunSettings> } = {},
): ReviewRun {
  const settings: RunSettings = { ...CORPUS_SETTINGS, ...options.settings };
  // An empty include would mean "the defaults": a scorer never wants that.
  if (include.length === 0) throw new Error('reviewPaths needs at least one check id');
  const loaded = loadFiles(paths);
  const index = new ObjectIndex(loaded.objects, { partial: true });
  const config = emptyConfig();
  for (const [id, params] of Object.entries(options.params ?? {})) config.checks[id] = { params };
  const selected = selectChecks(ALL_CHECKS, config, settings, { include: [...include] });
  const result = runChecks(index, selected, settings);
  return {
    findings: result.findings.filter((f) => !f.suppressed),
    problems: [...loaded.problems, ...result.problems],
    objects: loaded.objects.length,
  };
}

export function tally(
  perCheck: Record<string, CheckTally>,
  peerId: string,
  ours: readonly AnyCheck[],
): CheckTally {
  let entry = perCheck[peerId];
  if (!entry) {
    entry = { agree: 0, disagree: 0, notApplicable: 0, ours: ours.map((c) => c.id) };
    perCheck[peerId] = entry;
  }
  return entry;
}

/** Agreement on the cases where the peer does not contradict upstream (undefined when the scorer does not judge it). */
export function agreementWhereUpstreamAgrees(score: CorpusScore): number | undefined {
  if (score.contradictsUpstream === undefined) return undefined;
  return agreement({ agree: score.agree, disagree: score.disagree - score.contradictsUpstream });
}

/** agree / (agree + disagree) as a percentage, or undefined when nothing was comparable. */
export function agreement(score: Pick<CorpusScore, 'agree' | 'disagree'>): number | undefined {
  const total = score.agree + score.disagree;
  return total === 0 ? undefined : (100 * score.agree) / total;
}
