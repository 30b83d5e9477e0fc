import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { bundledSchemaSet, newestBundledVersion } from './bundled.ts';
import {
  type CacheStats,
  cacheDir,
  cacheKey,
  evaluateCode,
  generationDir,
  readCode,
  writeCode,
} from './compiled-cache.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'shipshape-cache-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

const KEY = cacheKey(['a', 'b']);

describe('cache directory', () => {
  it('follows SHIPSHAPE_CACHE_DIR, then $XDG_CACHE_HOME, then ~/.cache, and SHIPSHAPE_CACHE=off disables it', () => {
    assert.equal(
      cacheDir({ SHIPSHAPE_CACHE_DIR: '/x/c', XDG_CACHE_HOME: '/y', HOME: '/h' }),
      '/x/c/validators-1',
    );
    assert.equal(cacheDir({ XDG_CACHE_HOME: '/y', HOME: '/h' }), '/y/shipshape/validators-1');
    // The XDG spec: a relative $XDG_CACHE_HOME is invalid and ignored.
    assert.equal(cacheDir({ XDG_CACHE_HOME: 'rel', HOME: '/h' }), '/h/.cache/shipshape/validators-1');
    assert.equal(cacheDir({ HOME: '/h' }), '/h/.cache/shipshape/validators-1');
    for (const off of ['off', 'OFF', '0', 'false', 'no'])
      assert.equal(cacheDir({ SHIPSHAPE_CACHE: off, SHIPSHAPE_CACHE_DIR: '/x/c' }), undefined, off);
    assert.equal(cacheDir({ SHIPSHAPE_CACHE: 'on', SHIPSHAPE_CACHE_DIR: '/x/c' }), '/x/c/validators-1');
  });

  it('keys length-prefix their parts, so moving a boundary changes the key', () => {
    assert.match(KEY, /^[0-9a-f]{64}$/);
    assert.equal(cacheKey(['a', 'b']), KEY);
    assert.notEqual(cacheKey(['ab', '']), KEY);
    assert.notEqual(cacheKey(['a', 'b', '']), KEY);
  });
});

