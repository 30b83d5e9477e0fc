// The one part of @kubernetes/client-node shipshape uses. Imported on demand through this module (never straight
// from the library with `await import`), so the package's bundler keeps KubeConfig and what it needs, not every
// generated API class of the library (≈ 15 MB; docs/decisions/0042-npm-package.md).
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export { KubeConfig };

/** A kubeconfig is a few KiB; past this it is not one (or is /dev/zero). */
const MAX_KUBECONFIG_BYTES = 16 * 1024 * 1024;

/** Why the kubeconfig cannot be used, in words that name where it was looked for. */
export class KubeconfigError extends Error {
  override name = 'KubeconfigError';
}

/** Where the kubeconfig comes from, as kubectl decides: --kubeconfig, else $KUBECONFIG, else ~/.kube/config. */
function sourceOf(explicit: string | undefined): { paths: string[]; what: string; explicit: boolean } {
  if (explicit) return { paths: [explicit], what: `--kubeconfig "${explicit}"`, explicit: true };
  const env = process.env.KUBECONFIG;
  if (env) {
    const paths = env.split(delimiter).filter((p) => p !== '');
    return { paths, what: `$KUBECONFIG (${paths.join(delimiter)})`, explicit: false };
  }
  return { paths: [join(homedir(), '.kube', 'config')], what: '~/.kube/config', explicit: false };
}

/**
 * The kubeconfig for --kubeconfig/--context, kubectl's way, with messages that name the flag or variable that
 * chose the file: a missing --kubeconfig file, a device or oversized file, a file without contexts, an unknown
 * context (with the ones there are).
 */
export function loadKubeConfig(options: { kubeconfig?: string; context?: string }): KubeConfig {
  const source = sourceOf(options.kubeconfig);
  const existing: string[] = [];
  for (const path of source.paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      // kubectl skips missing files of $KUBECONFIG; a missing --kubeconfig is an error.
      if (source.explicit) throw new KubeconfigError(`${source.what}: no such file`);
      continue;
    }
    if (!stat.isFile()) throw new KubeconfigError(`${source.what}: "${path}" is not a regular file`);
    if (stat.size > MAX_KUBECONFIG_BYTES)
      throw new KubeconfigError(
        `${source.what}: "${path}" is ${Math.round(stat.size / 1048576)} MiB, not a kubeconfig`,
      );
    existing.push(path);
  }
  // Without a file the library would make up a context (in-cluster, or localhost:8080): only inside a pod is that
  // what the user means.
  if (existing.length === 0 && !process.env.KUBERNETES_SERVICE_HOST)
    throw new KubeconfigError(
      `no kubeconfig found: ${source.what} ${source.paths.length === 1 ? 'does' : 'do'} not exist; pass --kubeconfig or set KUBECONFIG`,
    );
  const kc = new KubeConfig();
  const env = process.env.KUBECONFIG;
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else {
      // kubectl skips the files of $KUBECONFIG that do not exist; the library would fail on the first.
      if (env) process.env.KUBECONFIG = existing.join(delimiter);
      kc.loadFromDefault();
    }
  } catch (error) {
    throw new KubeconfigError(`reading ${source.what}: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    if (env !== undefined) process.env.KUBECONFIG = env;
  }
  if (kc.getContexts().length === 0 && !kc.getCurrentCluster())
    throw new KubeconfigError(`${source.what} has no contexts`);
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      const names = kc.getContexts().map((c) => c.name);
      throw new KubeconfigError(
        `--context "${options.context}": ${source.what} has no such context (it has ${names.length ? names.map((n) => `"${n}"`).join(', ') : 'none'})`,
      );
    }
    kc.setCurrentContext(options.context);
  }
  return kc;
}
