// helm from ~/.cache/shipshape-tools/bin (scripts/install-tools.sh), and the chart of `shipshape serve`.
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const CHART = join(import.meta.dirname, '..', '..', 'deploy/helm/shipshape');
export const TOOLS_PATH = [join(homedir(), '.cache/shipshape-tools/bin'), process.env.PATH ?? ''].join(
  delimiter,
);
export const HELM_MISSING =
  spawnSync('helm', ['version', '--short'], { env: { ...process.env, PATH: TOOLS_PATH } }).status === 0
    ? undefined
    : 'helm is not installed (run `bash scripts/install-tools.sh` to build it into ~/.cache/shipshape-tools/bin)';
