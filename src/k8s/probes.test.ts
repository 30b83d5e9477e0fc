import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredPorts, hasProbe, probePortDeclared, probePorts } from './probes.ts';
import type { Container } from './workloads.ts';

describe('probes', () => {
  const container = {
    name: 'c',
    ports: [
      { name: 'http', containerPort: 8080 },
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      null,
      'junk',
    ],
    livenessProbe: { httpGet: { port: 'http' } },
    readinessProbe: { tcpSocket: { port: 8080 }, exec: { command: ['x'] } },
    startupProbe: { grpc: { port: '' } },
  } as unknown as Container;

  it('lists the network probe ports with their paths', () => {
    assert.deepEqual(probePorts(container), [
      {
        probe: 'livenessProbe',
        handler: 'httpGet',
        port: 'http',
        path: ['livenessProbe', 'httpGet', 'port'],
      },
      {
        probe: 'readinessProbe',
        handler: 'tcpSocket',
        port: 8080,
        path: ['readinessProbe', 'tcpSocket', 'port'],
      },
    ]);
    assert.deepEqual(probePorts(container, ['startupProbe']), []);
  });

  it('defaults the protocol to TCP and skips malformed ports', () => {
    assert.deepEqual(declaredPorts(container), [
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
    ]);
    assert.deepEqual(declaredPorts({ ports: 'x' } as unknown as Container), []);
  });

  it('resolves ports by name or number over TCP only', () => {
    const ports = declaredPorts(container);
    assert.equal(probePortDeclared('http', ports), true);
    assert.equal(probePortDeclared(8080, ports), true);
    assert.equal(probePortDeclared('8080', ports), true);
    assert.equal(probePortDeclared('dns', ports), false);
    assert.equal(probePortDeclared(53, ports), false);
    assert.equal(probePortDeclared('metrics', ports), false);
  });

  it('knows which probes are set', () => {
    assert.equal(hasProbe(container, 'livenessProbe'), true);
    assert.equal(hasProbe({ livenessProbe: null } as unknown as Container, 'livenessProbe'), false);
    assert.equal(hasProbe({ livenessProbe: [1] } as unknown as Container, 'livenessProbe'), false);
  });
});
