// `npm run build`, and `npm pack`/`npm publish` through prepack: shipshape as users install it, in dist/
// (docs/decisions/0042-npm-package.md). esbuild bundles the command line and every library it uses into ES
// modules, split so that a command loads only its own chunks; the modules shipshape loads synchronously on
// first use (requireOwn) become entry points of their own; the licences of the bundled libraries are collected
// into dist/THIRD-PARTY-NOTICES.md; every definition of every bundled schema set is compiled into
// dist/validators/ (decision 0043). The checkout itself never needs this: it runs the TypeScript sources.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { build, type Metafile, type Plugin, transformSync } from 'esbuild';
import { bundledSchemaSet, bundledVersions } from '../src/schema/bundled.ts';
import { definitionCode } from '../src/schema/compile.ts';
import {
  definitionKey,
  type Factory,
  generatorIdentity,
  runtimeModule,
  type SetManifest,
  STORE_FILE,
  STORE_INDEX,
  type StoreIndex,
  type StoreSlice,
} from '../src/schema/compiled.ts';
import { evaluateCode } from '../src/schema/compiled-cache.ts';
import { normalizedDefinition } from '../src/schema/validator.ts';

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

/** Bundled CommonJS libraries call require() for Node built-ins: a chunk that does starts with a `require`. */
const REQUIRE_BANNER =
  "import { createRequire as __shipshapeCreateRequire } from 'node:module'; const require = __shipshapeCreateRequire(import.meta.url);";

/**
 * Node built-ins reached through a stand-in that loads the module on the first use of one of its exports
 * (decision 0043). Two costs it avoids: Node's ESM facade of a built-in reads every export, getters included,
 * so `import … from 'node:fs'` loads fs/promises, readline and the REPL history, and `node:util` the worker,
 * stream and diff machinery (~70 modules, ~10 ms per run); and many runs never call the others — a review of
 * files needs no child process (commander loads one at start for external subcommands), no gzip (the package's
 * validator store is plain), no worker or socket. process.getBuiltinModule returns the CommonJS object, and the
 * stand-in's export names are fixed at build time, so nothing enumerates the module.
 */
const LAZY_BUILTINS = [
  'fs',
  'util',
  'child_process',
  'crypto',
  'zlib',
  'worker_threads',
  'stream',
  'readline',
];

/** The module that stands for built-in `name` in the bundle (LAZY_BUILTINS). */
export function builtinShim(name: string): string {
  const id = JSON.stringify(`node:${name}`);
  const keys = Object.keys(process.getBuiltinModule(`node:${name}`) as object);
  return `let loaded;
const load = () => (loaded ??= process.getBuiltinModule(${id}));
module.exports = Object.defineProperties({}, Object.fromEntries(${JSON.stringify(keys)}.map((key) => [key, { enumerable: true, get: () => load()[key] }])));`;
}

const builtins: Plugin = {
  name: 'shipshape-builtins',
  setup(build) {
    const names = LAZY_BUILTINS.join('|');
    // One stand-in per importing module: shared, each would be a chunk of its own (esbuild splits by the set
    // of entry points reaching a module), and every chunk costs a run ~0.3 ms to resolve, read and link.
    build.onResolve({ filter: new RegExp(`^(node:)?(${names})$`) }, (args) => ({
      path: `${args.path.replace(/^node:/, '')}?${args.importer}`,
      namespace: 'builtin',
    }));
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: builtinShim(args.path.split('?')[0]!),
      loader: 'js',
    }));
  },
};

/**
 * Only a chunk that names `require` needs the banner; createRequire in each of the ~40 chunks a review loads
 * costs a few milliseconds. A chunk without the banner that did name `require` would fail on load, and every
 * test of the package loads the chunks it runs.
 */
function dropUnusedBanners(metafile: Metafile): void {
  for (const output of Object.keys(metafile.outputs)) {
    if (!output.endsWith('.js')) continue;
    const file = join(ROOT, output);
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf(REQUIRE_BANNER);
    if (at < 0) throw new Error(`${output}: no require banner`);
    const rest = text.slice(at + REQUIRE_BANNER.length);
    if (!/(?<![\w$.])require\b/.test(rest)) writeFileSync(file, text.slice(0, at) + rest.replace(/^\n/, ''));
  }
}