describe('cache files', () => {
  const code = 'const m = require("m");\nmodule.exports = function validate(x) { return x === m.ok; };';
  const modules = (id: string) => (id === 'm' ? { ok: 42 } : undefined);

  it('round-trips code and evaluates it with only the modules given', () => {
    const dir = join(work, 'roundtrip');
    assert.equal(readCode(KEY, dir), undefined);
    assert.equal(writeCode(KEY, code, dir), true);
    assert.equal(readCode(KEY, dir), code);
    const fn = evaluateCode(readCode(KEY, dir) ?? '', modules) as (x: unknown) => boolean;
    assert.equal(fn(42), true);
    assert.equal(fn(41), false);
    assert.equal(evaluateCode(code.replace('"m"', '"fs"'), modules), undefined);
    // Only the final file is left: no temporary files, and the directory is private.
    assert.deepEqual(readdirSync(dir), [`${KEY}.js`]);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  });

  it('treats a truncated, altered or foreign file as a miss', () => {
    const dir = join(work, 'corrupt');
    writeCode(KEY, code, dir);
    const file = join(dir, `${KEY}.js`);
    const full = readFileSync(file, 'utf8');
    writeFileSync(file, full.slice(0, full.length - 10));
    assert.equal(readCode(KEY, dir), undefined);
    writeFileSync(file, full.replace('=== m.ok', '!== m.ok'));
    assert.equal(readCode(KEY, dir), undefined);
    writeFileSync(file, 'garbage');
    assert.equal(readCode(KEY, dir), undefined);
    writeFileSync(file, '');
    assert.equal(readCode(KEY, dir), undefined);
    // Intact, but writable by others: refused, since it is code we would run.
    writeCode(KEY, code, dir);
    assert.equal(readCode(KEY, dir), code);
    chmodSync(file, 0o666);
    assert.equal(readCode(KEY, dir), undefined);
    chmodSync(file, 0o600);
    assert.equal(readCode(KEY, dir), code);
    // Another key's (valid) file under this key's name.
    const other = cacheKey(['other']);
    writeCode(other, code, dir);
    writeFileSync(file, readFileSync(join(dir, `${other}.js`)));
    assert.equal(readCode(KEY, dir), undefined);
    assert.equal(evaluateCode('module.exports = ', modules), undefined);
    assert.equal(evaluateCode('module.exports = 5', modules), undefined);
    assert.equal(evaluateCode('throw new Error("boom")', modules), undefined);
  });

  it('removes stale temporary files and, with a new generation, generations unused for two weeks', () => {
    const base = join(work, 'generations');
    const old = generationDir(base, 'a'.repeat(16)) ?? '';
    const recent = generationDir(base, 'b'.repeat(16)) ?? '';
    const current = generationDir(base, 'c'.repeat(16)) ?? '';
    assert.equal(generationDir(base, '../escape'), undefined);
    writeCode(KEY, code, old);
    writeCode(KEY, code, recent);
    const month = (Date.now() - 30 * 24 * 3600 * 1000) / 1000;
    utimesSync(old, month, month);
    writeCode(KEY, code, current);
    assert.deepEqual(readdirSync(base).sort(), ['b'.repeat(16), 'c'.repeat(16)]);
    // A temporary file a killed writer left an hour ago goes; one being written right now stays.
    writeFileSync(join(current, 'x.js.1.abc.tmp'), 'partial');
    writeFileSync(join(current, 'y.js.2.def.tmp'), 'partial');
    const hour = (Date.now() - 3600 * 1000) / 1000;
    utimesSync(join(current, 'x.js.1.abc.tmp'), hour, hour);
    writeCode(cacheKey(['next']), code, current);
    assert.deepEqual(
      readdirSync(current).filter((f) => f.endsWith('.tmp')),
      ['y.js.2.def.tmp'],
    );
  });

  it('fails silently, leaving nothing behind, when the directory cannot be created or written', () => {
    const blocker = join(work, 'not-a-dir');
    writeFileSync(blocker, 'x');
    assert.equal(writeCode(KEY, code, join(blocker, 'cache')), false);
    assert.equal(readCode(KEY, join(blocker, 'cache')), undefined);
    // A directory where the final file name is taken by a directory: the rename fails, the temp file goes.
    const dir = join(work, 'taken');
    mkdirSync(join(dir, `${KEY}.js`), { recursive: true });
    assert.equal(writeCode(KEY, code, dir), false);
    assert.deepEqual(readdirSync(dir), [`${KEY}.js`]);
    assert.equal(readCode(KEY, dir), undefined);
    assert.equal(writeCode('not-a-key', code, dir), false);
    assert.equal(readCode('../../etc/passwd', dir), undefined);
  });
});

// ---- differential: the same SchemaError lists with and without the cache ----

interface Sample {
  version: string;
  origin: string;
  object: unknown;
}

/** A small deterministic PRNG (mulberry32), so generated samples are the same every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A plausible object for a raw (bundled) definition: required fields always, others at random, depth-limited. */
function generate(
  defs: Readonly<Record<string, unknown>>,
  schema: unknown,
  rand: () => number,
  depth: number,
): unknown {
  if (!isObj(schema)) return 'x';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    if (name.endsWith('.IntOrString')) return rand() < 0.5 ? 8080 : 'http';
    if (name.endsWith('.Quantity')) return rand() < 0.5 ? '100m' : '1Gi';
    if (name.endsWith('.Time') || name.endsWith('.MicroTime')) return '2024-01-02T03:04:05Z';
    return depth > 6 ? {} : generate(defs, defs[name], rand, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1)
    return generate(defs, schema.allOf[0], rand, depth);
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return schema.enum[Math.floor(rand() * schema.enum.length)];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return schema.format === 'byte'
        ? 'aGVsbG8='
        : schema.format === 'date-time'
          ? '2024-01-02T03:04:05Z'
          : 'x';
    case 'integer':
      return 3;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'array':
      return depth > 6 ? [] : [generate(defs, schema.items, rand, depth + 1)];
    default: {
      if (isObj(schema.properties)) {
        const out: Json = {};
        const required = Array.isArray(schema.required) ? schema.required : [];
        for (const [name, child] of Object.entries(schema.properties))
          if (required.includes(name) || (depth < 5 && rand() < 0.45))
            out[name] = generate(defs, child, rand, depth + 1);
        return out;
      }
      if (isObj(schema.additionalProperties))
        return { key: generate(defs, schema.additionalProperties, rand, depth + 1) };
      return {};
    }
  }
}

