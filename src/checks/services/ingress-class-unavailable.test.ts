import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../test/support/analyzer-tester.ts';
import type { KubeObject } from '../../core/object.ts';
import { ingressClassUnavailable } from './ingress-class-unavailable.ts';

const ingress = (
  name: string,
  spec: Record<string, unknown>,
  annotations?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, namespace: 'web', ...(annotations ? { annotations } : {}) },
  spec,
});
const ingressClass = (name: string, isDefault = false): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: {
    name,
    ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}),
  },
  spec: { controller: 'k8s.io/ingress-nginx' },
});

describe('ingress-class-unavailable', () => {
  it('fires on a class that does not exist, and on no class without a default', () => {
    const findings = analyze(ingressClassUnavailable, [
      ingressClass('nginx'),
      ingress('typo', { ingressClassName: 'ngnix' }),
      ingress('none', { rules: [] }),
    ]);
    assert.deepEqual(findings.map((f) => f.message).sort(), [
      'Ingress "none" names no IngressClass and no class is marked default: no controller serves it',
      'Ingress "typo" uses IngressClass "ngnix", which does not exist: no controller serves it',
    ]);
  });
  it('does not fire on existing classes, a default class, the legacy annotation, or when IngressClasses were not read', () => {
    assert.deepEqual(
      analyze(ingressClassUnavailable, [
        ingressClass('nginx', true),
        ingress('named', { ingressClassName: 'nginx' }),
        ingress('defaulted', {}),
      ]),
      [],
    );
    assert.deepEqual(
      analyze(ingressClassUnavailable, [ingress('legacy', {}, { 'kubernetes.io/ingress.class': 'traefik' })]),
      [],
    );
    assert.deepEqual(
      analyze(ingressClassUnavailable, [ingress('typo', { ingressClassName: 'x' })], {
        kindsRead: new Set(['Ingress']),
      }),
      [],
    );
  });
});
