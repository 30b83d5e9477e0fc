// `npm run bench`: reviews a generated corpus (10,000 objects in 2,000 files) with shipshape and, side by side,
// with the peers installed by bench/install-peers.sh (kubeconform, checkov, trivy); then the scaling run at
// 1k, 10k and 100k objects. A benchmark, not a test: it prints and writes bench/RESULTS.md (after every
// measurement, so an interrupted run leaves what it measured), it asserts nothing.
// Options: --sizes 1000,10000,100000  --main-size 10000 (the side-by-side corpus)  --kube-version 1.34
//          --no-peers  --no-write  --no-diagnose  --no-hygiene  --no-startup  --startup-only  --no-rbac  --no-capacity
//          --no-variants  --variants-only  --repeats 3 (anchors/memory rows)  --output-objects 50000
//          --rightsize (opt-in: 10,000 containers × 14 days backfilled into Prometheus, tens of minutes)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { VERSION } from '../src/version.ts';
import { ensureCorpus, type Generated } from './generate.ts';
import { schemaLocation } from './kubeconform-schemas.ts';
import {
  checkovFlagged,
  type Flagged,
  kubeconformFlagged,
  MISTAKES,
  plantedObjects,
  score,
  shipshapeFlagged,
  trivyFlagged,
} from './recall.ts';
import { timeCommand } from './time-command.ts';

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
const MAIN_SIZE = Number(option('--main-size') ?? 10_000);
/** One Kubernetes version for every tool that takes one (shipshape --kube-version, kubeconform's schemas). */
const KUBE_VERSION = option('--kube-version') ?? '1.34';
const KUBECONFORM = join(CACHE, 'bin', 'kubeconform');
const KUBECONFORM_SCHEMAS = join(CACHE, 'kubeconform-schemas');
/** kubeconform as every row runs it: strict, offline schemas for KUBE_VERSION; the directory is appended. */
const kubeconformCommand = (...output: string[]) => [
  KUBECONFORM,
  '-strict',
  '-summary',
  ...output,
  '-kubernetes-version',
  `${KUBE_VERSION}.0`,
  '-schema-location',
  schemaLocation(KUBECONFORM_SCHEMAS),
];
/** Whether kubeconform and its offline schemas for KUBE_VERSION are installed. */
const kubeconformReady = () =>
  existsSync(KUBECONFORM) && existsSync(join(KUBECONFORM_SCHEMAS, `v${KUBE_VERSION}.0-standalone-strict`));

interface Measure {
  tool: string;
  version: string;
  objects: number;
  wallS: number;
  cpuS: number;
  maxRssMiB: number;
  status: number | null;
  note?: string;
  flagged?: Flagged;
}

/** Runs a command under /usr/bin/time -v (wall, user+sys of the process and its children, peak RSS). */
function measure(
  tool: string,
  version: string,
  objects: number,
  command: string[],
  timeoutS = 900,
): { m: Measure; stdout: string } {
  const t = timeCommand(command, { timeoutS });
  const m: Measure = {
    tool,
    version,
    objects,
    wallS: t.wallS,
    cpuS: t.cpuS,
    maxRssMiB: t.maxRssMiB,
    status: t.status,
  };
  if (t.error) m.note = t.error;
  return { m, stdout: t.stdout };
}

function shipshape(
  dir: string,
  objects: number,
): Measure & { findings?: number; errors?: number; byCheck?: Record<string, number> } {
  const { m, stdout } = measure('shipshape', VERSION, objects, [
    // The launcher users run (pinned Node, compile cache), as an installed `shipshape` would be.
    join(ROOT, 'bin', 'shipshape'),
    'review',
    dir,
    '--kube-version',
    KUBE_VERSION,
    '-o',
    'json',
    '--fail-on',
    'none',
  ]);
  const out: Measure & { findings?: number; errors?: number; byCheck?: Record<string, number> } = m;
  try {
    const report = JSON.parse(stdout) as {
      summary: { findings: number };
      errors: unknown[];
      findings: { check: string }[];
    };
    out.findings = report.summary.findings;
    out.errors = report.errors.length;
    out.byCheck = {};
    for (const f of report.findings) out.byCheck[f.check] = (out.byCheck[f.check] ?? 0) + 1;
    out.flagged = shipshapeFlagged(report);
  } catch {
    out.note = `no JSON report (exit ${m.status})`;
  }
  return out;
}

