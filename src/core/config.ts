import type { Severity } from './severity.ts';

/** Per-check settings from .shipshape.yaml. */
export interface CheckSettings {
  enabled?: boolean;
  severity?: Severity;
  params?: Record<string, unknown>;
}

/** The validated contents of .shipshape.yaml (see docs/configuration.md). */
export interface Config {
  checks: Record<string, CheckSettings>;
  /** Only these checks run (plus those enabled explicitly); empty = the defaults. */
  include: string[];
  exclude: string[];
  /** Glob patterns of input paths to skip. */
  excludePaths: string[];
  failOn?: Severity | 'none';
  /** Custom resources whose operators create pods (added to, or replacing rows of, k8s/pod-creators.ts). */
  podCreators: PodCreator[];
  /** Where the config came from, for messages. */
  file?: string;
}

export function emptyConfig(): Config {
  return { checks: {}, include: [], exclude: [], excludePaths: [], podCreators: [] };
}

export const IGNORE_ANNOTATION = 'shipshape.dev/ignore';
export const IGNORE_REASON_ANNOTATION = 'shipshape.dev/ignore-reason';

export interface CreatorPort {
  name?: string;
  port: number;
  protocol?: string;
  /** A field of the resource that renames this port (prometheus-operator's spec.portName). */
  nameFrom?: string;
}

export interface CreatedService {
  /** "{name}" stands for the resource's name. */
  name: string;
  labels: Record<string, string>;
}

/** A custom resource kind whose operator creates pods, and where their labels and ports come from. */
export interface PodCreator {
  group: string;
  kind: string;
  /** Labels the operator puts on every pod; "{name}" stands for the resource's name. */
  labels?: Record<string, string>;
  /** Label keys, or prefixes ending in "/", that the operator sets to values the input does not show. */
  openLabels?: string[];
  /** Dotted paths of label maps the operator copies onto every pod (e.g. spec.podMetadata.labels). */
  labelsFrom?: string[];
  /** The resource's own metadata.labels are copied onto its pods. */
  copyLabels?: boolean;
  /**
   * Dotted paths of pod templates (metadata.labels, spec.containers[].ports); "[]" walks a list. Each template
   * is its own set of pods, with the labels above added.
   */
  podTemplates?: string[];
  /** Ports the operator's containers declare. */
  ports?: CreatorPort[];
  /** The pods have ports the table does not list: their named ports are not judged. */
  openPorts?: boolean;
  /** Services the operator creates for each resource (a ServiceMonitor may select them). */
  services?: CreatedService[];
  /** Where the facts come from. */
  source?: string;
}
