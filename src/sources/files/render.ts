// Renders Helm charts and Kustomize directories with the user's own tools, when they are installed.
import { spawnSync } from 'node:child_process';
import type { LoadedObject } from '../../core/object.ts';
import type { Problem } from '../../core/problem.ts';
import { parseManifestText } from './parse-yaml.ts';

export interface RenderResult {
  objects: LoadedObject[];
  problems: Problem[];
  files: number;
}

const RENDER_TIMEOUT_MS = 120_000;

export function renderChart(dir: string, values: readonly string[]): RenderResult {
  const args = ['template', 'release', dir, ...values.flatMap((v) => ['--values', v])];
  return render(dir, 'helm', [{ command: 'helm', args }], 'install helm (https://helm.sh) to review charts');
}

export function renderKustomization(dir: string): RenderResult {
  return render(
    dir,
    'kustomize',
    [
      { command: 'kustomize', args: ['build', dir] },
      { command: 'kubectl', args: ['kustomize', dir] },
    ],
    'install kustomize or kubectl to review Kustomize directories',
  );
}

function render(
  dir: string,
  tool: string,
  candidates: { command: string; args: string[] }[],
  hint: string,
): RenderResult {
  for (const { command, args } of candidates) {
    const run = spawnSync(command, args, {
      encoding: 'utf8',
      timeout: RENDER_TIMEOUT_MS,
      maxBuffer: 256 * 1024 * 1024,
    });
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') continue;
    if (run.error || run.status !== 0) {
      const detail = (run.stderr || run.error?.message || '').trim().split('\n').slice(-3).join(' ');
      return {
        objects: [],
        files: 0,
        problems: [
          { kind: 'source', file: dir, message: `${command} ${args[0]} failed for "${dir}": ${detail}` },
        ],
      };
    }
    const parsed = parseManifestText(run.stdout, `${dir} (${tool})`);
    return { ...parsed, files: 1 };
  }
  return {
    objects: [],
    files: 0,
    problems: [
      { kind: 'source', file: dir, message: `"${dir}" is a ${tool} directory but ${hint}; skipped` },
    ],
  };
}
