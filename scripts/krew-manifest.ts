// `npm run krew-manifest -- shipshape-<version>.tgz [--uri URL]`: the krew plugin manifest (kubectl shipshape)
// for a packed release, on stdout. The archive is the npm tarball itself (krew unpacks .tgz); its files sit under
// package/, and the plugin's binary is dist/kubectl-shipshape.js, which runs on the Node.js on PATH (≥ 22.12).
// The URI defaults to the npm registry's address of that tarball; the sha256 is the tarball's.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { packagePath } from '../src/package-dir.ts';

export function krewManifest(tarball: Buffer, version: string, uri: string): string {
  const sha256 = createHash('sha256').update(tarball).digest('hex');
  const platform = (os: string, arch: string) => `  - selector:
      matchLabels:
        os: ${os}
        arch: ${arch}
    uri: ${uri}
    sha256: ${sha256}
    files:
      - from: package/*
        to: .
    bin: dist/kubectl-shipshape.js`;
  return `apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: shipshape
spec:
  version: v${version}
  homepage: https://www.npmjs.com/package/shipshape
  shortDescription: Review manifests and diagnose clusters like a platform engineer
  description: |
    shipshape does the routine work of a Kubernetes platform engineer: it reviews manifests (schemas, security,
    reliability, references), explains what is broken in a cluster or a snapshot and what to do next, sweeps
    for unused objects, checks upgrade readiness and certificate expiry. Every finding has a check id and a
    runbook (kubectl shipshape explain <id>).
  caveats: |
    The plugin is a Node.js program: it needs Node.js 22.12 or newer on PATH.
  platforms:
${[
  ['linux', 'amd64'],
  ['linux', 'arm64'],
  ['darwin', 'amd64'],
  ['darwin', 'arm64'],
]
  .map(([os, arch]) => platform(os!, arch!))
  .join('\n')}
`;
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const uriAt = args.indexOf('--uri');
  if (!file) {
    process.stderr.write('usage: node scripts/krew-manifest.ts shipshape-<version>.tgz [--uri URL]\n');
    process.exit(2);
  }
  const version = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string })
    .version;
  if (basename(file) !== `shipshape-${version}.tgz`)
    process.stderr.write(`warning: ${basename(file)} is not the tarball of version ${version}\n`);
  const uri =
    uriAt >= 0 ? args[uriAt + 1]! : `https://registry.npmjs.org/shipshape/-/shipshape-${version}.tgz`;
  process.stdout.write(krewManifest(readFileSync(file), version, uri));
}
