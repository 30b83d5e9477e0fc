// Renders Helm charts and Kustomize directories with the user's own tools, when they are installed.
// Each rendered object is attributed to where it came from: helm's `# Source:` comment names the template (a path
// under the chart directory), lines within the rendered document. Kustomize builds run through a wrapper
// kustomization that asks for origin annotations, so each object is attributed to the base or overlay file that
// holds it, at the lines of that file (kustomize-origin.ts); objects without a findable source keep the kustomization
// file and their line in the rendered output (docs/decisions/0021).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { append } from '../../core/append.ts';
import type { LoadedObject, ObjectOrigin } from '../../core/object.ts';
import type { Problem, SkippedFile } from '../../core/problem.ts';
import { KUSTOMIZATION_FILES, renderedLabel } from '../../core/rendered.ts';
import {
  type HelmDocument,
  instrumentChart,
  pairRenders,
  type TemplateLine,
  templateColumn,
} from './helm-lines.ts';
import {
  createAttributor,
  parseOrigin,
  readSmall,
  stripOriginText,
  withoutOriginAnnotation,
} from './kustomize-origin.ts';
import { unlistedFiles } from './kustomize-unlisted.ts';
import { parseManifestText } from './parse-yaml.ts';

export interface RenderResult {
  objects: LoadedObject[];
  problems: Problem[];
  files: number;
  /** Files of a Kustomize directory that its kustomization does not use; a chart whose dependencies are absent. */
  skipped?: SkippedFile[];
  /**
   * Real paths of the files a Kustomize build read. A file or directory one kustomization does not list may be
   * reached through another one of the same run (`../base/x` from an overlay): it was reviewed, not skipped.
   */
  used?: ReadonlySet<string>;
}

const RENDER_TIMEOUT_MS = 120_000;

/** What helm is told about the cluster the chart is for (charts check `kubeVersion` and `.Capabilities`). */
export interface HelmOptions {
  /** `--kube-version`: the Kubernetes version the review targets. */
  kubeVersion?: string;
  /**
   * `--api-versions`: the group/versions (and group/version/kinds) served — by a live cluster, else by the target
   * version's built-in API. A function is called only when a chart is rendered.
   */
  apiVersions?: readonly string[] | (() => readonly string[]);
}

/**
 * `walked`: the chart was met while walking a directory, not named by the user. Such a chart whose dependencies
 * were never fetched (`charts/` is usually not committed) is skipped with the command that fetches them, as a
 * repository root's other unreviewable files are (docs/decisions/0039); a chart the user named is an error.
 */
export function renderChart(
  dir: string,
  values: readonly string[],
  options: HelmOptions = {},
  walked = false,
): RenderResult {
  const flags = [
    ...values.flatMap((v) => ['--values', v]),
    ...(options.kubeVersion ? ['--kube-version', options.kubeVersion] : []),
    ...apiVersionsOf(options).flatMap((v) => ['--api-versions', v]),
  ];
  const run = runTool('helm', ['template', 'release', dir, ...flags]);
  if (run.kind === 'missing')
    return missingTool(
      dir,
      'a Helm chart',
      ['helm'],
      'install helm (https://helm.sh/docs/intro/install/) to review charts',
    );
  if (run.kind !== 'ok') {
    const absent = run.kind === 'failed' ? unfetchedDependencies(run.detail) : undefined;
    if (walked && absent)
      return { objects: [], files: 0, problems: [], skipped: [{ file: dir, reason: absent }] };
    return { objects: [], files: 0, problems: [helmFailure(dir, run.detail)] };
  }
  const parts = splitHelmOutput(run.stdout, dir);
  const lines = templateLines(dir, flags, parts);
  const templates = new Map<string, string[] | undefined>();
  const templateText = (file: string) => {
    if (!templates.has(file)) templates.set(file, readSmall(join(dir, file))?.split('\n'));
    return templates.get(file);
  };
  // One chart is one release: its templates and subcharts are applied together.
  return splitRendered(
    parts.map((p) => p.text),
    (i) => parts[i]!.file,
    dir,
    (i, origin) => atTemplateLines(origin, { dir, text: parts[i]!.text, lines: lines[i], templateText }),
  );
}