/** Every object node with its parent, for planting mistakes. */
function objectNodes(value: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(value)) for (const item of value) objectNodes(item, out);
  else if (isObj(value)) {
    out.push(value);
    for (const child of Object.values(value)) objectNodes(child, out);
  }
  return out;
}

/** Plants one mistake: an unknown or misspelt field, a wrong type, a dropped field, a bad format, a misplaced field. */
function plant(object: Json, rand: () => number): void {
  const nodes = objectNodes(object);
  const node = nodes[Math.floor(rand() * nodes.length)]!;
  const keys = Object.keys(node);
  const key = keys[Math.floor(rand() * keys.length)];
  const pick = Math.floor(rand() * 6);
  if (pick === 0 || key === undefined) node.bogusField = { nested: 1 };
  else if (pick === 1) node[`${key.slice(0, -1)}${key.endsWith('s') ? '' : 's'}`] = node[key];
  else if (pick === 2) {
    const value = node[key];
    node[key] =
      typeof value === 'string'
        ? 7
        : typeof value === 'number'
          ? 'seven'
          : Array.isArray(value)
            ? { not: 'a list' }
            : isObj(value)
              ? ['not', 'an object']
              : 'flag';
  } else if (pick === 3) delete node[key];
  else if (pick === 4) {
    // A bad value where the schema checks one: a quantity, a date-time, base64, an enum.
    const bad: Record<string, string> = {
      '100m': 'lots',
      '1Gi': '1 gig',
      '2024-01-02T03:04:05Z': 'yesterday',
      'aGVsbG8=': 'not base64!',
    };
    const spots = nodes.flatMap((n) =>
      Object.entries(n).flatMap(([k, v]) =>
        typeof v === 'string' && (v in bad || (n !== object && /^[A-Z]/.test(v))) ? [[n, k, v] as const] : [],
      ),
    );
    const spot = spots[Math.floor(rand() * spots.length)];
    if (spot) spot[0][spot[1]] = bad[spot[2]] ?? 'NotOneOfThem';
    else if (isObj(object.metadata)) object.metadata.creationTimestamp = 'yesterday';
    else object.metadata = { name: 'x', creationTimestamp: 'yesterday' };
  } else {
    // Under-indented: a grandchild moved up beside its parent.
    const child = node[key];
    const inner = isObj(child) ? Object.keys(child)[0] : undefined;
    if (isObj(child) && inner !== undefined) {
      node[inner] = child[inner];
      delete child[inner];
    } else node.containers = [{ name: 'c', image: 'i' }];
  }
}

function yamlObjects(file: string): unknown[] {
  try {
    return parseAllDocuments(readFileSync(file, 'utf8'))
      .flatMap((doc) => (Array.isArray(doc) ? [] : doc.errors.length > 0 ? [] : [doc.toJS()]))
      .filter((o) => isObj(o) && typeof o.apiVersion === 'string' && typeof o.kind === 'string');
  } catch {
    return [];
  }
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(join(entry.parentPath, entry.name));
  return out.sort();
}

