// `npm run docs`: writes docs/runbooks/<id>.md for every registered check and docs/checks.md, and removes
// runbooks of checks that no longer exist. `--check` only reports what is out of date (exit 1 if anything is).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_CHECKS } from '../src/checks/registry.ts';
import { generatedDocs } from '../src/docs/generate.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const checkOnly = process.argv.includes('--check');
const files = generatedDocs(ALL_CHECKS);
const stale: string[] = [];
const changed: string[] = [];

for (const [relative, content] of files) {
  const path = join(root, relative);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === content) continue;
  changed.push(relative);
  if (!checkOnly) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}
const runbooks = join(root, 'docs/runbooks');
if (existsSync(runbooks)) {
  for (const name of readdirSync(runbooks)) {
    const relative = `docs/runbooks/${name}`;
    if (name.endsWith('.md') && !files.has(relative)) {
      stale.push(relative);
      if (!checkOnly) rmSync(join(root, relative));
    }
  }
}

const verb = checkOnly ? 'out of date' : 'written';
for (const file of changed) console.log(`${verb}: ${file}`);
for (const file of stale) console.log(`${checkOnly ? 'stale' : 'removed'}: ${file}`);
console.log(
  `docs: ${ALL_CHECKS.length} checks, ${changed.length} file(s) ${verb}, ${stale.length} stale runbook(s)${checkOnly ? '' : ' removed'}`,
);
if (checkOnly && changed.length + stale.length > 0) process.exitCode = 1;
