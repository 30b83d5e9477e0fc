// rightsize against a real Prometheus (Debian "prometheus" 2.42) backfilled with 14 days of synthetic history
// whose answers are known (test/support/rightsize-scenarios.ts). Every expected value below is worked out by
// hand from the generator; the formulas are those of ADR 0065.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report, RightsizeContainer } from '../../src/core/report.ts';
import { contractValidator } from '../../src/reporters/testing/contract.ts';
import { PROMETHEUS_MISSING } from '../support/prometheus.ts';
import { END, type ServedHistory, serveHistory } from '../support/rightsize-history.ts';
import { buildScenarios, MANIFESTS, OTHER_NS } from '../support/rightsize-scenarios.ts';
import { MAIN } from './cli-support.ts';

const MiB = 2 ** 20;

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, 'rightsize', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function manifests(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-rightsize-manifests-'));
  for (const [file, text] of Object.entries(MANIFESTS)) writeFileSync(join(dir, file), text);
  return dir;
}

function container(report: Report, name: string, container: string): RightsizeContainer {
  const found = report.rightsize?.containers.find((c) => c.name === name && c.container === container);
  assert.ok(found, `${name}/${container} in the report`);
  return found;
}

/** A pass-through to Prometheus that records every request and can fail the ones a test picks. */
async function proxy(
  target: string,
  fail: (body: string) => { status: number; body: string } | undefined = () => undefined,
): Promise<{
  url: string;
  requests: { method: string; path: string; body: string }[];
  close: () => Promise<void>;
}> {
  const requests: { method: string; path: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString();
      requests.push({ method: req.method ?? '', path: req.url ?? '', body });
      const failure = fail(decodeURIComponent(body.replace(/\+/g, ' ')));
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json' }).end(failure.body);
        return;
      }
      const answer = await fetch(target + req.url, {
        method: req.method ?? 'GET',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
        ...(req.method === 'POST' ? { body } : {}),
      });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('rightsize from 14 days of Prometheus history', { skip: PROMETHEUS_MISSING ?? false }, () => {
  let served: ServedHistory;
  let dir: string;
  let report: Report;
  const base = () => [
    dir,
    '--prometheus',
    served.url,
    '--at',
    String(END),
    '--history',
    '14d',
    '-o',
    'json',
    '--no-progress',
  ];

  before(async () => {
    served = await serveHistory(buildScenarios());
    dir = manifests();
    const result = await run(base());
    assert.equal(result.status, 1, result.stderr); // the OOM-killed cache is a high finding
    report = JSON.parse(result.stdout) as Report;
  });
  after(async () => {
    await served?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the JSON contract', () => {
    const validate = contractValidator();
    assert.ok(validate(report), JSON.stringify(validate.errors));
  });

  it('recommends the hand-computed CPU requests', () => {
    const cpu = (name: string, c: string) => container(report, name, c).cpu.recommended?.request;
    // web: pooled over 2 pods × 4032 steps: 6144 at 0.1, 1536 at 0.4 (Tue–Fri 09–17), 384 at 0.8 (Mondays).
    // p95 = sorted[ceil(0.95 × 8064) − 1] = sorted[7660] = 0.4; × 1.1 = 0.44 → 440m.
    assert.equal(cpu('web', 'web'), 0.44);
    // proxy (native sidecar): 0.02 × 1.1 = 0.022 → up to 5m → 25m.
    assert.equal(cpu('web', 'proxy'), 0.025);
    // jvm: the 2-core first step after each of 3 starts is start-up; steady 0.3 × 1.1 → 330m.
    assert.equal(cpu('jvm', 'app'), 0.33);
    // warmup (init, 3 runs): its peak 0.5 × 1.1 → 550m.
    assert.equal(cpu('jvm', 'warmup'), 0.55);
    // api: throttled in 30% of steps: demand unknown, the 500m request is kept (0.2 × 1.1 = 220m is not made).
    assert.equal(cpu('api', 'api'), 0.5);
    assert.equal(container(report, 'api', 'api').throttled, 0.3003); // 1211 of 4032 steps
    // cache: 0.05 × 1.1 = 55m is within the hysteresis of the 60m request (|Δ| < 25m): kept.
    assert.equal(cpu('cache', 'cache'), 0.06);
    // shop (HPA 70%, 2–10): q99 of the total load is 4.2 → at least 4.2 / (0.7 × 10) = 600m; the mean requested
    // CPU over the replay is least at 670m (2.1217 cores) and 675m (2.1375) is within 1%: the larger wins.
    assert.equal(cpu('shop', 'shop'), 0.675);
    const hpa = container(report, 'shop', 'shop').hpa;
    assert.deepEqual(hpa?.before, { median: 4, p99: 10, max: 10, meanRequestedCores: 1.9167 });
    assert.deepEqual(hpa?.after, { median: 3, p99: 9, max: 9, meanRequestedCores: 2.1375 });
    // newbie: 20 h of data: a cut of the 1-core request to 110m is not made.
    assert.equal(cpu('newbie', 'newbie'), 1);
    assert.equal(container(report, 'newbie', 'newbie').confidence, 'low');
    // fresh: 2 h: nothing.
    assert.equal(cpu('fresh', 'fresh'), undefined);
    assert.equal(container(report, 'fresh', 'fresh').confidence, 'none');
  });

  it('recommends the hand-computed memory (request = limit)', () => {
    const memory = (name: string, c: string) => container(report, name, c).memory.recommended;
    // web: one 520 MiB sample between grid points (pod b) over a 200 MiB baseline: 520 × 1.15 = 598 MiB.
    assert.deepEqual(memory('web', 'web'), { request: 598 * MiB, limit: 598 * MiB });
    // proxy: 50 × 1.15 = 57.5 → 58 MiB.
    assert.equal(memory('web', 'proxy')?.request, 58 * MiB);
    // jvm: the start-up step holds 1.2 GiB (kept: memory is needed at start too): 1228.8 × 1.15 → 1414 MiB.
    assert.equal(memory('jvm', 'app')?.request, 1414 * MiB);
    assert.equal(memory('jvm', 'warmup')?.request, 115 * MiB);
    // cache: OOM-killed at its 256 MiB limit: max(256 × 1.2, 256 + 100) = 356 MiB (> the peak 256 × 1.15 = 295).
    assert.equal(memory('cache', 'cache')?.request, 356 * MiB);
    const cache = container(report, 'cache', 'cache');
    assert.deepEqual(cache.ooms, [{ at: '2023-11-08T02:05:00.000Z', limit: 256 * MiB }]);
    assert.equal(memory('newbie', 'newbie')?.request, 1024 * MiB); // no cut on 20 h
  });

  it('reports what fires and what does not', () => {
    const ids = (name: string) =>
      report.findings
        .filter((f) => f.object.name === name)
        .map((f) => `${f.check}@${f.path}`)
        .sort();
    assert.deepEqual(ids('api'), [
      'rightsize-cpu-throttled@spec.template.spec.containers[0].resources.limits.cpu',
      'rightsize-memory-over-requested@spec.template.spec.containers[0].resources.requests.memory',
    ]);
    assert.deepEqual(ids('cache'), [
      'rightsize-memory-under-requested@spec.template.spec.containers[0].resources.requests.memory',
    ]);
    assert.equal(report.findings.find((f) => f.object.name === 'cache')?.severity, 'high');
    assert.deepEqual(ids('newbie'), []);
    assert.deepEqual(ids('fresh'), ['rightsize-insufficient-history@spec.template.spec.containers[0]']);
    assert.ok(
      ids('shop').includes(
        'rightsize-cpu-under-requested@spec.template.spec.containers[0].resources.requests.cpu',
      ),
    );
    assert.ok(
      ids('jvm').includes(
        'rightsize-cpu-over-requested@spec.template.spec.initContainers[0].resources.requests.cpu',
      ),
    );
    const web = report.findings.find(
      (f) =>
        f.object.name === 'web' &&
        f.check === 'rightsize-cpu-over-requested' &&
        f.path?.includes('containers[0]') &&
        !f.path.includes('init'),
    );
    assert.match(web?.message ?? '', /container "web" has a CPU request of 1 core; its usage supports 440m/);
    assert.ok(web?.evidence?.some((e) => /p95 of 8064 steady sample\(s\) across 2 pod\(s\): 400m/.test(e)));
    assert.ok(web?.line, 'findings point at the manifest line');
  });

  it('shows requested-resource savings, and no node savings without nodes', () => {
    const savings = report.rightsize!.savings;
    // CPU (2 replicas each unless HPA): web 2×0.56 + proxy 2×0.075 + jvm 2×0.67 + warmup skipped (init)
    // + worker 2×0.78 + shop (1.9167 − 2.1375) = 4.17 − 0.2208 = 3.9492 cores.
    assert.ok(Math.abs(savings.requested.cpuCores - 3.94917) < 1e-4, String(savings.requested.cpuCores));
    assert.match(JSON.stringify(savings.nodes), /node savings need the cluster/);
  });

  it('asks Prometheus with a few POSTs, not one query per container', async () => {
    const recorder = await proxy(served.url);
    try {
      const result = await run([dir, '--prometheus', recorder.url, '--at', String(END), '-o', 'json']);
      assert.equal(result.status, 1, result.stderr);
      assert.ok(
        recorder.requests.every((r) => r.method === 'POST'),
        'every request is a POST',
      );
      // 2 series listings + 5 signals for the one batch of 26 container series.
      assert.equal(recorder.requests.length, 7);
      assert.match(result.stderr, /rightsize: batch 1\/1: 8 workload\(s\), 26 series/);
    } finally {
      await recorder.close();
    }
  });

  it('sizes for the 99th percentile when asked', async () => {
    const result = await run([...base(), '--cpu-percentile', '99']);
    const r = JSON.parse(result.stdout) as Report;
    // p99 = sorted[ceil(0.99 × 8064) − 1] = sorted[7983]: past the 7680 values ≤ 0.4, so the Monday 0.8 × 1.1.
    assert.equal(container(r, 'web', 'web').cpu.recommended?.request, 0.88);
  });

  it('--fix writes the recommendations into the manifests, comments kept', async () => {
    const copy = manifests();
    try {
      const result = await run([
        copy,
        '--prometheus',
        served.url,
        '--at',
        String(END),
        '--fix',
        '--no-progress',
        '-o',
        'json',
      ]);
      assert.match(result.stderr, /fixed 15 findings in 6 files/);
      const web = readFileSync(join(copy, 'web.yaml'), 'utf8');
      assert.match(
        web,
        /# sized by hand in 2023\n {12}requests: \{ cpu: 440m, memory: 598Mi \}\n {12}limits: \{ memory: 598Mi \}/,
      );
      assert.match(web, /cpu: 25m # the proxy's vendor says so/);
      assert.match(readFileSync(join(copy, 'api.yaml'), 'utf8'), /limits: \{ ?memory: 345Mi ?\}/); // throttling limit gone
      assert.match(readFileSync(join(copy, 'newbie.yaml'), 'utf8'), /cpu: 1, memory: 1Gi/); // untouched
      const again = await run([
        copy,
        '--prometheus',
        served.url,
        '--at',
        String(END),
        '--no-progress',
        '-o',
        'json',
      ]);
      const left = (JSON.parse(again.stdout) as Report).findings.map((f) => f.check);
      assert.deepEqual([...new Set(left)].sort(), ['rightsize-insufficient-history']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('makes no recommendation from a batch Prometheus refused, and says which', async () => {
    const failing = await proxy(served.url, (body) =>
      body.includes(`namespace="${OTHER_NS}"`) && body.includes('query=')
        ? { status: 503, body: '{"status":"error","errorType":"unavailable","error":"store is down"}' }
        : undefined,
    );
    try {
      const result = await run([
        dir,
        '--prometheus',
        failing.url,
        '--at',
        String(END),
        '--prometheus-batch',
        '25',
        '-o',
        'json',
        '--no-progress',
      ]);
      assert.equal(result.status, 2, result.stderr);
      const r = JSON.parse(result.stdout) as Report;
      assert.equal(container(r, 'worker', 'worker').cpu.recommended, undefined);
      assert.equal(container(r, 'worker', 'worker').cpu.current.request, 1); // still shown
      assert.equal(container(r, 'web', 'web').cpu.recommended?.request, 0.44);
      assert.ok(
        r.errors.some((e) =>
          /no recommendation for 1 container\(s\) of Deployment other\/worker: .*store is down/.test(
            e.message,
          ),
        ),
        JSON.stringify(r.errors),
      );
      assert.ok(!r.findings.some((f) => f.object.name === 'worker'));
    } finally {
      await failing.close();
    }
  });
});

describe('rightsize when Prometheus cannot answer', () => {
  let dir: string;
  before(() => {
    dir = manifests();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('unreachable: a clear error, current requests still shown, no recommendation', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((r) => server.close(() => r()));
    const result = await run([
      dir,
      '--prometheus',
      `http://127.0.0.1:${port}`,
      '-o',
      'json',
      '--no-progress',
    ]);
    assert.equal(result.status, 2);
    const r = JSON.parse(result.stdout) as Report;
    assert.match(
      r.errors[0]!.message,
      /Prometheus at http:\/\/127\.0\.0\.1:\d+ is unreachable: connection refused; no recommendation was made/,
    );
    assert.equal(container(r, 'web', 'web').cpu.current.request, 1);
    assert.equal(container(r, 'web', 'web').cpu.recommended, undefined);
    assert.deepEqual(r.findings, []);
  });

  it('slow: gives up at --prometheus-timeout and says so', async () => {
    const server = createServer(() => {
      // never answers
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const started = Date.now();
      const result = await run([
        dir,
        '--prometheus',
        `http://127.0.0.1:${port}`,
        '--prometheus-timeout',
        '1',
        '-o',
        'json',
        '--no-progress',
      ]);
      assert.ok(Date.now() - started < 15_000);
      assert.equal(result.status, 2);
      assert.match(
        (JSON.parse(result.stdout) as Report).errors[0]!.message,
        /did not answer \/api\/v1\/series within 1s/,
      );
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('not Prometheus: says the answer is not its API', async () => {
    const server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const result = await run([
        dir,
        '--prometheus',
        `http://127.0.0.1:${port}`,
        '-o',
        'json',
        '--no-progress',
      ]);
      assert.equal(result.status, 2);
      assert.match(
        (JSON.parse(result.stdout) as Report).errors[0]!.message,
        /not its JSON API \(is the URL a Prometheus server\?\): <html>login<\/html>/,
      );
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('a bad URL or flag is a usage error', async () => {
    const result = await run([dir, '--prometheus', 'ftp://x', '-o', 'json']);
    assert.equal(result.status, 2);
    assert.match(result.stderr + result.stdout, /http:\/\/ or https:\/\//);
    const bad = await run([dir, '--prometheus', 'http://127.0.0.1:1', '--history', 'fortnight']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--history must be a duration such as 14d/);
  });
});
