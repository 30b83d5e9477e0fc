// The `shipshape capacity -o json` document: a stable contract (docs/capacity-json.md). Fields are never renamed or
// removed; new ones may be added. Amounts are numbers in scheduler units: millicores for cpu, bytes for memory and
// storage, whole units for everything else (pods, nvidia.com/gpu).
import type { SourceInfo } from '../core/report.ts';

/** Resource name → amount in scheduler units. */
export type Amounts = Record<string, number>;

export interface CapacityProblem {
  /** error: the report is incomplete or the input is wrong (exit 2); note: something could not be known. */
  level: 'error' | 'note';
  message: string;
  /** "Node/a", "Pod/shop/web-1", "ResourceQuota/shop/compute". */
  object?: string;
}

/** What a group (node, pool, namespace, team, cluster) has and what its pods ask for. */
export interface Totals {
  /** Only nodes and groups of nodes. */
  allocatable?: Amounts;
  /** Effective requests of the non-terminal pods (bound to the nodes, for node groups). */
  requested: Amounts;
  limits: Amounts;
  /** From the metrics API, when it answered. */
  usage?: Amounts;
  /** Node groups: requested − allocatable never below 0. */
  free?: Amounts;
  /** Node groups: limits / allocatable per resource (1.5 = 150%). */
  overcommit?: Record<string, number>;
  pods: number;
  /** Node groups: pod slots (allocatable pods). */
  maxPods?: number;
}

export interface NodeRow extends Totals {
  name: string;
  pool: string;
  ready: boolean;
  /** Cordoned nodes take no new pods. */
  schedulable: boolean;
  taints: string[];
}

export interface GroupRow extends Totals {
  name: string;
  /** Pools: how many nodes. */
  nodes?: number;
  /** Namespaces: the team it counts for. */
  team?: string;
  /** Namespaces and teams: pods not yet bound to a node (they compete for the headroom). */
  pending?: number;
}

export interface QuotaRow {
  namespace: string;
  name: string;
  hard: Record<string, string>;
  /** status.used as the quota controller wrote it. */
  used: Record<string, string>;
  /** used / hard per resource that has both (0.8 = 80%). */
  ratio: Record<string, number>;
  scopes: string[];
  /**
   * Recomputed from the pods read, per quota resource about pods (pods, requests.*, limits.*, cpu, memory), in
   * scheduler units: a cross-check of status.used (they differ for a moment after pods change).
   */
  computed: Amounts;
}

export interface NodeHeadroom {
  node: string;
  pool: string;
  pods: number;
  /** Why no more (or none) fit: the scheduler's reason for the next pod. */
  limitedBy?: string;
}

export interface Headroom {
  /** "cpu=500m,memory=1Gi" or "Deployment shop/web". */
  shape: string;
  namespace: string;
  /** The effective requests of one pod of that shape (after LimitRange defaults). */
  requests: Amounts;
  /** How many more such pods the scheduler would place now. */
  pods: number;
  byPool: { pool: string; pods: number }[];
  byNode: NodeHeadroom[];
  /** Reasons the nodes stop taking pods, counted: { "Insufficient memory": 3 }. */
  limitedBy: Record<string, number>;
  /** How many fit the namespace's ResourceQuotas, when any applies (undefined: no quota limits it). */
  quota?: { pods: number; limitedBy: string };
  /** Pods Pending now: the scheduler places them first when they fit, so they come off this headroom. */
  pendingPods: number;
  /** Placement was simulated pod by pod (topology spread, pod affinity); true if the simulation hit its budget. */
  simulated: boolean;
  truncated?: boolean;
}

export interface Stranded {
  /** The pod shape free capacity is measured against. */
  shape: string;
  requests: Amounts;
  /** Free amounts no pod of that shape can use because another resource ran out first, summed over nodes. */
  total: Amounts;
  nodes: { node: string; limitedBy: string; stranded: Amounts }[];
}

export interface CapacityReport {
  tool: { name: 'shipshape'; version: string };
  command: 'capacity';
  source: SourceInfo;
  /** Resource names shown, cpu and memory first. */
  resources: string[];
  usage: { available: boolean; reason?: string };
  cluster: Totals;
  nodes: NodeRow[];
  pools: GroupRow[];
  /** The node label pools are read from ("" when none of the usual ones is set). */
  poolLabel: string;
  namespaces: GroupRow[];
  teams: GroupRow[];
  teamLabel: string;
  quotas: QuotaRow[];
  headroom?: Headroom;
  stranded?: Stranded;
  problems: CapacityProblem[];
}
