import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CONTROLS, NEWEST_POLICY_MINOR } from './controls.ts';
import { controlsInEffect, evaluatePod, podOf } from './evaluate.ts';
import { parseMinor, policyMinor } from './version.ts';

const bare = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', ...metadata },
  spec,
});

describe('pod security versions', () => {
  it('parses 1.NN, v1.NN and patch versions; anything else means the newest policy', () => {
    assert.equal(parseMinor('1.30'), 30);
    assert.equal(parseMinor('v1.8'), 8);
    assert.equal(parseMinor('v1.25.3'), 25);
    assert.equal(parseMinor('latest'), undefined);
    assert.equal(policyMinor('1.99', 37), 37);
    assert.equal(policyMinor(undefined, 37), 37);
    assert.equal(policyMinor('0.9', 37), 0);
  });

  it('knows policies up to v1.37', () => {
    assert.equal(NEWEST_POLICY_MINOR, 37);
    assert.equal(evaluatePod(bare({}), 'baseline', '1.40').version, '1.37');
    assert.equal(evaluatePod(bare({}), 'baseline').version, '1.37');
  });
});

describe('controlsInEffect', () => {
  const ids = (level: 'baseline' | 'restricted', minor: number) => [...controlsInEffect(level, minor).keys()];

  it('baseline never includes restricted controls and adds hostProbesAndHostLifecycle at v1.34', () => {
    assert.deepEqual(ids('baseline', 33), [
      'appArmorProfile',
      'capabilities_baseline',
      'hostNamespaces',
      'hostPathVolumes',
      'hostPorts',
      'privileged',
      'procMount',
      'seLinuxOptions',
      'seccompProfile_baseline',
      'sysctls',
      'windowsHostProcess',
    ]);
    assert.ok(ids('baseline', 34).includes('hostProbesAndHostLifecycle'));
  });

  it('restricted replaces the baseline controls it overrides, version by version', () => {
    const at = (minor: number) => new Set(ids('restricted', minor));
    assert.ok(!at(0).has('hostPathVolumes') && at(0).has('restrictedVolumes'));
    assert.ok(at(0).has('runAsNonRoot') && !at(0).has('allowPrivilegeEscalation'));
    assert.ok(at(8).has('allowPrivilegeEscalation'));
    assert.ok(at(18).has('seccompProfile_baseline') && !at(18).has('seccompProfile_restricted'));
    assert.ok(!at(19).has('seccompProfile_baseline') && at(19).has('seccompProfile_restricted'));
    assert.ok(at(21).has('capabilities_baseline') && !at(22).has('capabilities_baseline'));
    assert.ok(!at(22).has('runAsUser') && at(23).has('runAsUser'));
    assert.ok(at(34).has('procMount') && !at(35).has('procMount') && at(35).has('procMount_restricted'));
  });

  it('orders baseline ids first, then restricted ids, each sorted', () => {
    const list = ids('restricted', 37);
    const split = list.indexOf('allowPrivilegeEscalation');
    assert.deepEqual(list.slice(0, split), [...list.slice(0, split)].sort());
    assert.deepEqual(list.slice(split), [...list.slice(split)].sort());
  });
});

