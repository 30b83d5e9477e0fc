// The container image (Dockerfile, decision 0044), built by buildah (Debian package) and run as the image says:
// its entrypoint, its user (65532), its working directory, with every place the image lets that user write
// mounted read-only. Docker Hub cannot be reached here, so the two base images are stand-ins built from scratch
// with this machine's Node.js 24: a build image (node, npm, the CA certificates npm needs) and a distroless-like
// runtime image (node at /nodejs/bin/node, the user nonroot 65532, nothing else). The Dockerfile itself is the
// one users build, with only its base-image arguments pointed at the stand-ins.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from './cli-support.ts';
import { EXAMPLES_REVIEW, ok, run } from './package-support.ts';

const BUILDAH =
  spawnSync('buildah', ['--version'], { encoding: 'utf8' }).status === 0 ? 'buildah' : undefined;
const work = mkdtempSync(join(tmpdir(), 'shipshape-image-'));
after(() => rmSync(work, { recursive: true, force: true }));

const NODE = realpathSync(process.execPath);
const IMAGE = 'localhost/shipshape-test/shipshape:test';
const DEPS = 'localhost/shipshape-test/shipshape-deps:test';

const buildah = (...args: string[]) =>
  ok(
    run(BUILDAH!, args, work, { ...process.env, BUILDAH_ISOLATION: 'chroot' }),
    `buildah ${args.join(' ')}`,
  ).trim();