function apiVersionsOf(options: HelmOptions): readonly string[] {
  const given = options.apiVersions;
  return typeof given === 'function' ? given() : (given ?? []);
}

/**
 * The template line of each line of each rendered document, from a second render of an instrumented copy of the
 * chart (helm-lines.ts); undefined for a document (or all of them) when that cannot be known exactly.
 */
function templateLines(
  dir: string,
  flags: readonly string[],
  parts: readonly HelmDocument[],
): ((TemplateLine | undefined)[] | undefined)[] {
  const none = parts.map(() => undefined);
  const chart = instrumentChart(dir);
  if (!chart) return none;
  try {
    const run = runTool('helm', ['template', 'release', chart.dir, ...flags]);
    if (run.kind !== 'ok') return none;
    return pairRenders(parts, splitHelmOutput(run.stdout, dir), chart);
  } finally {
    chart.remove();
  }
}

interface TemplateLines {
  dir: string;
  /** The rendered document's text. */
  text: string;
  lines: (TemplateLine | undefined)[] | undefined;
  templateText: (file: string) => string[] | undefined;
}

/** A rendered object whose findings are placed at the template line that produced each field, or at no line. */
function atTemplateLines(origin: ObjectOrigin, at: TemplateLines): ObjectOrigin {
  let rendered: string[] | undefined;
  return {
    ...origin,
    place(path) {
      const position = origin.locate(path);
      const source = at.lines?.[position.line - 1];
      if (!source) return { file: origin.file };
      const file = renderedLabel(join(at.dir, source.file), 'helm');
      const template = at.templateText(source.file)?.[source.line - 1];
      if (template === undefined) return { file, line: source.line };
      rendered ??= at.text.split('\n');
      const column = templateColumn(rendered[position.line - 1] ?? '', template, position.column);
      return { file, line: source.line, column };
    },
  };
}

export function renderKustomization(dir: string): RenderResult {
  const kustomization =
    KUSTOMIZATION_FILES.find((name) => existsSync(join(dir, name))) ?? KUSTOMIZATION_FILES[0]!;
  const label = (file: string) => renderedLabel(file, 'kustomize');
  const fallback = label(join(dir, kustomization));
  // One build is one `kubectl apply`: object-duplicate compares within it, wherever its sources live.
  const scope = dirname(join(dir, kustomization));
  const failure = (detail: string): RenderResult => ({
    objects: [],
    files: 0,
    problems: [{ kind: 'source', file: dir, message: `kustomize build failed for "${dir}": ${detail}` }],
  });
  const wrapper = originWrapper(dir);
  try {
    for (const command of ['kustomize', 'kubectl']) {
      const build = (target: string) => (command === 'kubectl' ? ['kustomize', target] : ['build', target]);
      if (wrapper) {
        const run = runTool(command, build(wrapper));
        if (run.kind === 'missing') continue;
        if (run.kind === 'ok') {
          const used = new Set<string>();
          const result = attributeBuild(run.stdout, { root: wrapper, dir, label, fallback, scope }, used);
          return { ...result, skipped: unlistedFiles(dir, used), used };
        }
        if (run.kind === 'timeout') return failure(run.detail);
        // An older kustomize without buildMetadata, or anything else the wrapper adds: build as the user would.
      }
      const run = runTool(command, build(dir));
      if (run.kind === 'missing') continue;
      if (run.kind !== 'ok') return failure(run.detail);
      return { ...splitRendered(run.stdout, () => fallback, scope), skipped: unlistedFiles(dir, new Set()) };
    }
  } finally {
    if (wrapper) rmSync(wrapper, { recursive: true, force: true });
  }
  return missingTool(dir, 'a Kustomize directory', ['kustomize', 'kubectl'], KUSTOMIZE_INSTALL);
}

const KUSTOMIZE_INSTALL =
  'install kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/) or kubectl to review it';

/**
 * A temporary kustomization whose only resource is the user's directory, asking kustomize for origin annotations;
 * the user's files are not touched. Its path is real (origin paths are relative to it); the resource is a relative
 * path (kustomize refuses absolute ones) and no load restrictor is relaxed, so the user's own build rules still
 * apply. Undefined when it cannot be written (the plain build runs).
 */