/** The npm packages whose code ended up in the bundle, with their licence texts. */
function thirdPartyNotices(metafile: Metafile): string {
  const packages = new Map<string, string>();
  for (const input of Object.keys(metafile.inputs)) {
    if (input.startsWith('builtin:')) continue;
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

/**
 * The validator code of every definition of every bundled schema set, once per distinct normalized schema (the
 * key compiled.ts looks it up by), minified and concatenated into one store file with an index, plus a manifest
 * per set (its kinds, each definition's slice of the store), so the package never compiles a bundled schema nor
 * reads a gzip'd set to validate. Code already generated by this generator is reused from node_modules/.cache.
 */
function buildValidators(dir: string): string {
  const identity = generatorIdentity();
  if (!identity) throw new Error('no identity for the validator code generator');
  const cache = join(ROOT, 'node_modules', '.cache', 'shipshape-validators', identity.slice(0, 16));
  mkdirSync(dir, { recursive: true });
  mkdirSync(cache, { recursive: true });
  const keys: Record<string, StoreSlice> = {};
  const chunks: Buffer[] = [];
  let offset = 0;
  let definitions = 0;
  let compiled = 0;
  for (const version of bundledVersions()) {
    const set = bundledSchemaSet(version);
    const manifest: SetManifest = { kinds: Object.fromEntries(set.kinds), validators: {} };
    for (const name of Object.keys(set.definitions)) {
      definitions++;
      const normalized = normalizedDefinition(set, name);
      const key = definitionKey(identity, normalized);
      if (!keys[key]) {
        const cached = join(cache, `${key}.js`);
        let code = existsSync(cached) ? readFileSync(cached, 'utf8') : undefined;
        if (code === undefined) {
          code = transformSync(definitionCode(normalized), {
            minify: true,
            format: 'cjs',
            target: TARGET,
          }).code;
          writeFileSync(cached, code);
          compiled++;
        }
        // Every validator must evaluate and instantiate with what the bundle gives it (runtimeModule throws on
        // any other module), as compiled.ts will do it.
        const factory = evaluateCode(code, runtimeModule) as Factory | undefined;
        const unused = (() => () => true) as unknown as Parameters<Factory>[0];
        if (typeof factory?.(unused, runtimeModule) !== 'function')
          throw new Error(`${set.id} ${name}: generated validator does not instantiate`);
        const bytes = Buffer.from(code, 'utf8');
        keys[key] = [offset, bytes.length];
        chunks.push(bytes);
        offset += bytes.length;
      }
      manifest.validators[name] = keys[key]!;
    }
    writeFileSync(join(dir, `${set.id}.json`), JSON.stringify(manifest));
  }
  writeFileSync(join(dir, STORE_FILE), Buffer.concat(chunks));
  writeFileSync(join(dir, STORE_INDEX), JSON.stringify({ identity, keys } satisfies StoreIndex));
  return `${bundledVersions().length} schema sets, ${definitions} definitions, ${Object.keys(keys).length} validators in ${(offset / 1024 / 1024).toFixed(1)} MiB (${compiled} compiled now)`;
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
    banner: { js: REQUIRE_BANNER },
    plugins: [builtins],
    legalComments: 'none',
    metafile: true,
    absWorkingDir: ROOT,
    logLevel: 'warning',
  });
  dropUnusedBanners(result.metafile);
  writeFileSync(join(DIST, 'THIRD-PARTY-NOTICES.md'), thirdPartyNotices(result.metafile));
  const validators = buildValidators(join(DIST, 'validators'));
  for (const name of ['shipshape', 'kubectl-shipshape']) chmodSync(join(DIST, `${name}.js`), 0o755);
  const files = readdirSync(DIST, { recursive: true });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  console.error(
    `built ${relative(ROOT, DIST)}/: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB of bundled JavaScript; ${validators}`,
  );
  if (!existsSync(join(DIST, 'shipshape.js'))) throw new Error('no dist/shipshape.js');
}

if (import.meta.main) await buildPackage();
