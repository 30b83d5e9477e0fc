// What the recommender reads and what it returns. Pure data: the Prometheus and metrics-API readers fill a
// ContainerHistory, recommend.ts turns it into a Recommendation (formulas: docs/decisions/0065-rightsize.md).

/** A container of a workload, across every pod the workload ever had (rollouts and deleted pods included). */
export interface ContainerKey {
  namespace: string;
  /** The owning workload after resolving ReplicaSet → Deployment and Job → CronJob; a bare Pod is its own. */
  kind: string;
  name: string;
  container: string;
}

/** How the container runs: app containers and native sidecars for the pod's life, init containers once per start. */
export type ContainerRole = 'app' | 'sidecar' | 'init';

/** One pod's samples of one container, at the step of the query (seconds since the epoch, ascending). */
export interface PodSeries {
  pod: string;
  /** CPU cores used, averaged over the step ending at t (rate of the usage counter). */
  cpu: Sample[];
  /** Highest working-set bytes seen within the step ending at t (max_over_time), so no spike between grid points is lost. */
  memory: Sample[];
  /** Share of CFS periods throttled within the step ending at t (0..1); only steps with periods. */
  throttled: Sample[];
  /** Start times of the container (seconds): each restart starts a new start-up window. */
  starts: number[];
  /** OOM kills: when, and the memory limit in force then (bytes; undefined when the container had none). */
  ooms: { at: number; limit?: number }[];
}

export type Sample = readonly [t: number, value: number];

export interface ContainerHistory {
  key: ContainerKey;
  role: ContainerRole;
  pods: PodSeries[];
  /** The query step in seconds (the grid every sample sits on). */
  step: number;
  /** The window asked for: [start, end] in seconds. */
  window: { start: number; end: number };
}

/** The container's resources as the workload declares them now, in cores and bytes. */
export interface CurrentResources {
  cpuRequest?: number;
  cpuLimit?: number;
  memoryRequest?: number;
  memoryLimit?: number;
}

/** An HPA that scales the workload on CPU utilization (the only kind whose replica effect we can replay). */
export interface HpaTarget {
  name: string;
  /** Target average utilization of the CPU request, 0..1 (70% → 0.7). */
  utilization: number;
  minReplicas: number;
  maxReplicas: number;
}

export interface Policy {
  /** Quantile of steady CPU usage the request covers (0..1). */
  cpuPercentile: number;
  /** Added on top of the CPU quantile (0.1 = 10%). */
  cpuMargin: number;
  /** Added on top of the memory peak (0.15 = 15%). */
  memoryMargin: number;
  /** `none`: no CPU limit (the default); `keep`: leave limits as they are; `required`: set one above the peak. */
  cpuLimit: 'none' | 'keep' | 'required';
  /** Seconds after each container start whose CPU is start-up, not steady use. */
  startupSeconds: number;
  /** A step is throttled (demand unknown) when more than this share of its CFS periods were throttled. */
  throttledStep: number;
  cpuMin: number;
  memoryMin: number;
  /** Hysteresis: no change smaller than this share of the current value (nor below the absolute minimums). */
  minChange: number;
  minChangeCpu: number;
  minChangeMemory: number;
}

export const DEFAULT_POLICY: Policy = {
  cpuPercentile: 0.95,
  cpuMargin: 0.1,
  memoryMargin: 0.15,
  cpuLimit: 'none',
  startupSeconds: 300,
  throttledStep: 0.05,
  cpuMin: 0.01,
  memoryMin: 32 * 2 ** 20,
  minChange: 0.1,
  minChangeCpu: 0.025,
  minChangeMemory: 64 * 2 ** 20,
};

export type Confidence = 'none' | 'low' | 'medium' | 'high';

export interface ResourceAdvice {
  /** The value to set (cores or bytes); undefined when the data cannot support one. */
  request?: number;
  /** The limit to set; null means "no limit"; undefined means leave the limit alone. */
  limit?: number | null;
  /** Facts behind the value, one line each: window, quantile, peaks, exclusions, throttling, OOM kills. */
  evidence: string[];
  /** Why a cut was held back (thin data, throttling), when it was. */
  held?: string;
}

export interface Recommendation {
  key: ContainerKey;
  role: ContainerRole;
  confidence: Confidence;
  /** Days of data behind it: min(span, covered steps × step) (VPA's measure). */
  days: number;
  cpu: ResourceAdvice;
  memory: ResourceAdvice;
  /** Share of steps throttled above policy.throttledStep (0..1), when CFS data was there. */
  throttled?: number;
  ooms: { at: number; limit?: number }[];
  hpa?: { name: string; replicasBefore: ReplicaStats; replicasAfter: ReplicaStats };
  /** Set for point-in-time estimates from the metrics API (no history). */
  pointInTime?: boolean;
}

export interface ReplicaStats {
  median: number;
  p99: number;
  max: number;
  /** Mean of replicas × request over the replayed steps, in cores. */
  meanRequested: number;
}
