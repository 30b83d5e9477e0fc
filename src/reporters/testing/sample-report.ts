// A report exercising every field and every awkward character, shared by the reporter tests.
import type { Report } from '../../core/report.ts';
import type { RuleInfo } from '../reporter.ts';

export function sampleReport(): Report {
  return {
    tool: { name: 'shipshape', version: '0.1.0' },
    command: 'review',
    source: { kind: 'files', paths: ['k8s/'] },
    summary: {
      objects: 4,
      findings: 3,
      suppressed: 1,
      bySeverity: { critical: 0, high: 2, medium: 0, low: 1, info: 0 },
    },
    findings: [
      {
        check: 'image-tag-mutable',
        severity: 'high',
        category: 'reliability',
        object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
        path: 'spec.template.spec.containers[0].image',
        file: 'k8s/app.yaml',
        line: 12,
        column: 16,
        message: 'container "app" image "nginx:latest" uses the mutable tag "latest"',
        remediation: 'Pin the image to a version tag (app:1.4.2) or, better, a digest (app@sha256:…).',
        runbook: 'docs/runbooks/image-tag-mutable.md',
        fingerprint: '0123456789abcdef',
      },
      {
        check: 'service-selector-no-match',
        severity: 'high',
        category: 'networking',
        object: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' },
        path: 'spec.selector',
        file: 'k8s/app.yaml',
        line: 30,
        column: 3,
        message: 'Service "web" selects pods with app=w<e>b & tier="a,b:c" 100%\nsecond line',
        remediation: 'Make the Service selector equal to the pod labels | see <docs>.',
        runbook: 'docs/runbooks/service-selector-no-match.md',
        fingerprint: 'fedcba9876543210',
      },
      {
        check: 'image-tag-mutable',
        severity: 'low',
        category: 'reliability',
        object: { apiVersion: 'batch/v1', kind: 'Job', name: 'migrate' },
        file: 'k8s/dir with space/job.yaml',
        line: 3,
        column: 1,
        message: 'container "m" image "tool" has no tag',
        remediation: 'Pin the image.',
        runbook: 'docs/runbooks/image-tag-mutable.md',
        fingerprint: '1111222233334444',
      },
      {
        check: 'image-tag-mutable',
        severity: 'high',
        category: 'reliability',
        object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'legacy' },
        path: 'spec.template.spec.containers[0].image',
        file: 'k8s/legacy.yaml',
        line: 9,
        column: 18,
        message: 'container "old" image "busybox" has no tag',
        remediation: 'Pin the image.',
        runbook: 'docs/runbooks/image-tag-mutable.md',
        fingerprint: '5555666677778888',
        suppressed: { reason: 'vendored chart, tracked in JIRA-12' },
      },
    ],
    errors: [{ file: 'k8s/broken.yaml', line: 4, column: 7, message: 'invalid YAML: bad indentation' }],
    skipped: [
      {
        file: '.github/workflows/ci.yml',
        reason: 'a GitHub Actions workflow: no apiVersion or kind, not a Kubernetes manifest',
      },
    ],
  };
}

export const SAMPLE_RULES: RuleInfo[] = [
  {
    id: 'image-tag-mutable',
    title: 'Image has no tag or uses a mutable tag such as "latest"',
    description: 'An image without a tag resolves to "latest".',
    remediation: 'Pin the image to a version tag.',
    severity: 'high',
    category: 'reliability',
  },
];
