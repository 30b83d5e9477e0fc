// `npm run bench`: reviews a generated corpus (10,000 objects in 2,000 files) with shipshape and, side by side,
// with the peers installed by bench/install-peers.sh; then the scaling run at 1k, 10k and 100k objects.
// A benchmark, not a test: it prints and writes bench/RESULTS.md, it asserts nothing.
// Options: --sizes 1000,10000,100000  --no-peers  --no-write
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { VERSION } from '../src/version.ts';
import { ensureCorpus, type Generated } from './generate.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const CACHE = process.env.SHIPSHAPE_BENCH_CACHE ?? join(homedir(), '.cache', 'shipshape-bench');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const SIZES = (option('--sizes') ?? '1000,10000,100000').split(',').map(Number);
const MAIN_SIZE = 10_000;

interface Measure {
  tool: string;
  version: string;
  objects: number;
  wallS: number;
  cpuS: number;
  maxRssMiB: number;
  status: number | null;
  note?: string;
}

/** Runs a command under /usr/bin/time -v (wall, user+sys, peak RSS of the whole process tree's largest). */
function measure(tool: string, version: string, objects: number, command: string[], env = {}): Measure {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const started = performance.now();
  const run = spawnSync(timeBin ?? command[0]!, timeBin ? ['-v', ...command] : command.slice(1), {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 900_000,
  });
  const wallS = (performance.now() - started) / 1000;
  const stat = (label: string) =>
    Number(new RegExp(`${label}: ([\\d.]+)`).exec(run.stderr ?? '')?.[1] ?? Number.NaN);
  const cpuS = stat('User time \\(seconds\\)') + stat('System time \\(seconds\\)');
  const maxRssMiB = stat('Maximum resident set size \\(kbytes\\)') / 1024;
  const m: Measure = { tool, version, objects, wallS, cpuS, maxRssMiB, status: run.status };
  if (run.error) m.note = run.error.message;
  return Object.assign(m, { stdout: run.stdout } as object);
}

function shipshape(
  dir: string,
  objects: number,
): Measure & { findings?: number; errors?: number; byCheck?: Record<string, number> } {
  const m = measure('shipshape', VERSION, objects, [
    process.execPath,
    join(ROOT, 'src', 'cli', 'main.ts'),
    'review',
    dir,
    '-o',
    'json',
    '--fail-on',
    'none',
  ]) as Measure & { stdout?: string; findings?: number; errors?: number; byCheck?: Record<string, number> };
  try {
    const report = JSON.parse(m.stdout ?? '') as {
      summary: { findings: number };
      errors: unknown[];
      findings: { check: string }[];
    };
    m.findings = report.summary.findings;
    m.errors = report.errors.length;
    m.byCheck = {};
    for (const f of report.findings) m.byCheck[f.check] = (m.byCheck[f.check] ?? 0) + 1;
  } catch {
    m.note = `no JSON report (exit ${m.status})`;
  }
  delete m.stdout;
  return m;
}

function versionOf(command: string[]): string {
  const run = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', timeout: 60_000 });
  return `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n')[0] || 'unknown';
}

interface Peer {
  name: string;
  missing?: string;
  run?: (dir: string, objects: number) => Measure;
}

function peers(): Peer[] {
  const bin = (name: string) => join(CACHE, 'bin', name);
  const list: Peer[] = [];
  const schemas = join(CACHE, 'kubernetes-json-schema');
  if (!existsSync(bin('kubeconform')))
    list.push({ name: 'kubeconform', missing: 'not installed (bash bench/install-peers.sh)' });
  else if (!existsSync(join(schemas, 'v1.34.0-local-strict')))
    list.push({
      name: 'kubeconform',
      missing: 'no offline schemas (bash bench/install-peers.sh fetches kubernetes-validate from PyPI)',
    });
  else
    list.push({
      name: 'kubeconform',
      run: (dir, objects) => {
        const m = measure('kubeconform', versionOf([bin('kubeconform'), '-v']), objects, [
          bin('kubeconform'),
          '-strict',
          '-summary',
          '-kubernetes-version',
          '1.34.0',
          '-schema-location',
          `${schemas}/{{ .NormalizedKubernetesVersion }}-local-strict/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
          dir,
        ]);
        const summary =
          String((m as { stdout?: string }).stdout ?? '')
            .trim()
            .split('\n')
            .pop() ?? '';
        const errors = Number(/Errors: (\d+)/.exec(summary)?.[1] ?? 0);
        // kubeconform does not resolve the relative $refs of these non-standalone schemas: every resource errors.
        const comparable =
          errors < objects ? '' : 'NOT COMPARABLE (no schema loaded, every resource errored): ';
        m.note = `${comparable}schemas: kubernetes-validate (PyPI) v1.34.0-local-strict; ${summary}`;
        delete (m as { stdout?: string }).stdout;
        return m;
      },
    });
  for (const name of ['kube-linter', 'polaris']) {
    if (existsSync(bin(name))) {
      list.push({
        name,
        run: (dir, objects) => {
          const command =
            name === 'kube-linter'
              ? [bin(name), 'lint', '--format', 'json', dir]
              : [bin(name), 'audit', '--audit-path', dir, '--format', 'json'];
          const m = measure(name, versionOf([bin(name), 'version']), objects, command);
          delete (m as { stdout?: string }).stdout;
          return m;
        },
      });
    } else {
      list.push({
        name,
        missing:
          'not installable here: the Go module proxy refuses the module (403); see bench/install-peers.sh',
      });
    }
  }
  if (existsSync(bin('checkov'))) {
    list.push({
      name: 'checkov',
      run: (dir, objects) => {
        const m = measure('checkov', versionOf([bin('checkov'), '--version']), objects, [
          bin('checkov'),
          '--framework',
          'kubernetes',
          '-d',
          dir,
          '--quiet',
          '--compact',
          '-o',
          'json',
          '--skip-download',
        ]);
        delete (m as { stdout?: string }).stdout;
        return m;
      },
    });
  } else list.push({ name: 'checkov', missing: 'not installed (bash bench/install-peers.sh, PyPI)' });
  return list;
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function row(m: Measure): string {
  return `| ${m.tool} | ${m.version} | ${m.objects} | ${fmt(m.wallS)} | ${fmt(m.cpuS)} | ${fmt(m.maxRssMiB, 0)} | ${m.status} | ${m.note ?? ''} |`;
}

