// `npm run build`, and `npm pack`/`npm publish` through prepack: shipshape as users install it, in dist/
// (docs/decisions/0042-npm-package.md). esbuild bundles the command line and every library it uses into ES
// modules, split so that a command loads only its own chunks; the modules shipshape loads synchronously on
// first use (requireOwn) become entry points of their own; the licences of the bundled libraries are collected
// into dist/THIRD-PARTY-NOTICES.md. The checkout itself never needs this: it runs the TypeScript sources.
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');

/** Node versions the package runs on: require(esm) of our own modules needs 22.12 (package.json engines). */
const TARGET = 'node22.12';

/** Every module some source loads with requireOwn(import.meta.url, '<path>'): each becomes dist/<name>.js. */
export function ownRequired(srcDir = join(ROOT, 'src')): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of readdirSync(srcDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    const calls = text.match(/\brequireOwn(<[^>]*>)?\(/g)?.length ?? 0;
    const matches = [
      ...text.matchAll(/\brequireOwn(?:<[^>]*>)?\(\s*import\.meta\.url,\s*'([^']+\.ts)',?\s*\)/g),
    ];
    // A call written any other way (a computed path) would fail only in the package: refuse to build.
    if (file.endsWith('require-own.ts') ? calls !== 1 : matches.length !== calls)
      throw new Error(`${file}: call requireOwn(import.meta.url, '<relative path>.ts')`);
    for (const match of matches) {
      const target = resolve(dirname(file), match[1]!);
      const name = basename(target, '.ts');
      const known = found.get(name);
      if (known && known !== target)
        throw new Error(`requireOwn: two modules named ${name}: ${known}, ${target}`);
      found.set(name, target);
    }
  }
  return found;
}

/** The npm packages whose code ended up in the bundle, with their licence texts. */
function thirdPartyNotices(metafile: Metafile): string {
  const packages = new Map<string, string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match) continue;
    const dir = input.slice(0, match.index + match[0].length - 1);
    packages.set(dir, match[1]!);
  }
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const [dir, name] of [...packages].sort((a, b) => a[1].localeCompare(b[1]))) {
    const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
      version: string;
      license?: string;
    };
    const id = `${name}@${pkg.version}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const licenceFile = readdirSync(join(ROOT, dir)).find((f) =>
      /^(un)?licen[cs]e(\.|-|$)|^copying(\.|$)/i.test(f),
    );
    const text = licenceFile ? readFileSync(join(ROOT, dir, licenceFile), 'utf8').trim() : undefined;
    if (!text && !pkg.license) throw new Error(`${id}: neither a licence file nor a licence field`);
    sections.push(
      text
        ? `## ${id} (${pkg.license ?? 'see below'})\n\n\`\`\`\n${text}\n\`\`\``
        : `## ${id} (${pkg.license})\n\nThe package ships no licence file; its package.json names ${pkg.license}.`,
    );
  }
  return `# Third-party notices\n\nThe bundled files in dist/ contain code from these npm packages, under these licences.\n\n${sections.join('\n\n')}\n`;
}

export async function buildPackage(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  const entryPoints: Record<string, string> = {
    shipshape: join(ROOT, 'src/cli/main.ts'),
    'kubectl-shipshape': join(ROOT, 'src/cli/kubectl-main.ts'),
  };
  for (const [name, file] of ownRequired()) {
    if (entryPoints[name]) throw new Error(`requireOwn target ${name} collides with an entry point`);
    entryPoints[name] = file;
  }
  const result = await build({
    entryPoints,
    outdir: DIST,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: TARGET,
    // Chunks sit beside the entry points: requireOwn resolves ./<name>.js from the chunk that calls it.
    chunkNames: 'chunk-[hash]',
    // Bundled CommonJS libraries (ajv, js-yaml's dependents, …) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __shipshapeCreateRequire } from 'node:module'; const require = __shipshapeCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(join(DIST, 'THIRD-PARTY-NOTICES.md'), thirdPartyNotices(result.metafile));
  for (const name of ['shipshape', 'kubectl-shipshape']) chmodSync(join(DIST, `${name}.js`), 0o755);
  const files = readdirSync(DIST, { recursive: true });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  console.error(
    `built ${relative(ROOT, DIST)}/: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB of JavaScript`,
  );
  if (!existsSync(join(DIST, 'shipshape.js'))) throw new Error('no dist/shipshape.js');
}

if (import.meta.main) await buildPackage();
