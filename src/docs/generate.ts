// What `npm run docs` writes: one runbook per check and the checks index. Shared by the script and the
// registry test, which fails when the committed files differ.
import type { AnyCheck } from '../core/check.ts';
import { renderChecksIndex, renderRunbook } from './runbook.ts';

/** Generated files by path relative to the project root. */
export function generatedDocs(checks: readonly AnyCheck[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const check of [...checks].sort((a, b) => a.id.localeCompare(b.id)))
    files.set(`docs/runbooks/${check.id}.md`, renderRunbook(check));
  files.set('docs/checks.md', renderChecksIndex(checks));
  return files;
}
