import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { app, indexOf, node, pod } from '../testing/capacity-objects.ts';
import { buildCapacity } from './build.ts';
import { capacityCsv } from './csv.ts';
import { type PodShape, shapeFromSize } from './pod-size.ts';
import { capacityMarkdown, capacityText } from './render.ts';
import type { CapacityReport } from './report.ts';

function report(objects: object[], shape?: PodShape): CapacityReport {
  const body = buildCapacity(indexOf(objects as never), {
    teamLabel: 'team',
    ...(shape ? { shape } : {}),
    usageReason: 'the metrics API (metrics.k8s.io) is not served by this cluster',
  });
  return {
    tool: { name: 'shipshape', version: 't' },
    command: 'capacity',
    source: { kind: 'snapshot', paths: ['s.json'] },
    ...body,
  };
}

describe('capacity output', () => {
  const objects = [
    node('n1', { cpu: '4', memory: '8Gi', pods: '110' }),
    node('n2', undefined),
    pod('web', 'shop', { nodeName: 'n1', containers: [app({ cpu: '1', memory: '1Gi' }, { cpu: '2' })] }),
    pod('bad', 'shop', { nodeName: 'n1', containers: [app({ cpu: 'two', memory: '1Gi' })] }),
  ];
  const r = report(objects, shapeFromSize('cpu=1,memory=1Gi', 'shop') as PodShape);

  it('text: totals, tables, headroom, stranded, and what could not be used', () => {
    const text = capacityText(r);
    assert.match(text, /^Cluster: 2 nodes, 2\/110 pods · cpu 1 of 4 requested \(25%\)/);
    assert.match(text, /n1 +\(none\) +4 +1 \(25%\) +2 \(50%\) +8Gi +2Gi \(25%\)/);
    assert.match(text, /3 more pods of this size can be created and scheduled now/);
    assert.match(text, /nodes stop at: 1 Insufficient cpu, 1 no status.allocatable/);
    assert.match(text, /memory: 3Gi free on 1 node where cpu or pod slots ran out/);
    assert.match(text, /error: node n2 has no status.allocatable/);
    assert.match(
      text,
      /error: pod shop\/bad: container app requests.cpu "two" is not a Kubernetes quantity; counted as 0/,
    );
    assert.match(text, /usage: not shown — the metrics API/);
  });

  it('markdown: the same tables, cell text escaped', () => {
    const md = capacityMarkdown(report([node('a|b', { cpu: '1', memory: '1Gi', pods: '1' })]));
    assert.match(md, /^# Cluster capacity/);
    assert.match(md, /\| a\\\|b \|/);
  });

  it('csv: tidy rows in scheduler units, formulas defused', () => {
    const csv = capacityCsv(r);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'view,name,group,resource,measure,value,unit');
    assert.ok(lines.includes('node,n1,(none),cpu,requested,1000,millicores'));
    assert.ok(lines.includes('headroom,"cpu=1,memory=1Gi",shop,pods,fit,3,count'));
    const hostile = capacityCsv(report([node('=cmd()', { cpu: '1', memory: '1Gi', pods: '1' })]));
    assert.ok(hostile.includes("node,'=cmd(),(none),cpu,allocatable,1000,millicores"));
  });
});