const HEADER =
  '| tool | version | objects | wall s | cpu s (user+sys) | peak RSS MiB | exit | note |\n|---|---|---|---|---|---|---|---|';

const lines: string[] = [];
const say = (line = '') => {
  console.log(line);
  lines.push(line);
};

const command = `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
say(`# Benchmark results`);
say();
say(`Date: ${new Date().toISOString()}  `);
say(`Command: \`${command}\`  `);
say(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}, load average at start ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (shared machine: CPU seconds are steadier than wall seconds)`,
);
say();

mkdirSync(OUT, { recursive: true });
const corpora = new Map<number, Generated>();
for (const size of new Set([MAIN_SIZE, ...SIZES])) corpora.set(size, ensureCorpus(OUT, size));
const main = corpora.get(MAIN_SIZE)!;

say(`## ${MAIN_SIZE} objects in ${main.files} files, side by side`);
say();
say(`Planted mistakes: ${JSON.stringify(main.planted)}`);
say();
const ours = shipshape(main.dir, main.objects);
const measured: Measure[] = [ours];
const missing: string[] = [];
if (!flag('--no-peers')) {
  for (const peer of peers()) {
    if (peer.missing || !peer.run) missing.push(`${peer.name}: ${peer.missing}`);
    else measured.push(peer.run(main.dir, main.objects));
  }
}
say(HEADER);
for (const m of measured) say(row(m));
say();
say(
  `shipshape: ${ours.findings} findings, ${ours.errors} input errors, ${Object.keys(ours.byCheck ?? {}).length} checks fired.`,
);
say(
  `Peak RSS at ${MAIN_SIZE} objects: ${fmt(ours.maxRssMiB, 0)} MiB (target < 500 MiB: ${ours.maxRssMiB < 500 ? 'met' : 'NOT met'}).`,
);
for (const m of measured.slice(1)) {
  say(
    `Ratio shipshape/${m.tool}: wall ${fmt(ours.wallS / m.wallS)}x, cpu ${fmt(ours.cpuS / m.cpuS)}x, peak RSS ${fmt(ours.maxRssMiB / m.maxRssMiB)}x`,
  );
}
if (missing.length > 0) {
  say();
  say('Missing peers:');
  for (const m of missing) say(`- ${m}`);
}
say();
say('Findings by check (shipshape):');
say();
for (const [check, n] of Object.entries(ours.byCheck ?? {}).sort((a, b) => b[1] - a[1]))
  say(`- ${check}: ${n}`);

say();
say('## Scaling (shipshape only)');
say();
const baseline = (() => {
  const empty = join(OUT, 'empty');
  mkdirSync(empty, { recursive: true });
  return shipshape(empty, 0);
})();
say(
  `Start-up (empty directory): wall ${fmt(baseline.wallS)} s, cpu ${fmt(baseline.cpuS)} s, RSS ${fmt(baseline.maxRssMiB, 0)} MiB`,
);
say();
say('| objects | files | wall s | cpu s | peak RSS MiB | cpu ms/object (minus start-up) |');
say('|---|---|---|---|---|---|');
const perObject = new Map<number, number>();
for (const size of SIZES) {
  const corpus = corpora.get(size)!;
  const m = size === MAIN_SIZE ? ours : shipshape(corpus.dir, corpus.objects);
  const ms = ((m.cpuS - baseline.cpuS) * 1000) / size;
  perObject.set(size, ms);
  say(
    `| ${size} | ${corpus.files} | ${fmt(m.wallS)} | ${fmt(m.cpuS)} | ${fmt(m.maxRssMiB, 0)} | ${fmt(ms, 3)} |`,
  );
}
const smallest = Math.min(...SIZES);
const largest = Math.max(...SIZES);
if (smallest !== largest) {
  const ratio = perObject.get(largest)! / perObject.get(smallest)!;
  say();
  say(
    `Growth: cpu per object at ${largest} / at ${smallest} = ${fmt(ratio)} (1.0 = linear; ${ratio <= 1.5 ? 'linear within noise' : 'superlinear'}).`,
  );
}

// shipshape diagnose on synthetic clusters (bench/diagnose.ts, owned by the diagnose work).
if (!flag('--no-diagnose')) {
  const { benchDiagnose, formatDiagnoseBench } = await import('./diagnose.ts');
  say();
  say('## shipshape diagnose (synthetic clusters)');
  say();
  say('```');
  say(formatDiagnoseBench(benchDiagnose()));
  say('```');
}

// shipshape hygiene on the same synthetic clusters (bench/hygiene.ts, owned by the hygiene work).
if (!flag('--no-hygiene')) {
  const { benchHygiene, formatHygieneBench } = await import('./hygiene.ts');
  say();
  say('## shipshape hygiene (synthetic clusters)');
  say();
  say('```');
  say(formatHygieneBench(benchHygiene()));
  say('```');
}

if (!flag('--no-write')) {
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);
  console.log('\nwrote bench/RESULTS.md');
}
