// Enum fields the API server drops, before it validates, while their feature gate is off (the default of an alpha
// or off-by-default beta gate): a wrong value there is accepted, so the bundled set of such a minor must not enum
// it either (the enum truth against the test bed decides: test/truth/enums.ts). Each gate's default per release
// is read from that release's pkg/features; which field a gate drops is written by hand (upstream's drop
// functions are code, not data) — GATED_ENUMS names the upstream file whose drop function mentions the gate,
// and the generator checks that it still does in every release where the gate is off.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenApiSet } from './openapi.ts';

export interface GatedEnum {
  gate: string;
  /** Definition and property whose enum (or items' enum) the server ignores with the gate off. */
  definition: string;
  properties: string[];
  /** The k8s.io/kubernetes file whose drop function clears the field when the gate is off. */
  droppedBy: string;
}

/** Hand-written (upstream data is silent): the drop functions of pkg/api and pkg/registry that clear enum fields. */
export const GATED_ENUMS: readonly GatedEnum[] = [
  {
    gate: 'ContainerStopSignals',
    definition: 'io.k8s.api.core.v1.Lifecycle',
    properties: ['stopSignal'],
    droppedBy: 'pkg/api/pod/util.go',
  },
  {
    gate: 'ImageVolume',
    definition: 'io.k8s.api.core.v1.ImageVolumeSource',
    properties: ['pullPolicy'],
    droppedBy: 'pkg/api/pod/util.go',
  },
  {
    gate: 'ProcMountType',
    definition: 'io.k8s.api.core.v1.SecurityContext',
    properties: ['procMount'],
    droppedBy: 'pkg/api/pod/util.go',
  },
  {
    gate: 'RecursiveReadOnlyMounts',
    definition: 'io.k8s.api.core.v1.VolumeMount',
    properties: ['recursiveReadOnly'],
    droppedBy: 'pkg/api/pod/util.go',
  },
  {
    gate: 'InPlacePodVerticalScaling',
    definition: 'io.k8s.api.core.v1.ContainerResizePolicy',
    properties: ['resourceName', 'restartPolicy'],
    droppedBy: 'pkg/api/pod/util.go',
  },
  {
    gate: 'SidecarContainers',
    definition: 'io.k8s.api.core.v1.Container',
    properties: ['restartPolicy'],
    droppedBy: 'pkg/api/pod/util.go',
  },
  {
    gate: 'NodeInclusionPolicyInPodTopologySpread',
    definition: 'io.k8s.api.core.v1.TopologySpreadConstraint',
    properties: ['nodeAffinityPolicy', 'nodeTaintsPolicy'],
    droppedBy: 'pkg/api/pod/util.go',
  },
  {
    gate: 'IdentifyPodOS',
    definition: 'io.k8s.api.core.v1.PodOS',
    properties: ['name'],
    droppedBy: 'pkg/api/pod/util.go',
  },
  {
    gate: 'JobPodReplacementPolicy',
    definition: 'io.k8s.api.batch.v1.JobSpec',
    properties: ['podReplacementPolicy'],
    droppedBy: 'pkg/registry/batch/job/strategy.go',
  },
  {
    gate: 'JobPodFailurePolicy',
    definition: 'io.k8s.api.batch.v1.PodFailurePolicyRule',
    properties: ['action'],
    droppedBy: 'pkg/registry/batch/job/strategy.go',
  },
  {
    gate: 'JobPodFailurePolicy',
    definition: 'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement',
    properties: ['operator'],
    droppedBy: 'pkg/registry/batch/job/strategy.go',
  },
  {
    gate: 'JobPodFailurePolicy',
    definition: 'io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern',
    properties: ['status'],
    droppedBy: 'pkg/registry/batch/job/strategy.go',
  },
  {
    gate: 'StatefulSetAutoDeletePVC',
    definition: 'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy',
    properties: ['whenDeleted', 'whenScaled'],
    droppedBy: 'pkg/registry/apps/statefulset/strategy.go',
  },
];

/**
 * Each feature gate's default in one release, from its pkg/features/*.go: the versioned form
 * (`Gate: {{Version: version.MustParse("1.31"), Default: false, …}, …}`, 1.31 on: the newest entry not newer than
 * the release) wins over the single-spec form (`Gate: {Default: false, …}`).
 */
export function gateDefaults(kubernetesDir: string, minor: string): Map<string, boolean> {
  const dir = join(kubernetesDir, 'pkg', 'features');
  const [, releaseMinor = 0] = minor.split('.').map(Number);
  const single = new Map<string, boolean>();
  const versioned = new Map<string, boolean>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/^\t(?:\w+\.)?(\w+):\s*\{Default:\s*(true|false)\b/gm))
      single.set(m[1]!, m[2] === 'true');
    for (const m of text.matchAll(
      /^\t(?:\w+\.)?(\w+):\s*\{\n((?:\t\t\{Version:[^\n]*\n|\t\t\/\/[^\n]*\n)+)\t\}/gm,
    )) {
      let best: { minor: number; on: boolean } | undefined;
      for (const entry of m[2]!.matchAll(/MustParse\("1\.(\d+)"\),\s*Default:\s*(true|false)/g)) {
        const at = Number(entry[1]);
        if (at <= releaseMinor && (!best || at >= best.minor)) best = { minor: at, on: entry[2] === 'true' };
      }
      if (best) versioned.set(m[1]!, best.on);
    }
  }
  return new Map([...single, ...versioned]);
}

/**
 * Removes the enums of GATED_ENUMS fields whose gate is off by default in this release. A gate the release does
 * not know is either not born (nor is its field) or removed after GA (the field is always on). Returns what was
 * removed, and the entries whose droppedBy file no longer mentions the gate (the hand-written table is stale).
 */
export function stripGatedEnums(
  set: OpenApiSet,
  kubernetesDir: string,
  defaults: ReadonlyMap<string, boolean>,
): { removed: string[]; stale: string[] } {
  const removed: string[] = [];
  const stale: string[] = [];
  for (const entry of GATED_ENUMS) {
    if (defaults.get(entry.gate) !== false) continue;
    const definition = set.definitions[entry.definition];
    const properties = definition?.properties as Record<string, Record<string, unknown>> | undefined;
    if (!properties) continue;
    const file = join(kubernetesDir, entry.droppedBy);
    if (!existsSync(file) || !readFileSync(file, 'utf8').includes(`features.${entry.gate}`))
      stale.push(`${entry.gate}: ${entry.droppedBy} does not mention it`);
    for (const property of entry.properties) {
      const node = properties[property];
      if (!node) continue;
      const items = node.items as Record<string, unknown> | undefined;
      for (const holder of [node, items])
        if (holder && 'enum' in holder) {
          delete holder.enum;
          removed.push(`${entry.definition}.${property} (${entry.gate})`);
        }
    }
  }
  return { removed, stale };
}
