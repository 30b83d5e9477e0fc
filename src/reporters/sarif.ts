// SARIF 2.1.0 (OASIS), the format GitHub code scanning and most CI dashboards ingest.
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
import { describeRef } from '../core/object.ts';
import type { Report } from '../core/report.ts';
import type { Severity } from '../core/severity.ts';
import { PROJECT_URL, runbookUrl } from '../docs/links.ts';
import { codeLocation } from './code-location.ts';
import { Items, jsonChunks } from './json-chunks.ts';
import {
  buildsText,
  type ChunkedReporter,
  joined,
  type ReportedFinding,
  type Reporter,
  type ReporterOptions,
  type RuleInfo,
} from './reporter.ts';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** SARIF has three result levels; critical and high fail a build, medium warns, low and info are notes. */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** GitHub code scanning ranks security results by this 0–10 score (CVSS-like bands). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export const sarifReporterChunks: ChunkedReporter = function* (report, options) {
  yield* jsonChunks(sarifLog(report, options), 3);
  yield '\n';
};

export const sarifReporter: Reporter = joined(sarifReporterChunks);

/** The SARIF log, its results as `Items` made one at a time while written. */
export function sarifLog(report: Report, options: ReporterOptions): Record<string, unknown> {
  const known = new Map((options.rules ?? []).map((r) => [r.id, r]));
  const firstOf = new Map<string, ReportedFinding>();
  for (const f of report.findings) if (!firstOf.has(f.check)) firstOf.set(f.check, f);
  const ruleIds = [...firstOf.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => rule(id, known.get(id), firstOf.get(id)!));
  // One result at a time: a run with hundreds of thousands of findings is never one string (decision 0047).
  const results = new Items(report.findings, (f) => result(f, ruleIndex.get(f.check)!));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipshape',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: PROJECT_URL,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: [
              ...report.errors.map((e) => {
                const notification: Record<string, unknown> = {
                  level: 'error',
                  message: { text: e.object ? `${e.object}: ${e.message}` : e.message },
                };
                if (e.file) notification.locations = [{ physicalLocation: physical(e) }];
                return notification;
              }),
              // Files not reviewed on purpose are notes: the run succeeded, they were simply not manifests.
              ...(report.skipped ?? []).map((s) => ({
                level: 'note',
                message: { text: `skipped: ${s.reason}` },
                locations: [{ physicalLocation: physical({ file: s.file }) }],
              })),
            ],
          },
        ],
        columnKind: 'unicodeCodePoints',
        results,
        properties: { command: report.command, source: report.source, summary: report.summary },
      },
    ],
  };
}

function rule(id: string, info: RuleInfo | undefined, example: ReportedFinding): Record<string, unknown> {
  const severity = info?.severity ?? example.severity;
  const remediation = info?.remediation ?? example.remediation;
  const out: Record<string, unknown> = {
    id,
    name: id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: info?.title ?? id },
    fullDescription: { text: info?.description ?? info?.title ?? id },
    help: {
      text: remediation,
      markdown: `${remediation}\n\n[Runbook](${runbookUrl(id)})`,
    },
    helpUri: runbookUrl(id),
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: {
      category: info?.category ?? example.category,
      tags: [info?.category ?? example.category],
      'security-severity': SECURITY_SEVERITY[severity],
      severity,
    },
  };
  return out;
}

function result(f: ReportedFinding, index: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: f.check,
    ruleIndex: index,
    level: sarifLevel(f.severity),
    message: {
      text: `${describeRef(f.object)}: ${f.message}${buildsText(f) ? ` (${buildsText(f)})` : ''}`,
    },
    locations: [
      {
        ...(f.file ? { physicalLocation: physical(f) } : {}),
        logicalLocations: [
          {
            name: f.object.name,
            fullyQualifiedName: `${f.object.kind}/${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}${f.path ? `#${f.path}` : ''}`,
            kind: 'object',
          },
        ],
      },
    ],
    partialFingerprints: { 'shipshape/v1': f.fingerprint },
    properties: {
      severity: f.severity,
      category: f.category,
      object: f.object,
      ...(f.path ? { path: f.path } : {}),
      ...(f.builds ? { builds: f.builds } : {}),
    },
  };
  if (f.suppressed) out.suppressions = [{ kind: 'inSource', justification: f.suppressed.reason }];
  return out;
}

function physical(finding: { file?: string; line?: number; column?: number }): Record<string, unknown> {
  const item = codeLocation(finding);
  const out: Record<string, unknown> = { artifactLocation: artifact(item.file ?? '') };
  if (item.line && item.line > 0) {
    out.region = {
      startLine: item.line,
      ...(item.column && item.column > 0 ? { startColumn: item.column } : {}),
    };
  }
  return out;
}

/** Relative paths stay relative to the working directory (%SRCROOT%); absolute ones become file: URIs. */
function artifact(file: string): Record<string, unknown> {
  const normalized = file.replaceAll('\\', '/');
  const encoded = normalized
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  if (normalized.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}