/** The tool's own version line; for a Go binary built without release flags, the module version it was built from. */
function versionOf(command: string[]): string {
  const run = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', timeout: 60_000 });
  const said = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n')[0] ?? '';
  if (said && !/\b(development|dev)\b/.test(said)) return said.replace(/^Version:\s*/, '');
  const built = spawnSync('go', ['version', '-m', command[0]!], { encoding: 'utf8', timeout: 60_000 });
  return /^\s*mod\s+\S+\s+(v\S+)/m.exec(built.stdout ?? '')?.[1] ?? (said || 'unknown');
}

interface Peer {
  name: string;
  missing?: string;
  run?: (dir: string, objects: number) => Measure;
}

function peers(): Peer[] {
  const bin = (name: string) => join(CACHE, 'bin', name);
  const list: Peer[] = [];
  const schemaVersion = `v${KUBE_VERSION}.0`;
  const schemas = join(CACHE, 'kubeconform-schemas');
  if (!existsSync(bin('kubeconform')))
    list.push({ name: 'kubeconform', missing: 'not installed (bash bench/install-peers.sh)' });
  else if (!existsSync(join(schemas, `${schemaVersion}-standalone-strict`)))
    list.push({
      name: 'kubeconform',
      missing: `no offline schemas for ${schemaVersion} (bash bench/install-peers.sh derives them from PyPI kubernetes-validate)`,
    });
  else
    list.push({
      name: 'kubeconform',
      run: (dir, objects) => {
        const { m, stdout } = measure('kubeconform', versionOf([bin('kubeconform'), '-v']), objects, [
          ...kubeconformCommand('-output', 'json'),
          dir,
        ]);
        const { flagged, summary } = kubeconformFlagged(stdout);
        m.flagged = flagged;
        const s = summary ?? {};
        const text = `valid ${s.valid}, invalid ${s.invalid}, errors ${s.errors}, skipped ${s.skipped}`;
        // An error is a resource with no schema loaded: then kubeconform validated nothing and the row is void.
        const void_ = !summary || (s.errors ?? 0) > 0 || (s.skipped ?? 0) > 0;
        m.note = `${void_ ? 'NOT COMPARABLE (resources without a schema): ' : ''}-strict, schemas ${schemaVersion} from PyPI kubernetes-validate via bench/kubeconform-schemas.ts; ${text}`;
        return m;
      },
    });
  // Not served by the Go module proxy here (go-partial.tsv: kube-linter "not-served"; polaris absent from the
  // list and refused with 403 when tried on 2026-11-28). A refusal is final, so neither is asked for again.
  for (const [name, why] of [
    [
      'kube-linter',
      'golang.stackrox.io/kube-linter is not served by the Go module proxy here (not-served, 403)',
    ],
    ['polaris', 'github.com/fairwindsops/polaris is not served by the Go module proxy here (403)'],
  ] as const) {
    if (existsSync(bin(name))) {
      list.push({
        name,
        run: (dir, objects) => {
          const command =
            name === 'kube-linter'
              ? [bin(name), 'lint', '--format', 'json', dir]
              : [bin(name), 'audit', '--audit-path', dir, '--format', 'json'];
          return measure(name, versionOf([bin(name), 'version']), objects, command).m;
        },
      });
    } else list.push({ name, missing: why });
  }
  if (existsSync(bin('checkov'))) {
    list.push({
      name: 'checkov',
      run: (dir, objects) => {
        const { m, stdout } = measure(
          'checkov',
          versionOf([bin('checkov'), '--version']),
          objects,
          [
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
          ],
          2400,
        );
        m.flagged = checkovFlagged(stdout);
        m.note = 'Kubernetes framework, built-in checks, --skip-download';
        return m;
      },
    });
  } else list.push({ name: 'checkov', missing: 'not installed (bash bench/install-peers.sh, PyPI)' });
  if (existsSync(bin('trivy'))) {
    list.push({
      name: 'trivy',
      run: (dir, objects) => {
        const cacheDir = join(CACHE, 'trivy-cache');
        const { m, stdout } = measure(
          'trivy',
          versionOf([bin('trivy'), '--version']),
          objects,
          [
            bin('trivy'),
            'config',
            '--quiet',
            '--cache-dir',
            cacheDir,
            '--skip-check-update',
            '--skip-version-check',
            // Its default scan timeout (5 min) stops it before 10,000 objects are done, with no report.
            '--timeout',
            '60m',
            '--misconfig-scanners',
            'kubernetes',
            '--format',
            'json',
            dir,
          ],
          2400,
        );
        m.note = 'trivy config, Kubernetes scanner, embedded checks (--skip-check-update), offline';
        if (/"Results"/.test(stdout)) m.flagged = trivyFlagged(stdout);
        else m.note = `NOT COMPARABLE (no report, exit ${m.status}): ${m.note}`;
        return m;
      },
    });
  } else
    list.push({
      name: 'trivy',
      missing: `not installed (bash bench/install-peers.sh builds it from the Go module proxy; log: ${join(CACHE, 'trivy.install.log')})`,
    });
  return list;
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function row(m: Measure): string {
  return `| ${m.tool} | ${m.version} | ${m.objects} | ${fmt(m.wallS)} | ${fmt(m.cpuS)} | ${fmt(m.maxRssMiB, 0)} | ${m.status} | ${m.note ?? ''} |`;
}

const HEADER =
  '| tool | version | objects | wall s | cpu s (user+sys) | peak RSS MiB | exit | note |\n|---|---|---|---|---|---|---|---|';

// The report is made of sections, rewritten to bench/RESULTS.md after every measurement, so an interrupted run
// still leaves what it measured (marked as in progress). Fast measurements run first, the slow peers last.
const sections = {
  head: [] as string[],
  startup: [] as string[],
  side: [] as string[],
  scaling: [] as string[],
  variants: [] as string[],
  rest: [] as string[],
};
let inProgress: string | undefined = 'starting';
const RESULTS = join(ROOT, 'bench', 'RESULTS.md');
/** `--startup-only` and `--variants-only` measure one section: they replace only it in RESULTS.md. */
const partial = flag('--startup-only') ? 'startup' : flag('--variants-only') ? 'variants' : undefined;
const marked = (name: string, lines: readonly string[]) => [
  `<!-- bench:${name} -->`,
  ...lines,
  `<!-- /bench:${name} -->`,
];
function flush(): void {
  if (flag('--no-write')) return;
  const progress = inProgress ? [`**Run in progress or interrupted: ${inProgress}.**`, ''] : [];
  if (partial) {
    const own = marked(partial, [
      '_This section was measured on its own, apart from the rest of this file:_  ',
      ...sections.head.slice(2, 6),
      '',
      ...progress,
      ...sections[partial],
    ]).join('\n');
    writeFileSync(
      RESULTS,
      replaceSection(existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '', partial, own),
    );
    return;
  }
  const text = [
    ...sections.head,
    ...progress,
    ...marked('startup', sections.startup),
    ...sections.side,
    ...sections.scaling,
    ...marked('variants', sections.variants),
    ...sections.rest,
  ];
  writeFileSync(RESULTS, `${text.join('\n')}\n`);
}
/** The text with section `name` (between its markers) replaced, or added before the hand-written notes. */
function replaceSection(text: string, name: string, section: string): string {
  const begin = text.indexOf(`<!-- bench:${name} -->`);
  const endMarker = `<!-- /bench:${name} -->`;
  const end = text.indexOf(endMarker, begin);
  if (begin !== -1 && end !== -1) return text.slice(0, begin) + section + text.slice(end + endMarker.length);
  const notes = text.indexOf('\n## Notes');
  if (notes !== -1) return `${text.slice(0, notes + 1)}${section}\n${text.slice(notes + 1)}`;
  return `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${section}\n`;
}
function step(what: string): void {
  inProgress = what;
  console.error(`[bench] ${new Date().toISOString()} ${what}`);
  flush();
}

const command = `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
sections.head.push(
  '# Benchmark results',
  '',
  `Date: ${new Date().toISOString()}  `,
  `Command: \`${command}\`  `,
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}, load average at start ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (shared machine: CPU seconds are steadier than wall seconds)  `,
  `Kubernetes version for every tool that takes one: ${KUBE_VERSION}`,
  '',
);

// Start-up on one small file, shipshape's package against kubeconform (bench/startup.ts, issue #15).
if (!flag('--no-startup') && !flag('--variants-only')) {
  step('start-up on one small file');
  const { benchStartup, formatStartup } = await import('./startup.ts');
  const lines = formatStartup(
    benchStartup({
      out: OUT,
      kubeVersion: KUBE_VERSION,
      ...(kubeconformReady()
        ? { kubeconform: kubeconformCommand(), kubeconformVersion: [KUBECONFORM, '-v'] }
        : {}),
    }),
    KUBE_VERSION,
  );
  sections.startup = lines;
  console.log(lines.join('\n'));
  if (flag('--startup-only')) {
    inProgress = undefined;
    flush();
    process.exit(0);
  }
}

/** YAML anchors, memory and output size against kubeconform (bench/variants.ts, issue #15 items 3-4, #13 item 5). */
async function variants(): Promise<void> {
  step('anchors, memory and output-size rows');
  const { benchVariants } = await import('./variants.ts');
  sections.variants = benchVariants({
    out: OUT,
    kubeVersion: KUBE_VERSION,
    sizes: [...new Set([MAIN_SIZE, Math.max(...SIZES)])].sort((a, b) => a - b),
    repeats: Number(option('--repeats') ?? 3),
    shipshape: [join(ROOT, 'bin', 'shipshape')],
    ...(kubeconformReady() ? { kubeconform: kubeconformCommand('-output', 'json') } : {}),
    outputObjects: Number(option('--output-objects') ?? 50_000),
    progress: (what) => step(`variants: ${what}`),
  });
  console.log(sections.variants.join('\n'));
}
if (flag('--variants-only')) {
  await variants();
  inProgress = undefined;
  flush();
  process.exit(0);
}

step('generating corpora');
mkdirSync(OUT, { recursive: true });
const corpora = new Map<number, Generated>();
for (const size of new Set([MAIN_SIZE, ...SIZES])) corpora.set(size, ensureCorpus(OUT, size));
const main = corpora.get(MAIN_SIZE)!;
const planted = plantedObjects(main.sites);

const measured: Measure[] = [];
const missing: string[] = [];
let ours: ReturnType<typeof shipshape> | undefined;

/** The side-by-side section from what has been measured so far. */
function sideBySide(): string[] {
  const out: string[] = [];
  const say = (line = '') => out.push(line);
  say(`## ${MAIN_SIZE} objects in ${main.files} files, side by side`);
  say();
  say(`Planted mistakes (containers or objects): ${JSON.stringify(main.planted)}`);
  say();
  say(HEADER);
  for (const m of measured) say(row(m));
  if (!ours) return out;
  say();
  say(
    `shipshape: ${ours.findings} findings, ${ours.errors} input errors, ${Object.keys(ours.byCheck ?? {}).length} checks fired.`,
  );
  say(
    `Peak RSS at ${MAIN_SIZE} objects: ${fmt(ours.maxRssMiB, 0)} MiB (target < 500 MiB: ${ours.maxRssMiB < 500 ? 'met' : 'NOT met'}).`,
  );
  say();
  const peersMeasured = measured.slice(1);
  if (peersMeasured.length > 0) {
    say('Ratios (shipshape / peer; below 1 means shipshape used less):');
    say();
    say('| peer | wall | cpu | peak RSS |');
    say('|---|---|---|---|');
    for (const m of peersMeasured) {
      say(
        `| ${m.tool} | ${fmt(ours.wallS / m.wallS)}x | ${fmt(ours.cpuS / m.cpuS)}x | ${fmt(ours.maxRssMiB / m.maxRssMiB)}x |`,
      );
    }
    say();
  }
  const linter = measured.find((m) => m.tool === 'kube-linter');
  const kubeconform = measured.find((m) => m.tool === 'kubeconform');
  say('Goals (issue #2):');
  say();
  say(
    `- faster than kube-linter: ${linter ? `wall ${fmt(ours.wallS / linter.wallS)}x, cpu ${fmt(ours.cpuS / linter.cpuS)}x` : 'not measurable here (kube-linter missing, see below)'}`,
  );
  if (kubeconform && !kubeconform.note?.startsWith('NOT COMPARABLE')) {
    const wall = ours.wallS / kubeconform.wallS;
    const cpu = ours.cpuS / kubeconform.cpuS;
    say(
      `- within 2x of kubeconform: wall ${fmt(wall)}x (${wall <= 2 ? 'met' : 'NOT met'}), cpu ${fmt(cpu)}x (${cpu <= 2 ? 'met' : 'NOT met'})`,
    );
  } else say('- within 2x of kubeconform: not measurable here (no comparable kubeconform run)');
  say();
  say('### Planted mistakes found, object by object');
  say();
  say(
    'Objects carrying each planted mistake, and how many of them each tool flagged with a check meant for it ' +
      '(bench/recall.ts maps check ids to mistakes). "+N" = objects flagged for that mistake that carry none ' +
      '(other objects of the corpus); "—" = the tool has no check for it, not a miss.',
  );
  say();
  say(`| mistake | objects | ${measured.map((m) => m.tool).join(' | ')} |`);
  say(`|---|---|${measured.map(() => '---|').join('')}`);
  for (const { mistake, label } of MISTAKES) {
    const cells = measured.map((m) => {
      if (m.note?.startsWith('NOT COMPARABLE (no report')) return 'n/a';
      const s = score(planted[mistake], m.flagged?.[mistake]);
      return s ? `${s.caught}/${s.planted}${s.elsewhere > 0 ? ` +${s.elsewhere}` : ''}` : '—';
    });
    say(`| ${label} | ${planted[mistake].size} | ${cells.join(' | ')} |`);
  }
  say();
  for (const m of peersMeasured) {
    const visible = MISTAKES.filter(({ mistake }) => m.flagged?.[mistake]);
    let theirs = 0;
    let ourHits = 0;
    let total = 0;
    for (const { mistake } of visible) {
      theirs += score(planted[mistake], m.flagged?.[mistake])!.caught;
      ourHits += score(planted[mistake], ours.flagged?.[mistake])?.caught ?? 0;
      total += planted[mistake].size;
    }
    say(
      `- ${m.tool} sees ${visible.length} of the ${MISTAKES.length} planted kinds; on those it found ${theirs}/${total}, shipshape ${ourHits}/${total}.`,
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
  return out;
}
function record(m: Measure): void {
  measured.push(m);
  sections.side = sideBySide();
  console.log(row(m));
}

step(`shipshape on ${MAIN_SIZE} objects`);
ours = shipshape(main.dir, main.objects);
record(ours);

// Peers: the fast ones now, checkov and trivy (minutes each) after the scaling run.
const slow = new Set(['checkov', 'trivy']);
const peerList = flag('--no-peers') ? [] : peers();
for (const peer of peerList) if (peer.missing || !peer.run) missing.push(`${peer.name}: ${peer.missing}`);
const runPeers = (wantSlow: boolean) => {
  for (const peer of peerList) {
    if (!peer.run || slow.has(peer.name) !== wantSlow) continue;
    step(`${peer.name} on ${MAIN_SIZE} objects`);
    record(peer.run(main.dir, main.objects));
  }
};
runPeers(false);

step('shipshape start-up');
const baseline = (() => {
  const empty = join(OUT, 'empty');
  mkdirSync(empty, { recursive: true });
  return shipshape(empty, 0);
})();
const scaled = new Map<number, ReturnType<typeof shipshape>>([[MAIN_SIZE, ours]]);
function scaling(): string[] {
  const out: string[] = [];
  const say = (line = '') => out.push(line);
  say('## Scaling (shipshape only)');
  say();
  say(
    `Start-up (empty directory): wall ${fmt(baseline.wallS)} s, cpu ${fmt(baseline.cpuS)} s, RSS ${fmt(baseline.maxRssMiB, 0)} MiB`,
  );
  say();
  say('| objects | files | wall s | cpu s | peak RSS MiB | findings | cpu ms/object (minus start-up) |');
  say('|---|---|---|---|---|---|---|');
  const perObject = new Map<number, number>();
  for (const size of [...scaled.keys()].sort((a, b) => a - b)) {
    const m = scaled.get(size)!;
    const ms = ((m.cpuS - baseline.cpuS) * 1000) / size;
    perObject.set(size, ms);
    say(
      `| ${size} | ${corpora.get(size)!.files} | ${fmt(m.wallS)} | ${fmt(m.cpuS)} | ${fmt(m.maxRssMiB, 0)} | ${m.findings ?? m.note} | ${fmt(ms, 3)} |`,
    );
  }
  const sizes = [...perObject.keys()];
  if (sizes.length > 1) {
    say();
    say(
      'Growth of cpu per object (1.0 = linear; below 1 = fixed costs such as schema compilation spread thinner):',
    );
    say();
    for (let i = 1; i < sizes.length; i++) {
      for (const from of new Set([sizes[i - 1]!, sizes[0]!])) {
        const to = sizes[i]!;
        const ratio = perObject.get(to)! / perObject.get(from)!;
        say(`- ${to} / ${from}: ${fmt(ratio)} (${ratio <= 1.5 ? 'linear within noise' : 'superlinear'})`);
      }
    }
  }
  say();
  return out;
}
for (const size of [...SIZES].sort((a, b) => a - b)) {
  if (scaled.has(size)) continue;
  step(`shipshape on ${size} objects (scaling)`);
  scaled.set(size, shipshape(corpora.get(size)!.dir, size));
  sections.scaling = scaling();
}
sections.scaling = scaling();

if (!flag('--no-variants')) await variants();

// shipshape diagnose on synthetic clusters (bench/diagnose.ts, owned by the diagnose work).
if (!flag('--no-diagnose')) {
  step('diagnose (synthetic clusters)');
  const { benchDiagnose, formatDiagnoseBench } = await import('./diagnose.ts');
  sections.rest.push(
    '## shipshape diagnose (synthetic clusters)',
    '',
    '```',
    formatDiagnoseBench(benchDiagnose()),
    '```',
    '',
  );
}

// shipshape hygiene on the same synthetic clusters (bench/hygiene.ts, owned by the hygiene work).
if (!flag('--no-hygiene')) {
  step('hygiene (synthetic clusters)');
  const { benchHygiene, formatHygieneBench } = await import('./hygiene.ts');
  sections.rest.push(
    '## shipshape hygiene (synthetic clusters)',
    '',
    '```',
    formatHygieneBench(benchHygiene()),
    '```',
    '',
  );
}

// shipshape rbac on a 50k-binding snapshot (bench/rbac.ts).
if (!flag('--no-rbac')) {
  step('rbac (50k bindings, 5k roles)');
  const { benchRbac, formatRbacBench } = await import('./rbac.ts');
  sections.rest.push(
    '## shipshape rbac (synthetic snapshot)',
    '',
    '```',
    formatRbacBench(benchRbac()),
    '```',
    '',
  );
}

// shipshape capacity on the diagnose synthetic cluster (bench/capacity.ts), and beside kube-resource-report live.
if (!flag('--no-capacity')) {
  step('capacity (150k pods, 5,000 nodes)');
  const { benchCapacity, formatCapacityBench } = await import('./capacity.ts');
  sections.rest.push(
    '## shipshape capacity (synthetic snapshot; live beside kube-resource-report)',
    '',
    '```',
    formatCapacityBench(await benchCapacity({ livePods: 3000 })),
    '```',
    '',
  );
}

// shipshape rightsize against a real Prometheus with 14 days of history (bench/rightsize.ts): opt in, the backfill
// of 10,000 containers takes tens of minutes on a shared machine.
if (flag('--rightsize')) {
  step('rightsize (10,000 containers × 14 days in Prometheus)');
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'bench', 'rightsize.ts'), '--scrape', '3600', '--step', '21600'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  sections.rest.push('## shipshape rightsize (Prometheus history)', '', '```', run.stdout.trim(), '```', '');
}

runPeers(true);

inProgress = undefined;
sections.rest.push(
  `Finished ${new Date().toISOString()}, load average at end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}.`,
);
flush();
console.log(
  [
    ...sections.head,
    ...sections.startup,
    ...sections.side,
    ...sections.scaling,
    ...sections.variants,
    ...sections.rest,
  ].join('\n'),
);
if (!flag('--no-write')) console.log('\nwrote bench/RESULTS.md');
