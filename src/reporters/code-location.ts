import { isKustomizationFile, parseRenderedLabel } from '../core/rendered.ts';

// Where a finding sits for tools that open the file (GitHub annotations, SARIF viewers): a real path, and a
// line only when it is a line of that file.

export interface CodeLocation {
  file?: string;
  line?: number;
  column?: number;
}

/**
 * Findings on rendered objects carry a "(rendered by …)" label on their file. Kustomize findings are attributed
 * to the base or overlay file that holds the object, at that file's own lines: the label is dropped, the lines
 * kept. Helm findings name the template but count lines of the rendered output, and objects Kustomize could not
 * attribute sit at lines of the build output under the kustomization file: there only the file is named.
 */
export function codeLocation(item: CodeLocation): CodeLocation {
  const rendered = item.file ? parseRenderedLabel(item.file) : undefined;
  if (!rendered) return item;
  const { file, tool } = rendered;
  if (tool === 'kustomize' && !isKustomizationFile(file)) return { ...item, file };
  return { file };
}
