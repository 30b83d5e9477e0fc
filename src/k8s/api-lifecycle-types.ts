// The shape of one row of the generated API lifecycle table (api-lifecycle.ts, written by scripts/build-schemas.ts).

export interface ApiLifecycle {
  /** "group/version", or "v1" for the core group. */
  apiVersion: string;
  kind: string;
  /** Minor versions, e.g. "1.22". */
  introduced?: string;
  deprecated?: string;
  /** First minor version that no longer serves it. */
  removed?: string;
  /** Set when upstream declares no removal and the release's published OpenAPI stopped listing the kind. */
  removedFrom?: 'openapi';
  /** The apiVersion to move to. */
  replacement?: string;
  /** The replacement's kind when it is another one (v1 Endpoints → discovery.k8s.io/v1 EndpointSlice). */
  replacementKind?: string;
  /** Set when upstream names no replacement: the same kind in the group's stable version. */
  replacementFrom?: 'inferred';
  /** First minor version serving the replacement. */
  replacementSince?: string;
  /** Where the facts come from: "k8s.io/api@v0.37.2", or "openapi". */
  source: string;
  /** The package of `source` that declares them ("flowcontrol/v1beta1"): its zz_generated.prerelease-lifecycle.go. */
  package?: string;
}
