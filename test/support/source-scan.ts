// Shapes of code that hostile input turns into hangs or crashes, found in src/ through the TypeScript syntax tree:
// every regular expression (the regex audit: test/fuzz/regex-audit.test.ts, scripts/audit-regexes.ts) and every
// spread of an array into call arguments (test/fuzz/source-shapes.test.ts).
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

/** Calls visit(node, where) for every node of every non-test source file under root/src. */
function eachNode(root: string, visit: (node: ts.Node, where: string) => void): void {
  for (const file of sourceFiles(join(root, 'src')).sort()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const walk = (node: ts.Node): void => {
      visit(
        node,
        `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`,
      );
      ts.forEachChild(node, walk);
    };
    walk(source);
  }
}

export function findRegexes(root: string): FoundRegex[] {
  const found: FoundRegex[] = [];
  eachNode(root, (node, where) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral)
      found.push({ where, text: node.getText(), dynamic: false });
    else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp')
      found.push({ where, text: node.getText(), dynamic: true });
  });
  return found;
}

/** Calls that take an array spread into their arguments (`xs.push(...ys)`, `Math.max(...ys)`). */
export function findSpreadArguments(root: string): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  eachNode(root, (node, where) => {
    if (ts.isCallExpression(node) && node.arguments.some(ts.isSpreadElement))
      found.push({ where, text: node.getText() });
  });
  return found;
}

/** A literal's pattern and flags, as recheck takes them (g only repeats the search; y anchors it, so it stays). */
export function splitLiteral(text: string): { source: string; flags: string } {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1).replace('g', '') };
}
