// Custom resources whose operator creates pods (and Services) that the manifests do not show: where the pods'
// labels and ports come from, kind by kind. Facts were read from each operator's source (links per row); a
// .shipshape.yaml `podCreators:` list adds or replaces rows (docs/configuration.md, decision 0036).

import type { CreatorPort, PodCreator } from '../core/config.ts';
import type { ObjectIndex } from '../core/index.ts';
import { groupOf, type KubeObject } from '../core/object.ts';

export type { CreatedService, CreatorPort, PodCreator } from '../core/config.ts';

const PROMETHEUS_OPERATOR = {
  'app.kubernetes.io/managed-by': 'prometheus-operator',
  'app.kubernetes.io/instance': '{name}',
};
const OPERATED = {
  'app.kubernetes.io/managed-by': 'prometheus-operator',
  'managed-by': 'prometheus-operator',
};
const RELOADER: CreatorPort = { name: 'reloader-web', port: 8080 };
const STRIMZI_OPEN = ['strimzi.io/', 'app.kubernetes.io/'];
const STRIMZI_SOURCE =
  'https://github.com/strimzi/strimzi-kafka-operator/blob/main/operator-common/src/main/java/io/strimzi/operator/common/model/Labels.java';

/** The built-in table. Keep rows sorted by group, then kind. */
export const BUILT_IN_POD_CREATORS: readonly PodCreator[] = [
  {
    group: 'acid.zalan.do',
    kind: 'postgresql',
    labels: { application: 'spilo', 'cluster-name': '{name}' },
    openLabels: ['spilo-role', 'team'],
    ports: [{ port: 5432 }, { port: 8008 }, { port: 8080 }],
    source: 'https://github.com/zalando/postgres-operator/blob/master/pkg/util/config/config.go',
  },
  {
    group: 'apps.kruise.io',
    kind: 'CloneSet',
    podTemplates: ['spec.template'],
    openLabels: ['apps.kruise.io/', 'controller-revision-hash', 'pod-template-hash'],
    source: 'https://openkruise.io/docs/user-manuals/cloneset',
  },
  {
    group: 'apps.kruise.io',
    kind: 'StatefulSet',
    podTemplates: ['spec.template'],
    openLabels: ['apps.kruise.io/', 'controller-revision-hash', 'statefulset.kubernetes.io/'],
    source: 'https://openkruise.io/docs/user-manuals/advancedstatefulset',
  },
  {
    group: 'apps.kruise.io',
    kind: 'DaemonSet',
    podTemplates: ['spec.template'],
    openLabels: ['apps.kruise.io/', 'controller-revision-hash', 'pod-template-generation'],
    source: 'https://openkruise.io/docs/user-manuals/advanceddaemonset',
  },
  {
    group: 'argoproj.io',
    kind: 'Rollout',
    // spec.workloadRef points at a Deployment of the input, whose own pod template is indexed already.
    podTemplates: ['spec.template'],
    openLabels: ['rollouts-pod-template-hash'],
    source: 'https://argo-rollouts.readthedocs.io/en/stable/features/specification/',
  },
  {
    group: 'elasticsearch.k8s.elastic.co',
    kind: 'Elasticsearch',
    labels: {
      'common.k8s.elastic.co/type': 'elasticsearch',
      'elasticsearch.k8s.elastic.co/cluster-name': '{name}',
    },
    openLabels: ['elasticsearch.k8s.elastic.co/', 'common.k8s.elastic.co/'],
    podTemplates: ['spec.nodeSets[].podTemplate'],
    // The HTTP port is named https, or http when spec.http.tls disables TLS.
    ports: [
      { name: 'https', port: 9200 },
      { name: 'http', port: 9200 },
      { name: 'transport', port: 9300 },
    ],
    source:
      'https://github.com/elastic/cloud-on-k8s/blob/main/pkg/controller/elasticsearch/nodespec/podspec.go',
  },
  {
    group: 'kafka.strimzi.io',
    kind: 'Kafka',
    labels: {
      'strimzi.io/cluster': '{name}',
      'strimzi.io/kind': 'Kafka',
      'app.kubernetes.io/instance': '{name}',
    },
    openLabels: STRIMZI_OPEN,
    copyLabels: true,
    podTemplates: [
      'spec.kafka.template.pod',
      'spec.zookeeper.template.pod',
      'spec.entityOperator.template.pod',
      'spec.cruiseControl.template.pod',
      'spec.kafkaExporter.template.pod',
    ],
    // Listener ports are named after the listeners (tcp-<name>); the table cannot list them all.
    openPorts: true,
    source: STRIMZI_SOURCE,
  },
  {
    group: 'kafka.strimzi.io',
    kind: 'KafkaBridge',
    labels: {
      'strimzi.io/cluster': '{name}',
      'strimzi.io/kind': 'KafkaBridge',
      'strimzi.io/name': '{name}-bridge',
    },
    openLabels: STRIMZI_OPEN,
    copyLabels: true,
    podTemplates: ['spec.template.pod'],
    ports: [{ name: 'rest-api', port: 8080 }],
    openPorts: true,
    source: STRIMZI_SOURCE,
  },
  {
    group: 'kafka.strimzi.io',
    kind: 'KafkaConnect',
    labels: {
      'strimzi.io/cluster': '{name}',
      'strimzi.io/kind': 'KafkaConnect',
      'strimzi.io/name': '{name}-connect',
    },
    openLabels: STRIMZI_OPEN,
    copyLabels: true,
    podTemplates: ['spec.template.pod'],
    ports: [{ name: 'rest-api', port: 8083 }],
    openPorts: true,
    source: STRIMZI_SOURCE,
  },
  {
    group: 'kafka.strimzi.io',
    kind: 'KafkaMirrorMaker2',
    labels: {
      'strimzi.io/cluster': '{name}',
      'strimzi.io/kind': 'KafkaMirrorMaker2',
      'strimzi.io/name': '{name}-mirrormaker2',
    },
    openLabels: STRIMZI_OPEN,
    copyLabels: true,
    podTemplates: ['spec.template.pod'],
    ports: [{ name: 'rest-api', port: 8083 }],
    openPorts: true,
    source: STRIMZI_SOURCE,
  },
  {
    group: 'kafka.strimzi.io',
    kind: 'KafkaNodePool',
    // Its pods belong to the Kafka named by its strimzi.io/cluster label, copied with the other labels.
    labels: { 'strimzi.io/kind': 'Kafka', 'strimzi.io/pool-name': '{name}' },
    openLabels: STRIMZI_OPEN,
    copyLabels: true,
    podTemplates: ['spec.template.pod'],
    openPorts: true,
    source: STRIMZI_SOURCE,
  },
  {
    group: 'keda.sh',
    kind: 'ScaledJob',
    labels: { 'scaledjob.keda.sh/name': '{name}' },
    openLabels: ['job-name', 'controller-uid', 'batch.kubernetes.io/'],
    podTemplates: ['spec.jobTargetRef.template'],
    source: 'https://github.com/kedacore/keda/blob/main/pkg/scaling/executor/scale_jobs.go',
  },
  {
    group: 'kibana.k8s.elastic.co',
    kind: 'Kibana',
    labels: { 'common.k8s.elastic.co/type': 'kibana', 'kibana.k8s.elastic.co/name': '{name}' },
    openLabels: ['kibana.k8s.elastic.co/', 'common.k8s.elastic.co/'],
    podTemplates: ['spec.podTemplate'],
    ports: [
      { name: 'https', port: 5601 },
      { name: 'http', port: 5601 },
    ],
    source: 'https://github.com/elastic/cloud-on-k8s/blob/main/pkg/controller/kibana/pod.go',
  },
  {
    group: 'monitoring.coreos.com',
    kind: 'Alertmanager',
    labels: { ...PROMETHEUS_OPERATOR, 'app.kubernetes.io/name': 'alertmanager', alertmanager: '{name}' },
    openLabels: ['app.kubernetes.io/version'],
    labelsFrom: ['spec.podMetadata.labels'],
    podTemplates: ['spec'],
    ports: [
      { name: 'web', nameFrom: 'spec.portName', port: 9093 },
      { name: 'mesh-tcp', port: 9094 },
      { name: 'mesh-udp', port: 9094, protocol: 'UDP' },
      RELOADER,
    ],
    services: [{ name: 'alertmanager-operated', labels: { ...OPERATED, 'operated-alertmanager': 'true' } }],
    source:
      'https://github.com/prometheus-operator/prometheus-operator/blob/main/pkg/alertmanager/statefulset.go',
  },
  {
    group: 'monitoring.coreos.com',
    kind: 'Prometheus',
    labels: {
      ...PROMETHEUS_OPERATOR,
      'app.kubernetes.io/name': 'prometheus',
      'operator.prometheus.io/name': '{name}',
      prometheus: '{name}',
    },
    openLabels: ['operator.prometheus.io/', 'app.kubernetes.io/version'],
    labelsFrom: ['spec.podMetadata.labels'],
    // spec.containers are merged into the operator's containers: their ports count.
    podTemplates: ['spec'],
    ports: [
      { name: 'web', nameFrom: 'spec.portName', port: 9090 },
      RELOADER,
      // The Thanos sidecar (spec.thanos).
      { name: 'http', port: 10902 },
      { name: 'grpc', port: 10901 },
    ],
    services: [{ name: 'prometheus-operated', labels: { ...OPERATED, 'operated-prometheus': 'true' } }],
    source:
      'https://github.com/prometheus-operator/prometheus-operator/blob/main/pkg/prometheus/server/operator.go',
  },
  {
    group: 'monitoring.coreos.com',
    kind: 'PrometheusAgent',
    labels: {
      ...PROMETHEUS_OPERATOR,
      'app.kubernetes.io/name': 'prometheus-agent',
      'operator.prometheus.io/name': '{name}',
    },
    openLabels: ['operator.prometheus.io/', 'app.kubernetes.io/version'],
    labelsFrom: ['spec.podMetadata.labels'],
    podTemplates: ['spec'],
    ports: [{ name: 'web', nameFrom: 'spec.portName', port: 9090 }, RELOADER],
    services: [{ name: 'prometheus-agent-operated', labels: { ...OPERATED, 'operated-prometheus': 'true' } }],
    source:
      'https://github.com/prometheus-operator/prometheus-operator/blob/main/pkg/prometheus/agent/operator.go',
  },
  {
    group: 'monitoring.coreos.com',
    kind: 'ThanosRuler',
    labels: { ...PROMETHEUS_OPERATOR, 'app.kubernetes.io/name': 'thanos-ruler', 'thanos-ruler': '{name}' },
    openLabels: ['app.kubernetes.io/version'],
    labelsFrom: ['spec.podMetadata.labels'],
    podTemplates: ['spec'],
    ports: [{ name: 'grpc', port: 10901 }, { name: 'web', nameFrom: 'spec.portName', port: 10902 }, RELOADER],
    services: [{ name: 'thanos-ruler-operated', labels: { ...OPERATED, 'operated-thanos-ruler': 'true' } }],
    source: 'https://github.com/prometheus-operator/prometheus-operator/blob/main/pkg/thanos/statefulset.go',
  },
  {
    group: 'postgres-operator.crunchydata.com',
    kind: 'PostgresCluster',
    labels: { 'postgres-operator.crunchydata.com/cluster': '{name}' },
    openLabels: ['postgres-operator.crunchydata.com/'],
    labelsFrom: ['spec.metadata.labels'],
    podTemplates: ['spec.instances[]'],
    openPorts: true,
    source: 'https://access.crunchydata.com/documentation/postgres-operator/latest/references/crd',
  },
  {
    group: 'postgresql.cnpg.io',
    kind: 'Cluster',
    labels: { 'cnpg.io/cluster': '{name}', 'cnpg.io/podRole': 'instance' },
    openLabels: ['cnpg.io/', 'role', 'app.kubernetes.io/'],
    labelsFrom: ['spec.inheritedMetadata.labels'],
    ports: [
      { name: 'postgresql', port: 5432 },
      { name: 'metrics', port: 9187 },
      { name: 'status', port: 8000 },
    ],
    source: 'https://github.com/cloudnative-pg/cloudnative-pg/blob/main/pkg/specs/pods.go',
  },
  {
    group: 'postgresql.cnpg.io',
    kind: 'Pooler',
    labels: { 'cnpg.io/poolerName': '{name}', 'cnpg.io/podRole': 'pooler' },
    openLabels: ['cnpg.io/', 'app.kubernetes.io/'],
    podTemplates: ['spec.template'],
    openPorts: true,
    source: 'https://github.com/cloudnative-pg/cloudnative-pg/blob/main/pkg/specs/pgbouncer/deployments.go',
  },
  {
    group: 'rabbitmq.com',
    kind: 'RabbitmqCluster',
    labels: {
      'app.kubernetes.io/name': '{name}',
      'app.kubernetes.io/component': 'rabbitmq',
      'app.kubernetes.io/part-of': 'rabbitmq',
    },
    openLabels: ['controller-revision-hash', 'statefulset.kubernetes.io/'],
    labelsFrom: ['spec.override.statefulSet.spec.template.metadata.labels'],
    ports: [
      { name: 'amqp', port: 5672 },
      { name: 'management', port: 15672 },
      { name: 'prometheus', port: 15692 },
      { name: 'epmd', port: 4369 },
      { name: 'cluster-rpc', port: 25672 },
    ],
    openPorts: true,
    source: 'https://www.rabbitmq.com/kubernetes/operator/using-operator',
  },
  {
    group: 'serving.knative.dev',
    kind: 'Configuration',
    labels: { 'serving.knative.dev/configuration': '{name}' },
    openLabels: ['serving.knative.dev/', 'app'],
    podTemplates: ['spec.template'],
    openPorts: true,
    source: 'https://github.com/knative/serving/blob/main/pkg/apis/serving/register.go',
  },
  {
    group: 'serving.knative.dev',
    kind: 'Service',
    labels: { 'serving.knative.dev/service': '{name}', 'serving.knative.dev/configuration': '{name}' },
    openLabels: ['serving.knative.dev/', 'app'],
    podTemplates: ['spec.template'],
    // The queue-proxy sidecar adds its own ports; the user container's port is renamed user-port.
    openPorts: true,
    source: 'https://github.com/knative/serving/blob/main/pkg/apis/serving/register.go',
  },
];

