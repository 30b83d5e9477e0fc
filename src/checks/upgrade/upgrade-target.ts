import type { RunSettings } from '../../core/check.ts';

/** The version the cluster is being upgraded to: `--to`, carried as RunSettings.kubeVersion. */
export function upgradeTarget(settings: RunSettings): string | undefined {
  return settings.kubeVersion;
}