describe('evaluatePod', () => {
  it('allows the minimal restricted pod and names each forbidden control with its upstream reason', () => {
    const good = bare({
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'a',
          image: 'a:1',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
    });
    assert.deepEqual(evaluatePod(good, 'restricted', '1.37'), {
      level: 'restricted',
      version: '1.37',
      allowed: true,
      results: [],
    });
    const bad = bare({
      hostNetwork: true,
      containers: [
        { name: 'a', image: 'a:1' },
        { name: 'b', image: 'b:1' },
      ],
    });
    const result = evaluatePod(bad, 'restricted', 'v1.30');
    assert.equal(result.allowed, false);
    assert.deepEqual(
      result.results.map((r) => [r.control, r.check, r.reason, r.detail]),
      [
        ['hostNamespaces', 'pss-host-namespaces', 'host namespaces', 'hostNetwork=true'],
        [
          'allowPrivilegeEscalation',
          'pss-privilege-escalation',
          'allowPrivilegeEscalation != false',
          'containers "a", "b" must set securityContext.allowPrivilegeEscalation=false',
        ],
        [
          'capabilities_restricted',
          'pss-capabilities-restricted',
          'unrestricted capabilities',
          'containers "a", "b" must set securityContext.capabilities.drop=["ALL"]',
        ],
        [
          'runAsNonRoot',
          'pss-run-as-non-root',
          'runAsNonRoot != true',
          'pod or containers "a", "b" must set securityContext.runAsNonRoot=true',
        ],
        [
          'seccompProfile_restricted',
          'pss-seccomp-profile-restricted',
          'seccompProfile',
          'pod or containers "a", "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
        ],
      ],
    );
    assert.deepEqual(
      evaluatePod(bad, 'baseline', '1.30').results.map((r) => r.control),
      ['hostNamespaces'],
    );
  });

  it('uses the pod template metadata of workloads and ignores kinds without pods', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } },
      spec: {
        template: {
          metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' } },
          spec: { containers: [{ name: 'a', image: 'a:1' }] },
        },
      },
    };
    assert.deepEqual(
      evaluatePod(deployment, 'baseline', '1.18').results.map((r) => r.control),
      ['appArmorProfile'],
    );
    assert.deepEqual(podOf(deployment)?.metadataPath, ['spec', 'template', 'metadata']);
    assert.equal(evaluatePod({ kind: 'ConfigMap', data: { hostNetwork: true } }, 'restricted').allowed, true);
    assert.equal(
      evaluatePod({ spec: { hostPID: true } }, 'baseline').allowed,
      false,
      'a bare {spec} is a pod',
    );
  });

  it('aggregates details the way the library words them', () => {
    const pod = bare({
      volumes: [
        { name: 'x', nfs: { server: 's', path: '/' } },
        { name: 'y', hostPath: { path: '/' } },
      ],
      containers: [
        {
          name: 'a',
          image: 'a:1',
          ports: [
            { containerPort: 1, hostPort: 80 },
            { containerPort: 2, hostPort: 443 },
          ],
        },
      ],
    });
    const details = Object.fromEntries(
      evaluatePod(pod, 'restricted', '1.20').results.map((r) => [r.control, r.detail]),
    );
    assert.equal(details.restrictedVolumes, 'volumes "x", "y" use restricted volume types "hostPath", "nfs"');
    assert.equal(details.hostPorts, 'container "a" uses hostPorts 443, 80');
  });

  it('words combined violations like the library (setters joined with "and", sorted values)', () => {
    const selinux = (options: Record<string, string>) => ({ securityContext: { seLinuxOptions: options } });
    const pod = bare(
      {
        securityContext: { seLinuxOptions: { type: 'spc_t', user: 'system_u' } },
        containers: [
          { name: 'ok', ...selinux({ type: 'container_engine_t' }) },
          { name: 'x', ...selinux({ type: 'bad_t' }) },
          { name: 'y', ...selinux({ role: 'sysadm_r' }) },
        ],
      },
      {
        annotations: {
          'container.apparmor.security.beta.kubernetes.io/x': 'unconfined',
          'container.apparmor.security.beta.kubernetes.io/ok': 'localhost/',
          'container.apparmor.security.beta.kubernetes.io/': 'bogus',
        },
      },
    );
    const results = Object.fromEntries(
      evaluatePod(pod, 'baseline', '1.31').results.map((r) => [r.control, r]),
    );
    assert.equal(
      results.seLinuxOptions?.detail,
      'pod and containers "x", "y" set forbidden securityContext.seLinuxOptions: types "bad_t", "spc_t"; user may not be set; role may not be set',
    );
    assert.equal(results.appArmorProfile?.reason, 'forbidden AppArmor profiles');
    assert.equal(
      results.appArmorProfile?.detail,
      'annotations must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/="bogus"", "container.apparmor.security.beta.kubernetes.io/x="unconfined""',
    );
    assert.equal(
      evaluatePod(pod, 'baseline', '1.30').results.find((r) => r.control === 'seLinuxOptions')?.violations
        .length,
      5,
    );
  });

  it('never throws, whatever the shape of the pod', () => {
    const field = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -1, max: 2 }),
      fc.constantFrom('', 'ALL', 'Unconfined', 'windows', 'Unmasked', 'kernel.msgmax'),
      fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 4 }), fc.anything({ maxDepth: 2 }), { maxKeys: 3 }),
    );
    const securityContext = fc.record(
      {
        privileged: field,
        allowPrivilegeEscalation: field,
        runAsNonRoot: field,
        runAsUser: field,
        procMount: field,
        capabilities: fc.oneof(field, fc.record({ add: field, drop: field }, { requiredKeys: [] })),
        seccompProfile: fc.oneof(field, fc.record({ type: field }, { requiredKeys: [] })),
        appArmorProfile: fc.oneof(field, fc.record({ type: field }, { requiredKeys: [] })),
        seLinuxOptions: fc.oneof(
          field,
          fc.record({ type: field, user: field, role: field }, { requiredKeys: [] }),
        ),
        windowsOptions: fc.oneof(field, fc.record({ hostProcess: field }, { requiredKeys: [] })),
        sysctls: fc.oneof(field, fc.array(fc.oneof(field, fc.record({ name: field })), { maxLength: 2 })),
      },
      { requiredKeys: [] },
    );
    const container = fc.oneof(
      field,
      fc.record(
        {
          name: field,
          securityContext: fc.oneof(field, securityContext),
          ports: fc.oneof(field, fc.array(fc.oneof(field, fc.record({ hostPort: field })), { maxLength: 2 })),
          livenessProbe: fc.oneof(field, fc.record({ httpGet: fc.oneof(field, fc.record({ host: field })) })),
          lifecycle: fc.oneof(
            field,
            fc.record({ preStop: fc.oneof(field, fc.record({ tcpSocket: field })) }),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    const spec = fc.record(
      {
        hostNetwork: field,
        hostUsers: field,
        os: fc.oneof(field, fc.record({ name: field })),
        securityContext: fc.oneof(field, securityContext),
        volumes: fc.oneof(
          field,
          fc.array(
            fc.oneof(field, fc.dictionary(fc.constantFrom('name', 'hostPath', 'nfs', 'secret'), field)),
            { maxLength: 3 },
          ),
        ),
        containers: fc.oneof(field, fc.array(container, { maxLength: 3 })),
        initContainers: fc.oneof(field, fc.array(container, { maxLength: 2 })),
      },
      { requiredKeys: [] },
    );
    const versions = [...new Set(CONTROLS.flatMap((c) => c.versions.map((v) => v.since)))];
    fc.assert(
      fc.property(spec, field, (podSpec, annotations) => {
        for (const level of ['baseline', 'restricted'] as const) {
          for (const minor of versions) {
            const result = evaluatePod(
              { kind: 'Pod', metadata: { annotations }, spec: podSpec },
              level,
              `1.${minor}`,
            );
            assert.equal(result.allowed, result.results.length === 0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