const extraByIndex = new WeakMap<ObjectIndex, readonly PodCreator[]>();

/** Rows from .shipshape.yaml for this run; a row with the group and kind of a built-in one replaces it. */
export function usePodCreators(index: ObjectIndex, rows: readonly PodCreator[]): void {
  extraByIndex.set(index, rows);
}

/** The table of the run, keyed by "group/kind". */
export function podCreators(index: ObjectIndex): ReadonlyMap<string, PodCreator> {
  return index.memo('pod-creators', (idx) => {
    const out = new Map<string, PodCreator>();
    for (const row of [...BUILT_IN_POD_CREATORS, ...(extraByIndex.get(idx) ?? [])])
      out.set(creatorKey(row.group, row.kind), row);
    return out;
  });
}

function creatorKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

export function podCreatorOf(index: ObjectIndex, object: KubeObject): PodCreator | undefined {
  return podCreators(index).get(creatorKey(groupOf(object.apiVersion ?? ''), object.kind));
}

/**
 * API groups of custom resources that never create pods (monitoring rules, certificates, routing, policy,
 * secrets). A custom resource of any other group not in the table may create pods the input cannot show.
 */
export const POD_LESS_GROUPS: ReadonlySet<string> = new Set([
  'acme.cert-manager.io',
  'bitnami.com',
  'cert-manager.io',
  'cilium.io',
  'config.istio.io',
  'external-secrets.io',
  'gateway.networking.k8s.io',
  'networking.istio.io',
  'policy.linkerd.io',
  'security.istio.io',
  'telemetry.istio.io',
  'traefik.containo.us',
  'traefik.io',
  'kyverno.io',
  'templates.gatekeeper.sh',
  'constraints.gatekeeper.sh',
  'snapshot.storage.k8s.io',
  'velero.io',
]);