function samples(): Sample[] {
  const newest = newestBundledVersion();
  const out: Sample[] = [];
  const corpus = process.env.SHIPSHAPE_CORPUS ?? join(ROOT, '..', 'shared', 'corpus');
  const sources = [
    ...yamlFiles(join(corpus, 'kubeconform')),
    ...yamlFiles(join(ROOT, 'test', 'fixtures')),
    ...yamlFiles(join(ROOT, 'examples')),
  ];
  for (const file of sources)
    for (const object of yamlObjects(file))
      out.push({ version: newest, origin: relative(ROOT, file), object });
  // Every kind of the newest set, and a sample of an old one: clean, and with 1–3 planted mistakes.
  for (const [version, every] of [
    [newest, 1],
    ['1.20', 9],
  ] as const) {
    const set = bundledSchemaSet(version);
    const rand = prng(version.length * 7919 + every);
    let i = 0;
    for (const [gvk, definition] of set.kinds) {
      if (i++ % every !== 0) continue;
      const colon = gvk.lastIndexOf(':');
      const make = (): Json => {
        const object = generate(set.definitions, set.definitions[definition], rand, 0);
        return {
          ...(isObj(object) ? object : {}),
          apiVersion: gvk.slice(0, colon),
          kind: gvk.slice(colon + 1),
        };
      };
      out.push({ version, origin: `generated ${gvk}`, object: make() });
      const broken = make();
      for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) plant(broken, rand);
      out.push({ version, origin: `generated ${gvk} with mistakes`, object: broken });
    }
  }
  return out;
}

/** The one generation directory under a cache directory. */
function generation(cacheBase: string): string {
  const base = join(cacheBase, 'validators-1');
  const names = readdirSync(base);
  assert.equal(names.length, 1, names.join(' '));
  return join(base, names[0]!);
}

interface ChildResult {
  results: ([string, string, string][] | null)[];
  stats: CacheStats;
}

const CHILD = `
import { readFileSync } from 'node:fs';
import { bundledSchemaSet } from ${JSON.stringify(join(ROOT, 'src/schema/bundled.ts'))};
import { validateBuiltin } from ${JSON.stringify(join(ROOT, 'src/schema/validator.ts'))};
import { cacheStats } from ${JSON.stringify(join(ROOT, 'src/schema/compiled-cache.ts'))};
const samples = JSON.parse(readFileSync(process.argv[1], 'utf8'));
const results = samples.map((s) => {
  const errors = validateBuiltin(bundledSchemaSet(s.version), s.object);
  return errors ? errors.map((e) => [e.kind, JSON.stringify(e.path), e.message]) : null;
});
process.stdout.write(JSON.stringify({ results, stats: cacheStats() }));
`;

/** Validates the samples in a fresh process with the given cache settings (never the real HOME's cache). */
function run(file: string, env: Record<string, string>): ChildResult {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD, file], {
    env: { PATH: process.env.PATH ?? '', HOME: join(work, 'home'), ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out) as ChildResult;
}

