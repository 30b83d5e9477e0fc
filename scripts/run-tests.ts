// `npm test`: every unit, e2e and corpus-smoke test through node's own runner. Live-cluster suites skip
// themselves (and say so) when the test bed is not up.
import { spawnSync } from 'node:child_process';

const patterns = ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'];
const extra = process.argv.slice(2);
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...extra, ...patterns], {
  stdio: 'inherit',
});
process.exit(run.status ?? 2);
