// Pod Security Standards policy versions. Policies are versioned by Kubernetes minor release ("v1.NN");
// a version newer than the newest policy this code knows evaluates as that newest policy, as the
// pod-security-admission library does (its registry clamps to its maxVersion).
// https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces

/**
 * The minor number of a "1.NN" / "v1.NN" / "v1.NN.P" version, or undefined for "latest", an empty value or
 * anything unparseable (callers then use the newest policy).
 */
export function parseMinor(version: string | undefined): number | undefined {
  if (version === undefined) return undefined;
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major < 1) return 0;
  // A hypothetical 2.x is newer than every 1.x policy.
  if (major > 1) return Number.POSITIVE_INFINITY;
  return minor;
}

/** The policy minor version to evaluate: the requested one clamped to [0, newest]. */
export function policyMinor(version: string | undefined, newest: number): number {
  const minor = parseMinor(version);
  if (minor === undefined) return newest;
  return Math.min(Math.max(minor, 0), newest);
}