function originWrapper(dir: string): string | undefined {
  let wrapper: string | undefined;
  try {
    wrapper = realpathSync(mkdtempSync(join(tmpdir(), 'shipshape-kustomize-')));
    const resource = relative(wrapper, realpathSync(dir));
    writeFileSync(
      join(wrapper, 'kustomization.yaml'),
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        `  - ${JSON.stringify(resource)}`,
        'buildMetadata: [originAnnotations, transformerAnnotations]',
        '',
      ].join('\n'),
    );
    return wrapper;
  } catch {
    if (wrapper) rmSync(wrapper, { recursive: true, force: true });
    return undefined;
  }
}

interface BuildContext {
  root: string;
  dir: string;
  label: (file: string) => string;
  fallback: string;
  scope: string;
}

/** Objects of a build with origin annotations, each at its source file and line when the source is found. */
function attributeBuild(stdout: string, context: BuildContext, used: Set<string>): RenderResult {
  const result: RenderResult = { objects: [], problems: [], files: 1 };
  const attributor = createAttributor(context);
  let document = 0;
  for (const part of splitDocuments(stdout)) {
    // Without the annotation's lines, a rendered position is the one a plain `kustomize build` prints.
    const stripped = stripOriginText(part);
    const parsed = parseManifestText(stripped.text, context.fallback);
    let last = document;
    for (const found of parsed.objects) {
      const { loaded, origin, transformations } = withoutOriginAnnotation(found);
      const rendered = loaded.origin;
      if (rendered) last = Math.max(last, document + rendered.document + 1);
      const source = attribute(
        attributor,
        loaded,
        parseOrigin(origin ?? stripped.origin),
        transformations ?? stripped.transformations,
      );
      const at = source ?? (rendered && { ...rendered, document: document + rendered.document });
      result.objects.push(at ? { ...loaded, origin: { ...at, scope: context.scope } } : loaded);
    }
    document = Math.max(last, document + 1);
    append(result.problems, parsed.problems);
  }
  for (const file of attributor.used) used.add(file);
  return result;
}

/** A source that cannot be attributed (whatever the reason) leaves the object at its rendered position. */
function attribute(
  attributor: ReturnType<typeof createAttributor>,
  loaded: LoadedObject,
  origin: ReturnType<typeof parseOrigin>,
  transformations: string | undefined,
): ObjectOrigin | undefined {
  try {
    return attributor.attribute(loaded, origin, transformations);
  } catch {
    return undefined;
  }
}

type ToolRun =
  | { kind: 'ok'; stdout: string }
  | { kind: 'missing' }
  | { kind: 'failed' | 'timeout'; detail: string };

function runTool(command: string, args: string[]): ToolRun {
  const run = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: RENDER_TIMEOUT_MS,
    maxBuffer: 256 * 1024 * 1024,
  });
  const code = (run.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { kind: 'missing' };
  if (code === 'ETIMEDOUT')
    return { kind: 'timeout', detail: `${command} did not finish within ${RENDER_TIMEOUT_MS / 1000} s` };
  if (run.error || run.status !== 0)
    return {
      kind: 'failed',
      detail: toolMessage(
        run.stderr,
        run.error?.message ?? `${command} exited with ${run.status ?? run.signal}`,
      ),
    };
  return { kind: 'ok', stdout: String(run.stdout ?? '') };
}

/** Parses rendered documents attributed to files, numbering documents per attributed file. */
function splitRendered(
  input: string | string[],
  fileOf: (index: number) => string,
  scope?: string,
  wrap?: (index: number, origin: ObjectOrigin) => ObjectOrigin,
): RenderResult {
  const texts = typeof input === 'string' ? splitDocuments(input) : input;
  const result: RenderResult = { objects: [], problems: [], files: 1 };
  const documentsPerFile = new Map<string, number>();
  texts.forEach((text, i) => {
    const file = fileOf(i);
    const parsed = parseManifestText(text, file);
    // Number documents per attributed file, so two documents of one template stay distinct.
    const first = documentsPerFile.get(file) ?? 0;
    let last = first;
    for (const loaded of parsed.objects) {
      const origin = loaded.origin;
      if (!origin) {
        result.objects.push(loaded);
        continue;
      }
      last = Math.max(last, first + origin.document + 1);
      const numbered = { ...origin, document: first + origin.document, ...(scope ? { scope } : {}) };
      result.objects.push({ ...loaded, origin: wrap ? wrap(i, numbered) : numbered });
    }
    documentsPerFile.set(file, Math.max(last, first + 1));
    append(result.problems, parsed.problems);
  });
  return result;
}

