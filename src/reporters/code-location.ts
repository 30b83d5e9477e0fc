// Where a finding sits for tools that open the file (GitHub annotations, SARIF viewers): a real path, and a
// line only when it is a line of that file.
const RENDERED = / \(rendered by (helm|kustomize)\)$/;
const KUSTOMIZATION = /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/;

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
  const match = item.file ? RENDERED.exec(item.file) : null;
  if (!item.file || !match) return item;
  const file = item.file.slice(0, match.index);
  if (match[1] === 'kustomize' && !KUSTOMIZATION.test(file)) return { ...item, file };
  return { file };
}
