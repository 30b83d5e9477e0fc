// A real Prometheus server (Debian package "prometheus") on a free loopback port, scraping the given targets
// every second, with its data in a temp dir; and promtool. Tests skip with a reason when they are not installed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export const PROMETHEUS_MISSING =
  spawnSync('prometheus', ['--version']).status === 0 && spawnSync('promtool', ['--version']).status === 0
    ? undefined
    : 'prometheus/promtool not installed (Debian package "prometheus"; .ci/run installs it)';

export interface RunningPrometheus {
  url: string;
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Polls until the check passes or the deadline passes; returns the last result. */
  waitFor<T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export async function startPrometheus(options: {
  targets: { job: string; address: string; bearerToken?: string }[];
  ruleFiles?: string[];
}): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-prometheus-'));
  const port = await freePort();
  const scrapeConfigs = options.targets.map((t) =>
    [
      `  - job_name: ${t.job}`,
      '    scrape_interval: 1s',
      ...(t.bearerToken ? ['    authorization:', `      credentials: ${JSON.stringify(t.bearerToken)}`] : []),
      '    static_configs:',
      `      - targets: [${JSON.stringify(t.address)}]`,
    ].join('\n'),
  );
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    ...(options.ruleFiles?.length
      ? ['rule_files:', ...options.ruleFiles.map((f) => `  - ${JSON.stringify(f)}`)]
      : []),
    'scrape_configs:',
    ...scrapeConfigs,
  ].join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), `${config}\n`);
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (d) => {
    log = (log + d).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error}`);
    return body.data;
  };
  const prometheus: RunningPrometheus = {
    url,
    query: async (expr) =>
      (
        await api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(
          `/api/v1/query?query=${encodeURIComponent(expr)}`,
        )
      ).result,
    waitFor: async (what, ok, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let value: Awaited<ReturnType<typeof what>> | undefined;
        try {
          value = await what();
          if (ok(value)) return value;
        } catch {
          // not ready yet
        }
        if (Date.now() > deadline) {
          if (value !== undefined) return value;
          throw new Error(`prometheus: timed out; its log:\n${log}`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  await prometheus.waitFor(
    () => fetch(`${url}/-/ready`).then((r) => r.status),
    (s) => s === 200,
  );
  return prometheus;
}
