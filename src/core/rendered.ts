// Objects rendered by helm or kustomize carry the tool in their file label: "<path> (rendered by helm)".

export type Renderer = 'helm' | 'kustomize';

const LABEL = / \((?:rendered by )?(helm|kustomize)\)$/;

export function renderedLabel(file: string, tool: Renderer): string {
  return `${file} (rendered by ${tool})`;
}

/** The path and the tool of a rendered object's file label; undefined for a plain file. */
export function parseRenderedLabel(label: string): { file: string; tool: Renderer } | undefined {
  const match = LABEL.exec(label);
  return match ? { file: label.slice(0, match.index), tool: match[1] as Renderer } : undefined;
}

/** The names kustomize looks for in a directory, in its order of preference. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export function isKustomizationFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (KUSTOMIZATION_FILES as readonly string[]).includes(name);
}
