// https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config
import { defineCheck } from '../../core/check.ts';
import { reviewedThroughOwner } from '../../k8s/replicas.ts';
import { podSpecOf, WORKLOAD_KINDS } from '../../k8s/workloads.ts';

export const podDnsConfigOptions = defineCheck<{ requiredOptions: string[] }>({
  id: 'pod-dns-config-options',
  title: 'Pod lacks required DNS resolver options',
  severity: 'low',
  category: 'reliability',
  description:
    'Pods inherit ndots:5 from the cluster DNS configuration: every lookup of an external name with fewer than ' +
    'five dots first tries each search domain, multiplying DNS queries and latency. Teams that standardise on ' +
    'resolver options (e.g. ndots:2) set them in spec.dnsConfig.options. The requiredOptions parameter lists ' +
    'them as name:value (or a bare name). Off by default.',
  remediation: 'Add spec.template.spec.dnsConfig.options, e.g. [{name: ndots, value: "2"}].',
  docs: ['https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config'],
  appliesTo: WORKLOAD_KINDS,
  enabledByDefault: false,
  params: { requiredOptions: ['ndots:2'] },
  peers: { 'kube-linter': ['dnsconfig-options'] },
  *check({ object }, { index, params }) {
    if (reviewedThroughOwner(index, object) || params.requiredOptions.length === 0) return;
    const pod = podSpecOf(object);
    if (!pod) return;
    const dnsConfig = pod.spec.dnsConfig as { options?: unknown } | undefined;
    if (!dnsConfig || typeof dnsConfig !== 'object') {
      yield { path: pod.path, message: 'pod defines no dnsConfig' };
      return;
    }
    const options = Array.isArray(dnsConfig.options)
      ? (dnsConfig.options as { name?: unknown; value?: unknown }[])
      : [];
    if (options.length === 0) {
      yield { path: [...pod.path, 'dnsConfig'], message: 'pod defines no dnsConfig options' };
      return;
    }
    for (const required of params.requiredOptions) {
      const colon = required.indexOf(':');
      const name = colon === -1 ? required : required.slice(0, colon);
      const value = colon === -1 ? undefined : required.slice(colon + 1);
      const found = options.some(
        (o) => o && o.name === name && (value === undefined || String(o.value ?? '') === value),
      );
      if (!found)
        yield {
          path: [...pod.path, 'dnsConfig', 'options'],
          message: `pod dnsConfig has no option "${required}"`,
        };
    }
  },
});
