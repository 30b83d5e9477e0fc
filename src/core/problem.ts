/** Something that stopped part of the input from being read or checked. Never fatal to the run. */
export interface Problem {
  file?: string;
  line?: number;
  column?: number;
  object?: string;
  message: string;
  /** input: the user's data is bad; source: a tool/cluster failed; check: our bug. */
  kind: 'input' | 'source' | 'check';
  /** Warnings (e.g. a kind RBAC forbids us to read) are reported but do not make the run fail. */
  level?: 'error' | 'warning';
}

/** A file that was not reviewed on purpose (not a Kubernetes manifest, not built by its kustomization). */
export interface SkippedFile {
  file: string;
  reason: string;
}
