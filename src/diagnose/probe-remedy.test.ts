// A failing probe's fix follows from how it failed: only the advice for that failure, with the probe's numbers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ProbedContainer, probeRemedy } from './probe-remedy.ts';

const web: ProbedContainer = {
  name: 'app',
  probe: { httpGet: { path: '/healthz', port: 8080 }, timeoutSeconds: 2 },
  ports: ['http 8080'],
};

describe('probeRemedy', () => {
  it('HTTP 5xx: the app answers and says it is unhealthy; no advice to change port or timeout', () => {
    const fix = probeRemedy('readiness', 'HTTP probe failed with statuscode: 503', web)!;
    assert.match(
      fix,
      /^The readiness probe of container "app" \(HTTP GET \/healthz on port 8080\) reaches the app, which answers HTTP 503/,
    );
    assert.doesNotMatch(fix, /timeoutSeconds|startupProbe|port the app listens/);
  });

  it('HTTP 404: the path', () => {
    assert.match(
      probeRemedy('liveness', 'HTTP probe failed with statuscode: 404', web)!,
      /no such path\. Set httpGet\.path/,
    );
  });

  it('connection refused: the probe port against the ports the container declares', () => {
    const fix = probeRemedy(
      'readiness',
      'Get "http://10.0.0.7:8080/healthz": dial tcp 10.0.0.7:8080: connect: connection refused',
      web,
    )!;
    assert.match(
      fix,
      /finds nothing listening: compare the probe's port with the port the app listens on \(the container declares http 8080\)/,
    );
    assert.doesNotMatch(fix, /timeoutSeconds|HTTP 5/);
  });

  it('timeout: timeoutSeconds with its value', () => {
    const fix = probeRemedy(
      'liveness',
      'Get "http://10.0.0.7:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      web,
    )!;
    assert.match(fix, /no answer within timeoutSeconds \(2 s\)/);
    assert.doesNotMatch(fix, /port the app listens|HTTP 5/);
  });

  it('exec: the command', () => {
    const fix = probeRemedy('liveness', 'command "pg_isready" exited with code 2', {
      name: 'db',
      probe: { exec: { command: ['pg_isready', '-U', 'app'] } },
      ports: [],
    });
    assert.match(fix!, /runs "pg_isready -U app", which fails: run it in the container/);
  });

  it('a failure it does not know: no remedy, so the general one stays', () => {
    assert.equal(probeRemedy('readiness', 'something else entirely', web), undefined);
  });
});
