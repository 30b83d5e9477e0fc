// Every regular expression written in src/ (literals and `new RegExp` calls), found through the TypeScript syntax
// tree: what the regex audit (test/fuzz/regex-audit.test.ts, scripts/audit-regexes.ts) checks.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  /** file:line */
  where: string;
  /** The literal as written (`/…/flags`), or the `new RegExp(…)` expression. */
  text: string;
  dynamic: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

export function findRegexes(root: string): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const file of sourceFiles(join(root, 'src')).sort()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) =>
      `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral)
        found.push({ where: where(node), text: node.getText(), dynamic: false });
      else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp')
        found.push({ where: where(node), text: node.getText(), dynamic: true });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** A literal's pattern and flags, as recheck takes them (g only repeats the search; y anchors it, so it stays). */
export function splitLiteral(text: string): { source: string; flags: string } {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1).replace('g', '') };
}
