// Renders Helm charts and Kustomize directories with the user's own tools, when they are installed.
// Each rendered object is attributed to where it came from: helm's `# Source:` comment names the template (a path
// under the chart directory); Kustomize's output names no source, so its objects are attributed to the
// kustomization file of the directory. Lines are lines within the rendered document (docs/decisions/0021).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedObject } from '../../core/object.ts';
import type { Problem } from '../../core/problem.ts';
import { parseManifestText } from './parse-yaml.ts';

export interface RenderResult {
  objects: LoadedObject[];
  problems: Problem[];
  files: number;
}

const RENDER_TIMEOUT_MS = 120_000;
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

interface Candidate {
  command: string;
  args: string[];
}

export function renderChart(dir: string, values: readonly string[]): RenderResult {
  const args = ['template', 'release', dir, ...values.flatMap((v) => ['--values', v])];
  return render(dir, {
    tool: 'helm',
    what: 'a Helm chart',
    candidates: [{ command: 'helm', args }],
    install: 'install helm (https://helm.sh/docs/intro/install/) to review charts',
    split: (stdout) => splitHelmOutput(stdout, dir),
    failure: (detail) => helmFailure(dir, detail),
  });
}

export function renderKustomization(dir: string): RenderResult {
  const kustomization =
    KUSTOMIZATION_FILES.find((name) => existsSync(join(dir, name))) ?? KUSTOMIZATION_FILES[0]!;
  const file = `${join(dir, kustomization)} (rendered by kustomize)`;
  return render(dir, {
    tool: 'kustomize',
    what: 'a Kustomize directory',
    candidates: [
      { command: 'kustomize', args: ['build', dir] },
      { command: 'kubectl', args: ['kustomize', dir] },
    ],
    install:
      'install kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/) or kubectl to review it',
    split: (stdout) => splitDocuments(stdout).map((text) => ({ text, file })),
    failure: (detail) => ({
      kind: 'source',
      file: dir,
      message: `kustomize build failed for "${dir}": ${detail}`,
    }),
  });
}

interface RenderSpec {
  tool: string;
  what: string;
  candidates: Candidate[];
  install: string;
  split: (stdout: string) => { text: string; file: string }[];
  failure: (detail: string) => Problem;
}

function render(dir: string, spec: RenderSpec): RenderResult {
  for (const { command, args } of spec.candidates) {
    const run = spawnSync(command, args, {
      encoding: 'utf8',
      timeout: RENDER_TIMEOUT_MS,
      maxBuffer: 256 * 1024 * 1024,
    });
    const code = (run.error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') continue;
    if (run.error || run.status !== 0) {
      const detail =
        code === 'ETIMEDOUT'
          ? `${command} did not finish within ${RENDER_TIMEOUT_MS / 1000} s`
          : toolMessage(
              run.stderr,
              run.error?.message ?? `${command} exited with ${run.status ?? run.signal}`,
            );
      return { objects: [], files: 0, problems: [spec.failure(detail)] };
    }
    const result: RenderResult = { objects: [], problems: [], files: 1 };
    const documentsPerFile = new Map<string, number>();
    for (const { text, file } of spec.split(String(run.stdout ?? ''))) {
      const parsed = parseManifestText(text, file);
      // Number documents per attributed file, so two documents of one template stay distinct.
      const first = documentsPerFile.get(file) ?? 0;
      let last = first;
      for (const loaded of parsed.objects) {
        const origin = loaded.origin;
        if (origin) last = Math.max(last, first + origin.document + 1);
        result.objects.push(
          origin ? { ...loaded, origin: { ...origin, document: first + origin.document } } : loaded,
        );
      }
      documentsPerFile.set(file, Math.max(last, first + 1));
      result.problems.push(...parsed.problems);
    }
    return result;
  }
  const tried = spec.candidates.map((c) => c.command).join(' or ');
  return {
    objects: [],
    files: 0,
    problems: [
      {
        kind: 'source',
        file: dir,
        message: `"${dir}" is ${spec.what}, but ${tried} is not installed (not found on PATH); ${spec.install}; skipped`,
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
export function splitHelmOutput(stdout: string, dir: string): { text: string; file: string }[] {
  return splitDocuments(stdout).map((text) => {
    const source = /^# Source: (.+?)\s*$/m.exec(text);
    // The comment opens the document (only comments may come before it); the document's lines start after it.
    if (source && /^(?:\s*#[^\n]*\n|\s*\n)*$/.test(text.slice(0, source.index))) {
      const file = chartFile(dir, source[1]!) ?? join(dir, source[1]!);
      return {
        text: text.slice(source.index + source[0].length).replace(/^\r?\n/, ''),
        file: `${file} (rendered by helm)`,
      };
    }
    return { text, file: `${dir} (rendered by helm)` };
  });
}

/**
 * Splits a YAML stream at bare `---` lines. A document marker with content on the same line (`--- !tag`) is left to
 * the parser, which numbers such documents within the part.
 */
export function splitDocuments(stream: string): string[] {
  return stream.split(/^---[ \t]*(?:#[^\n]*)?(?:\r?\n|$)/m).filter((part) => part.trim() !== '');
}