/** Kinds of monitoring.coreos.com and keda.sh that configure, not run, something. */
const POD_LESS_KINDS: ReadonlySet<string> = new Set([
  'monitoring.coreos.com/ServiceMonitor',
  'monitoring.coreos.com/PodMonitor',
  'monitoring.coreos.com/Probe',
  'monitoring.coreos.com/PrometheusRule',
  'monitoring.coreos.com/AlertmanagerConfig',
  'monitoring.coreos.com/ScrapeConfig',
  'keda.sh/ScaledObject',
  'keda.sh/TriggerAuthentication',
  'keda.sh/ClusterTriggerAuthentication',
  'kafka.strimzi.io/KafkaTopic',
  'kafka.strimzi.io/KafkaUser',
  'kafka.strimzi.io/KafkaRebalance',
  'argoproj.io/AnalysisTemplate',
  'argoproj.io/ClusterAnalysisTemplate',
  'argoproj.io/AppProject',
  'argoproj.io/Application',
  'argoproj.io/ApplicationSet',
  'postgresql.cnpg.io/ScheduledBackup',
  'postgresql.cnpg.io/Backup',
  'postgresql.cnpg.io/Database',
]);

/** True for a custom resource that is not in the table and may still run pods (an unknown operator's kind). */
export function mayCreateUnknownPods(apiVersion: string, kind: string): boolean {
  const group = groupOf(apiVersion);
  // Built-in groups have no dots (core, apps, batch) or end in k8s.io; their pod creators are the workloads.
  if (!group.includes('.') || group.endsWith('.k8s.io') || group === 'k8s.io') return false;
  if (POD_LESS_GROUPS.has(group) || POD_LESS_KINDS.has(creatorKey(group, kind))) return false;
  return true;
}