/** The shared libraries a binary loads (ldd), to copy into an image built from scratch. */
function libraries(binary: string): string[] {
  const out = ok(run('ldd', [binary], work, process.env), `ldd ${binary}`);
  return [...out.matchAll(/(\/\S+)\s+\(0x/g)].map((m) => m[1]!);
}

/** Copies a file into a mounted root at the same path (or at `at`), following links. */
function put(root: string, file: string, at = file): void {
  mkdirSync(dirname(join(root, at)), { recursive: true });
  cpSync(realpathSync(file), join(root, at), { dereference: true });
}

/** A base image built from scratch; `fill` writes its files into the mounted root. Reused while it exists. */
function baseImage(name: string, fill: (root: string) => void, config: string[]): string {
  const tag = `localhost/shipshape-test/${name}:${process.versions.node}`;
  if (run(BUILDAH!, ['inspect', '--type', 'image', tag], work, process.env).status === 0) return tag;
  const container = buildah('from', 'scratch');
  try {
    const root = buildah('mount', container);
    fill(root);
    buildah('umount', container);
    buildah('config', ...config, container);
    buildah('commit', '--quiet', container, tag);
  } finally {
    run(BUILDAH!, ['rm', container], work, process.env);
  }
  return tag;
}

function nodeFiles(root: string, nodeAt: string): void {
  put(root, NODE, nodeAt);
  for (const lib of libraries(NODE)) put(root, lib);
  mkdirSync(join(root, 'tmp'), { recursive: true, mode: 0o1777 });
}

function buildImage(): string {
  const npm = dirname(dirname(realpathSync(spawnSync('which', ['npm'], { encoding: 'utf8' }).stdout.trim())));
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;
  return baseImage(
    'node-build',
    (root) => {
      nodeFiles(root, '/usr/local/bin/node');
      cpSync(npm, join(root, 'usr/local/lib/node_modules/npm'), { recursive: true });
      mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
      writeFileSync(
        join(root, 'usr/local/bin/npm'),
        '#!/usr/local/bin/node\nrequire("/usr/local/lib/node_modules/npm/lib/cli.js")(process);\n',
        { mode: 0o755 },
      );
      // npm's scripts start with #!/usr/bin/env node.
      put(root, '/usr/bin/env');
      for (const lib of libraries('/usr/bin/env')) put(root, lib);
      mkdirSync(join(root, 'etc'), { recursive: true });
      writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/sbin/nologin\n');
      // The registry may be reached through a TLS-inspecting proxy whose CA this machine trusts.
      if (extraCa) put(root, extraCa, '/etc/ssl/certs/extra-ca.pem');
    },
    [
      '--env',
      'PATH=/usr/local/bin:/usr/bin:/bin',
      ...(extraCa ? ['--env', 'NODE_EXTRA_CA_CERTS=/etc/ssl/certs/extra-ca.pem'] : []),
      '--workingdir',
      '/',
    ],
  );
}

function runtimeImage(): string {
  return baseImage(
    'node-runtime',
    (root) => {
      nodeFiles(root, '/nodejs/bin/node');
      mkdirSync(join(root, 'etc'), { recursive: true });
      writeFileSync(
        join(root, 'etc/passwd'),
        'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
      );
      writeFileSync(join(root, 'etc/group'), 'root:x:0:\nnonroot:x:65532:\n');
      mkdirSync(join(root, 'home/nonroot'), { recursive: true });
    },
    ['--user', '65532:65532', '--entrypoint', '["/nodejs/bin/node"]', '--workingdir', '/home/nonroot'],
  );
}

interface ImageConfig {
  User: string;
  Entrypoint: string[];
  Cmd?: string[];
  WorkingDir: string;
}

describe('container image (Dockerfile)', {
  skip: BUILDAH ? false : 'buildah is not installed (apt-get install buildah)',
}, () => {
  let config: ImageConfig;
  let container: string;
  let root: string;
  const empty = join(work, 'empty');

  before(() => {
    mkdirSync(empty);
    const bud = (...args: string[]) => {
      const build = run(
        BUILDAH!,
        [
          'bud',
          '--layers',
          '--isolation',
          'chroot',
          '--build-arg',
          `BUILD_IMAGE=${buildImage()}`,
          '--build-arg',
          `RUNTIME_IMAGE=${runtimeImage()}`,
          ...args,
          '-f',
          join(ROOT, 'Dockerfile'),
          ROOT,
        ],
        work,
        process.env,
      );
      assert.equal(build.status, 0, `buildah bud: ${build.stdout.slice(-3000)}${build.stderr.slice(-3000)}`);
    };
    // The dependencies' stage is tagged, so it stays cached (npm ci runs again only when the lock file changes)
    // while the layers of earlier builds are pruned.
    bud('--target', 'deps', '-t', DEPS);
    bud('-t', IMAGE);
    run(BUILDAH!, ['rmi', '--prune'], work, process.env);
    config = (JSON.parse(buildah('inspect', '--type', 'image', IMAGE)) as { OCIv1: { config: ImageConfig } })
      .OCIv1.config;
    container = buildah('from', IMAGE);
    root = buildah('mount', container);
  });
  after(() => {
    if (container) run(BUILDAH!, ['rm', container], work, process.env);
  });

  /** The image's entrypoint with these arguments, as its user, examples mounted read-only at /work/examples. */
  function inImage(args: string[]) {
    return run(
      BUILDAH!,
      [
        'run',
        '--isolation',
        'chroot',
        '--user',
        config.User,
        '--workingdir',
        config.WorkingDir,
        // The only places the image lets its user write, made read-only: the root file system is then read-only to it.
        '-v',
        `${empty}:/tmp:ro`,
        '-v',
        `${empty}:/home/nonroot:ro`,
        '-v',
        `${join(ROOT, 'examples')}:/work/examples:ro`,
        container,
        '--',
        ...config.Entrypoint,
        ...args,
      ],
      work,
      process.env,
    );
  }

  it('runs as 65532 from the bundle, with no shell, sources, tests or node_modules inside', () => {
    assert.equal(config.User, '65532:65532');
    assert.deepEqual(config.Entrypoint, [
      '/nodejs/bin/node',
      '--max-semi-space-size=16',
      '/opt/shipshape/dist/shipshape.js',
    ]);
    assert.equal(config.WorkingDir, '/work');
    const app = join(root, 'opt', 'shipshape');
    assert.deepEqual(readdirSync(app).sort(), ['README.md', 'dist', 'package.json', 'schemas']);
    const versions = (
      JSON.parse(readFileSync(join(app, 'schemas', 'index.json'), 'utf8')) as { versions: string[] }
    ).versions;
    assert.ok(versions.length >= 18, versions.join(' '));
    assert.ok(statSync(join(app, 'schemas', 'kubernetes.jsonl.gz')).size > 0);
    const files = readdirSync(app, { recursive: true }).map(String);
    assert.deepEqual(
      files.filter((f) => /\.ts$|node_modules|\.test\./.test(f)),
      [],
    );
    assert.ok(files.includes(join('dist', 'validators', 'validators.txt')));
    for (const shell of ['bin/sh', 'bin/bash', 'usr/bin/env'])
      assert.throws(() => statSync(join(root, shell)), shell);
  });

  it('gives the checkout report on the examples, writing nothing', () => {
    const args = EXAMPLES_REVIEW;
    const image = inImage(args);
    const checkout = spawnSync(process.execPath, [join(ROOT, 'src/cli/main.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(image.status, 0, image.stderr);
    assert.equal(image.stderr, '');
    assert.equal(image.stdout, checkout.stdout);
    assert.deepEqual(readdirSync(empty), []);
    const failing = inImage(['review', 'examples/reviewer-exercise']);
    assert.equal(failing.status, 1);
    assert.match(failing.stdout, /container-privileged/);
    assert.equal(
      inImage(['--version']).stdout.trim(),
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    );
    assert.match(inImage(['explain', 'image-tag-mutable']).stdout, /^# image-tag-mutable/);
  });
});