function missingTool(dir: string, what: string, commands: string[], install: string): RenderResult {
  return {
    objects: [],
    files: 0,
    problems: [
      {
        kind: 'source',
        file: dir,
        message: `"${dir}" is ${what}, but ${commands.join(' or ')} is not installed (not found on PATH); ${install}; skipped`,
      },
    ],
  };
}

/** The tool's own error, without cobra's usage text: "Error:" lines when there are any, else the last lines. */
function toolMessage(stderr: string | undefined, fallback: string): string {
  const lines = String(stderr ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const errors = lines.filter((l) => /^error:/i.test(l)).map((l) => l.replace(/^error:\s*/i, ''));
  const chosen = errors.length > 0 ? errors : lines.slice(-3);
  const text = chosen.join(' ').trim();
  return (text || fallback).slice(0, 2000);
}

/** helm's refusal of a chart whose `dependencies` are not under `charts/`, as a skip reason; else undefined. */
function unfetchedDependencies(detail: string): string | undefined {
  const marker = 'missing in charts/ directory: ';
  const at = detail.indexOf(marker);
  if (at < 0) return undefined;
  // helm lists them comma-separated to the end of its line.
  const names = (detail.slice(at + marker.length).split('\n')[0] ?? '').trim().slice(0, 300);
  return `a Helm chart whose dependencies are not in its charts/ directory (${names}): not rendered, so not reviewed (run \`helm dependency build\` in it, then review again)`;
}

/** A helm error names the chart; when helm says which template and line failed, the problem points there. */
function helmFailure(dir: string, detail: string): Problem {
  const problem: Problem = {
    kind: 'source',
    file: dir,
    message: `helm template failed for chart "${dir}": ${detail}`,
  };
  const at =
    /(?:template: |error at \(|error calling \w+: template: )([^\s:()]+\.(?:ya?ml|tpl|txt|json)):(\d+)(?::(\d+))?/.exec(
      detail,
    );
  if (at) {
    const file = chartFile(dir, at[1]!);
    if (file) {
      problem.file = file;
      problem.line = Number(at[2]);
      if (at[3]) problem.column = Number(at[3]);
    }
  }
  return problem;
}

/** helm names files as <chart name>/<path in chart>; the chart name need not be the directory's name. */
function chartFile(dir: string, source: string): string | undefined {
  const slash = source.indexOf('/');
  if (slash <= 0 || source.includes('..')) return undefined;
  return join(dir, source.slice(slash + 1));
}

/** Splits helm template output at its document markers and attributes each document to its `# Source:` template. */
export function splitHelmOutput(stdout: string, dir: string): HelmDocument[] {
  return splitDocuments(stdout).map((text) => {
    const source = /^# Source: ([^\n]*)$/m.exec(text);
    const name = source?.[1]?.trim();
    // The comment opens the document (only comments may come before it); the document's lines start after it.
    if (source && name && onlyComments(text.slice(0, source.index))) {
      const file = chartFile(dir, name) ?? join(dir, name);
      return {
        text: text.slice(source.index + source[0].length).replace(/^\r?\n/, ''),
        file: renderedLabel(file, 'helm'),
      };
    }
    return { text, file: renderedLabel(dir, 'helm') };
  });
}

function onlyComments(text: string): boolean {
  return text.split('\n').every((line) => {
    const trimmed = line.trim();
    return trimmed === '' || trimmed.startsWith('#');
  });
}

/**
 * Splits a YAML stream at bare `---` lines. A document marker with content on the same line (`--- !tag`) is left to
 * the parser, which numbers such documents within the part.
 */
export function splitDocuments(stream: string): string[] {
  return stream.split(/^---[ \t]*(?:#[^\n]*)?(?:\r?\n|$)/m).filter((part) => part.trim() !== '');
}
