import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { BuildInstance } from './builds.ts';
import type { Category, CauseHint, Fix } from './check.ts';
import type { ObjectRef } from './object.ts';
import type { Severity } from './severity.ts';

export interface Finding {
  check: string;
  severity: Severity;
  category: Category;
  object: ObjectRef;
  /** Where in the object, as spec.containers[0].image; absent for whole-object findings. */
  path?: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  remediation: string;
  /** Path of the runbook page, relative to the project: docs/runbooks/<check>.md */
  runbook: string;
  /** Stable across runs for the same problem on the same object and path. */
  fingerprint: string;
  /** Present when an annotation or the config silenced the finding; it is kept, not dropped. */
  suppressed?: { reason: string };
  /** Facts behind a cluster finding: conditions, events with counts and ages, exit codes. */
  evidence?: string[];
  /** Fingerprint of the finding that states this one's root cause (both reported on the same input). */
  relatedTo?: string;
  /** Internal: the mechanical fix, applied by --fix. Not part of the JSON contract. */
  fix?: Fix;
  /** Internal: what diagnose groups this finding under. Not part of the JSON contract. */
  cause?: CauseHint;
  /** Internal: the build (a Kustomize or Helm directory) the object came from; see `builds`. */
  build?: string;
  /**
   * The Kustomize builds this problem was found in, when more than one (a base reviewed directly and through
   * overlays): each build's directory and the object as that build names it. `object` is one of them. One entry
   * when only that build has it, in a file other builds share.
   */
  builds?: BuildInstance[];
}

const runbooks = new Map<string, string>();

/** One string per check, shared by all its findings. */
export function runbookPath(check: string): string {
  let path = runbooks.get(check);
  if (path === undefined) {
    path = `docs/runbooks/${check}.md`;
    runbooks.set(check, path);
  }
  return path;
}

/**
 * The identity of a finding across runs: check, object (API group, kind, namespace, name) and sub-locator (the
 * field path, or the check's own locator for whole-object findings, e.g. the label key). Never the message, a
 * measured number, the file or the line: those change while the problem stays the same (decision 0057).
 */
export function fingerprint(check: string, object: ObjectRef, locator: string | undefined): string {
  // The first part of apiVersion ("apps", or "v1" for the core group): kept as it was so path fingerprints stay.
  const group = object.apiVersion.split('/')[0];
  const identity = [check, group, object.kind, object.namespace ?? '', object.name, locator ?? ''];
  // The first 8 bytes of SHA-256 as 16 hex digits, a string of its own (a slice of the 64-digit one would keep it
  // alive). A JavaScript SHA-256: node:crypto loads 37 modules (~7 ms) a review of one file otherwise never needs
  // (decision 0043); finding.test.ts compares both.
  return bytesToHex(sha256(utf8ToBytes(identity.join('\u0000'))).subarray(0, 8));
}