describe('compiled validators from the disk cache', () => {
  const all = samples();
  const file = join(work, 'samples.json');
  writeFileSync(file, JSON.stringify(all));
  const cache = join(work, 'cache');
  let off: ChildResult;

  it('give the same SchemaError lists (kind, path, message) as compiling: cache off, cold, warm', (t) => {
    off = run(file, { SHIPSHAPE_CACHE: 'off', SHIPSHAPE_CACHE_DIR: cache });
    assert.deepEqual(off.stats, { hits: 0, misses: 0, writes: 0, failures: 0 });
    assert.equal(existsSync(cache), false, 'SHIPSHAPE_CACHE=off writes nothing');

    // The sample is large and exercises every error kind, clean objects included.
    assert.ok(all.length > 700, `${all.length} samples`);

    const flat = off.results.flatMap((r) => r ?? []);
    for (const kind of ['unknown-field', 'type', 'required', 'value'])
      assert.ok(
        flat.filter((e) => e[0] === kind).length >= 20,
        `${kind}: ${flat.filter((e) => e[0] === kind).length}`,
      );
    t.diagnostic(
      `${all.length} samples, ${flat.length} errors: ${['unknown-field', 'type', 'required', 'value'].map((k) => `${k} ${flat.filter((e) => e[0] === k).length}`).join(', ')}`,
    );
    assert.ok(flat.some((e) => e[2].includes('did you mean')));
    assert.ok(flat.some((e) => e[2].includes('check the indentation')));
    assert.ok(off.results.filter((r) => r?.length === 0).length > 100);
    assert.ok(all.some((s) => s.origin.startsWith('test/fixtures')));

    const cold = run(file, { SHIPSHAPE_CACHE_DIR: cache });
    assert.ok(cold.stats.writes > 150, JSON.stringify(cold.stats));
    assert.equal(cold.stats.failures, 0);
    const warm = run(file, { SHIPSHAPE_CACHE_DIR: cache });
    assert.equal(warm.stats.misses, 0, JSON.stringify(warm.stats));
    assert.equal(warm.stats.writes, 0);
    assert.equal(warm.stats.hits, cold.stats.writes + cold.stats.hits);
    for (const [name, result] of [
      ['cold', cold],
      ['warm', warm],
    ] as const)
      all.forEach((sample, i) => {
        assert.deepEqual(result.results[i], off.results[i], `${name}: ${sample.origin}`);
      });
    const files = readdirSync(generation(cache));
    assert.equal(files.length, cold.stats.writes);
    assert.ok(
      files.every((f) => /^[0-9a-f]{64}\.js$/.test(f)),
      'no temporary files left',
    );
  });

  it('recompiles over corrupt files and in an unwritable cache, with the same results', () => {
    const dir = generation(cache);
    const files = readdirSync(dir).sort();
    for (const [i, name] of files.entries()) {
      const path = join(dir, name);
      if (i % 3 === 0) writeFileSync(path, readFileSync(path, 'utf8').slice(0, 5000));
      else if (i % 3 === 1)
        writeFileSync(path, readFileSync(path, 'utf8').replace('additionalProperties', 'x'));
    }
    const subset = all.filter((_, i) => i % 8 === 0);
    const subsetFile = join(work, 'subset.json');
    writeFileSync(subsetFile, JSON.stringify(subset));
    const expected = off.results.filter((_, i) => i % 8 === 0);
    const repaired = run(subsetFile, { SHIPSHAPE_CACHE_DIR: cache });
    assert.ok(repaired.stats.failures > 0, JSON.stringify(repaired.stats));
    assert.deepEqual(repaired.results, expected);
    // A corrupt file is rewritten with good code.
    const again = run(subsetFile, { SHIPSHAPE_CACHE_DIR: cache });
    assert.equal(again.stats.failures, 0, JSON.stringify(again.stats));
    assert.deepEqual(again.results, expected);

    const blocker = join(work, 'blocked');
    writeFileSync(blocker, 'a file where the cache directory should be');
    const blocked = run(subsetFile, { SHIPSHAPE_CACHE_DIR: blocker });
    assert.ok(blocked.stats.failures > 0);
    assert.deepEqual(blocked.results, expected);
    // XDG_CACHE_HOME and HOME are used when no override is set (HOME here is a temp dir).
    const viaXdg = run(subsetFile, { XDG_CACHE_HOME: join(work, 'xdg') });
    assert.ok(viaXdg.stats.writes > 0);
    assert.ok(readdirSync(generation(join(work, 'xdg', 'shipshape'))).length > 0);
    assert.deepEqual(viaXdg.results, expected);
  });

  it('lets concurrent writers share a directory without partial files', async () => {
    const dir = join(work, 'concurrent');
    const subset = all.filter((_, i) => i % 16 === 0);
    const subsetFile = join(work, 'concurrent.json');
    writeFileSync(subsetFile, JSON.stringify(subset));
    const { execFile } = await import('node:child_process');
    const runAsync = () =>
      new Promise<ChildResult>((done, fail) =>
        execFile(
          process.execPath,
          ['--input-type=module', '-e', CHILD, subsetFile],
          {
            env: { PATH: process.env.PATH ?? '', HOME: join(work, 'home'), SHIPSHAPE_CACHE_DIR: dir },
            maxBuffer: 256 * 1024 * 1024,
          },
          (error, stdout) => (error ? fail(error) : done(JSON.parse(stdout) as ChildResult)),
        ),
      );
    const results = await Promise.all([runAsync(), runAsync(), runAsync()]);
    const expected = off.results.filter((_, i) => i % 16 === 0);
    for (const result of results) assert.deepEqual(result.results, expected);
    const files = readdirSync(generation(dir));
    assert.ok(
      files.every((f) => /^[0-9a-f]{64}\.js$/.test(f)),
      files.join(' '),
    );
    for (const f of files) assert.ok(readCode(f.slice(0, 64), generation(dir)) !== undefined, f);
  });
});
