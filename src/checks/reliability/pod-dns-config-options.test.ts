import { testCheck } from '../../../test/support/check-tester.ts';
import { podDnsConfigOptions } from './pod-dns-config-options.ts';

const pod = (spec: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {${spec}containers: [{name: p, image: "p:1"}]}
`;

testCheck(podDnsConfigOptions, {
  valid: [
    { name: 'ndots 2', yaml: pod('dnsConfig: {options: [{name: ndots, value: "2"}]}, ') },
    {
      name: 'bare option name',
      yaml: pod('dnsConfig: {options: [{name: edns0}]}, '),
      params: { requiredOptions: ['edns0'] },
    },
    { name: 'nothing required', yaml: pod(''), params: { requiredOptions: [] } },
  ],
  invalid: [
    {
      name: 'no dnsConfig',
      yaml: pod(''),
      findings: [{ message: 'pod defines no dnsConfig', path: 'spec' }],
    },
    {
      name: 'no options',
      yaml: pod('dnsConfig: {nameservers: [1.1.1.1]}, '),
      findings: [{ message: 'pod defines no dnsConfig options' }],
    },
    {
      name: 'different value',
      yaml: pod('dnsConfig: {options: [{name: ndots, value: "5"}]}, '),
      findings: [{ message: 'pod dnsConfig has no option "ndots:2"', path: 'spec.dnsConfig.options' }],
    },
  ],
});
