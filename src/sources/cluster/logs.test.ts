import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectIndex } from '../../core/index.ts';
import type { KubeObject, LoadedObject } from '../../core/object.ts';
import { refOf } from '../../core/object.ts';
import type { Cause, PublicFinding, Report } from '../../core/report.ts';
import { REDACTED } from '../snapshot/format.ts';
import { ApiError } from './client.ts';
import {
  addLogSteps,
  attachCauseLogs,
  capLine,
  describeLogError,
  fetchLogTail,
  logPath,
  logTargetFor,
  logTargetsForCauses,
  redactLogLine,
  sanitizeLog,
  stripTerminalControl,
} from './logs.ts';

const ESC = '\u001b';

function pod(
  name: string,
  statuses: object[],
  extra: { nodeName?: string | null; init?: object[] } = {},
): KubeObject {
  const spec: Record<string, unknown> = {
    containers: statuses.map((s) => ({ name: (s as { name: string }).name })),
  };
  if (extra.nodeName !== null) spec.nodeName = extra.nodeName ?? 'node-1';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop' },
    spec,
    status: { containerStatuses: statuses, ...(extra.init ? { initContainerStatuses: extra.init } : {}) },
  };
}

const crashing = (name: string) => ({
  name,
  restartCount: 6,
  state: { waiting: { reason: 'CrashLoopBackOff' } },
  lastState: { terminated: { reason: 'Error', exitCode: 1 } },
});
const running = (name: string, ready = true) => ({
  name,
  restartCount: 0,
  ready,
  state: { running: { startedAt: '2026-11-28T09:00:00Z' } },
});
const pulling = (name: string) => ({
  name,
  restartCount: 0,
  state: { waiting: { reason: 'ImagePullBackOff' } },
});

describe('logPath', () => {
  it('asks for the tail, a byte limit and the instance, with names encoded', () => {
    const path = logPath(
      { namespace: 'shop', pod: 'api-7d9', container: 'app', previous: true },
      { tailLines: 20 },
    );
    const url = new URL(`https://x${path}`);
    assert.equal(url.pathname, '/api/v1/namespaces/shop/pods/api-7d9/log');
    assert.equal(url.searchParams.get('container'), 'app');
    assert.equal(url.searchParams.get('tailLines'), '20');
    assert.equal(url.searchParams.get('limitBytes'), String(64 * 1024));
    assert.equal(url.searchParams.get('previous'), 'true');
    const current = new URL(
      `https://x${logPath({ namespace: 'a b', pod: 'p', container: 'c', previous: false }, { tailLines: 5, limitBytes: 100 })}`,
    );
    assert.equal(current.pathname, '/api/v1/namespaces/a%20b/pods/p/log');
    assert.equal(current.searchParams.get('previous'), 'false');
    assert.equal(current.searchParams.get('limitBytes'), '100');
  });
});

describe('logTargetFor', () => {
  it('a crash-looping container: its previous instance, where the crash is', () => {
    const target = logTargetFor(pod('api', [running('sidecar'), crashing('app')]));
    assert.deepEqual(target, { namespace: 'shop', pod: 'api', container: 'app', previous: true });
  });

  it('the container the finding points at, even when another one looks worse', () => {
    const p = pod('api', [crashing('app'), running('proxy', false)]);
    assert.equal(logTargetFor(p, 'status.containerStatuses[1]')?.container, 'proxy');
    assert.equal(logTargetFor(p, 'status.containerStatuses[1]')?.previous, false);
    assert.equal(logTargetFor(p, 'status.containerStatuses[0].state')?.container, 'app');
  });

  it('an init container that crashed', () => {
    const p = pod('api', [{ name: 'app', state: { waiting: { reason: 'PodInitializing' } } }], {
      init: [crashing('migrate')],
    });
    assert.deepEqual(logTargetFor(p, 'status.initContainerStatuses[0]'), {
      namespace: 'shop',
      pod: 'api',
      container: 'migrate',
      previous: true,
    });
    assert.equal(logTargetFor(p)?.container, 'migrate');
  });

  it('restarted but running again: still the previous instance', () => {
    const p = pod('api', [
      {
        ...running('app'),
        restartCount: 3,
        lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
      },
    ]);
    assert.equal(logTargetFor(p)?.previous, true);
  });

  it('a terminated container (failed Job pod): the current instance', () => {
    const p = pod('job-x', [{ name: 'task', restartCount: 0, state: { terminated: { exitCode: 2 } } }]);
    assert.deepEqual(logTargetFor(p), {
      namespace: 'shop',
      pod: 'job-x',
      container: 'task',
      previous: false,
    });
  });

  it('no log to read: never scheduled, image never pulled, pointed container never started', () => {
    assert.equal(logTargetFor(pod('pending', [], { nodeName: null })), undefined);
    assert.equal(logTargetFor(pod('pull', [pulling('app')])), undefined);
    // The finding is about the image; the sidecar's log would be beside the point.
    assert.equal(
      logTargetFor(pod('pull', [pulling('app'), running('sidecar')]), 'status.containerStatuses[0]'),
      undefined,
    );
    assert.equal(logTargetFor({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }), undefined);
  });
});

function loaded(objects: KubeObject[]): LoadedObject[] {
  return objects.map((object) => ({ object, ref: refOf(object) }));
}

function finding(kind: string, name: string, path?: string): PublicFinding {
  return {
    check: 'pod-crash-looping',
    severity: 'high',
    category: 'reliability',
    object: { apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1', kind, namespace: 'shop', name },
    ...(path ? { path } : {}),
    message: 'm',
    remediation: 'r',
    runbook: 'docs/runbooks/pod-crash-looping.md',
    fingerprint: '0000000000000000',
  };
}

function cause(id: string, findings: number[]): Cause {
  return {
    id,
    summary: id,
    severity: 'high',
    impact: { namespaces: ['shop'], workloads: [], pods: findings.length },
    findings,
    root: findings,
    consequences: [],
    fix: 'r',
    nextSteps: [],
    runbook: 'docs/runbooks/pod-crash-looping.md',
  };
}

function report(findings: PublicFinding[], causes: Cause[]): Report {
  return {
    tool: { name: 'shipshape', version: '0.0.0' },
    command: 'diagnose',
    source: { kind: 'cluster', context: 'c' },
    summary: {
      objects: 0,
      findings: findings.length,
      suppressed: 0,
      bySeverity: { critical: 0, high: findings.length, medium: 0, low: 0, info: 0 },
    },
    findings,
    errors: [],
    causes,
  };
}

describe('logTargetsForCauses', () => {
  const index = new ObjectIndex(
    loaded([
      pod('a-1', [crashing('app')]),
      pod('a-2', [crashing('app')]),
      pod('b-1', [pulling('app')]),
      pod('c-1', [pulling('app')]),
      pod('c-2', [running('app', false)]),
    ]),
    { partial: false },
  );

  it('one pod per cause, skipping causes with no pod and pods with nothing to read', () => {
    const r = report(
      [
        finding('Pod', 'a-1', 'status.containerStatuses[0]'),
        finding('Pod', 'a-2', 'status.containerStatuses[0]'),
        finding('Deployment', 'svc'),
        finding('Pod', 'b-1', 'status.containerStatuses[0]'),
        finding('Pod', 'c-1', 'status.containerStatuses[0]'),
        finding('Pod', 'c-2'),
        finding('Pod', 'gone'),
      ],
      [cause('a', [0, 1]), cause('deploy', [2]), cause('b', [3]), cause('c', [4, 5]), cause('gone', [6])],
    );
    const targets = logTargetsForCauses(r, index);
    assert.deepEqual(
      targets.map((t) => [t.cause, t.target.pod]),
      [
        [0, 'a-1'],
        [3, 'c-2'],
      ],
    );
  });

  it('at most the given number of causes', () => {
    const r = report(
      [finding('Pod', 'a-1'), finding('Pod', 'a-2'), finding('Pod', 'c-2')],
      [cause('a', [0]), cause('b', [1]), cause('c', [2])],
    );
    assert.equal(logTargetsForCauses(r, index, 2).length, 2);
    assert.equal(logTargetsForCauses(r, index).length, 3);
  });

  it('attachCauseLogs reads each target once and hangs the result on its cause', async () => {
    const r = report(
      [finding('Pod', 'a-1'), finding('Deployment', 'svc'), finding('Pod', 'c-2')],
      [cause('a', [0]), cause('deploy', [1]), cause('c', [2])],
    );
    const asked: string[] = [];
    const client = {
      getText: async (path: string) => {
        asked.push(path);
        if (path.includes('/pods/c-2/'))
          throw new ApiError(403, 'Forbidden', `GET ${path}: 403 Forbidden: no`);
        return 'line one\nline two\n';
      },
    };
    assert.equal(await attachCauseLogs(client, r, index, { tailLines: 20 }), 2);
    assert.equal(asked.length, 2);
    assert.deepEqual(r.causes![0]!.logs, [
      { namespace: 'shop', pod: 'a-1', container: 'app', previous: true, lines: ['line one', 'line two'] },
    ]);
    assert.equal(r.causes![1]!.logs, undefined);
    assert.equal(r.causes![2]!.logs?.[0]?.error, 'forbidden: no permission to get pods/log');
    assert.deepEqual(r.causes![2]!.logs?.[0]?.lines, []);
  });
});

describe('fetchLogTail', () => {
  const target = { namespace: 'shop', pod: 'api', container: 'app', previous: true };

  it('sends the wildcard Accept pods/log requires, and marks a body cut at the byte limit', async () => {
    let accept: string | undefined;
    const client = {
      getText: async (_path: string, a?: string) => {
        accept = a;
        return 'x'.repeat(100);
      },
    };
    const log = await fetchLogTail(client, target, { tailLines: 5, limitBytes: 100 });
    assert.equal(accept, '*/*');
    assert.equal(log.truncated, true);
    const whole = await fetchLogTail({ getText: async () => 'short\n' }, target, {
      tailLines: 5,
      limitBytes: 100,
    });
    assert.equal(whole.truncated, undefined);
    assert.deepEqual(whole.lines, ['short']);
  });

  it('an empty log is an empty list, not an error', async () => {
    const log = await fetchLogTail({ getText: async () => '' }, target, { tailLines: 5 });
    assert.deepEqual(log.lines, []);
    assert.equal(log.error, undefined);
  });

  it('a network failure is a note', async () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
    const log = await fetchLogTail(
      {
        getText: async () => {
          throw error;
        },
      },
      target,
      { tailLines: 5 },
    );
    assert.equal(log.error, 'request failed: connect ECONNREFUSED 127.0.0.1:6443');
  });
});

describe('describeLogError', () => {
  const path = '/api/v1/namespaces/shop/pods/api/log?container=app';
  const api = (status: number, reason: string, message: string) =>
    new ApiError(status, reason, `GET ${path}: ${status}${reason ? ` ${reason}` : ''}: ${message}`);

  it('names the API server and kubelet failures in a few words', () => {
    assert.equal(
      describeLogError(
        api(403, 'Forbidden', 'pods "api" is forbidden: User "v" cannot get resource "pods/log"'),
        path,
      ),
      'forbidden: no permission to get pods/log',
    );
    assert.equal(
      describeLogError(api(401, 'Unauthorized', 'Unauthorized'), path),
      'unauthorized (expired or invalid credentials)',
    );
    assert.equal(
      describeLogError(api(404, 'NotFound', 'pods "api" not found'), path),
      'pod or container not found (gone since it was read?)',
    );
    assert.equal(
      describeLogError(
        api(400, 'BadRequest', 'previous terminated container "app" in pod "api" not found'),
        path,
      ),
      'previous terminated container not found (its log was already removed, or it never ran)',
    );
    assert.equal(
      describeLogError(
        api(
          400,
          'BadRequest',
          'container "app" in pod "api" is waiting to start: trying and failing to pull image',
        ),
        path,
      ),
      'container is waiting to start: trying and failing to pull image',
    );
    assert.equal(
      describeLogError(api(400, 'BadRequest', 'pod api does not have a host assigned'), path),
      'pod is not scheduled to a node',
    );
    assert.equal(
      describeLogError(
        api(
          500,
          'InternalError',
          'Get "https://node-1:10250/containerLogs/shop/api/app?previous=true": dial tcp 10.0.0.7:10250: connect: connection refused',
        ),
        path,
      ),
      'kubelet unreachable: dial tcp 10.0.0.7:10250: connect: connection refused',
    );
    assert.equal(
      describeLogError(api(400, 'BadRequest', 'no logs found for container "x" in pod "shop/api"'), path),
      '400 BadRequest: no logs found for container "x" in pod "shop/api"',
    );
  });

  it('is one bounded line without terminal escapes', () => {
    const note = describeLogError(
      api(500, 'InternalError', `${ESC}[2Jboom\nsecond line ${'y'.repeat(400)}`),
      path,
    );
    assert.equal(note, '500 InternalError: boom');
    const long = describeLogError(api(502, '', 'z'.repeat(400)), path);
    assert.ok(long.length <= 200 && long.endsWith('…'), long);
  });
});

describe('stripTerminalControl', () => {
  it('removes colours, cursor moves, titles, hyperlinks, control and bidi characters; tabs become spaces', () => {
    assert.equal(stripTerminalControl(`${ESC}[31mERROR${ESC}[0m done`), 'ERROR done');
    assert.equal(stripTerminalControl(`${ESC}[2J${ESC}[1;1Hclean`), 'clean');
    assert.equal(stripTerminalControl(`${ESC}]0;owned\u0007title`), 'title');
    assert.equal(stripTerminalControl(`${ESC}]8;;https://x.example${ESC}\\link${ESC}]8;;${ESC}\\`), 'link');
    assert.equal(stripTerminalControl('a\u0000b\u0008c\u007fd\u0085e'), 'abcde');
    assert.equal(stripTerminalControl('user \u202enimda\u202c ok'), 'user nimda ok');
    assert.equal(stripTerminalControl('\tat main.go:1'), '    at main.go:1');
    assert.equal(stripTerminalControl('plain text: 100% [ok] {"a":1}'), 'plain text: 100% [ok] {"a":1}');
  });
});

describe('redactLogLine', () => {
  const fires: [string, string][] = [
    ['db=postgres://app:hunter2@db:5432/x', `db=postgres://app:${REDACTED}@db:5432/x`],
    ['settings: API_KEY=q7Zr2mXw9LkP4tVb region=eu', `settings: API_KEY=${REDACTED} region=eu`],
    ['{"user":"bob","password":"hunter2"}', `{"user":"bob","password":"${REDACTED}"}`],
    ["client_secret: 'abc123def'", `client_secret: '${REDACTED}'`],
    ['dbPassword=hunter2, retry=3', `dbPassword=${REDACTED}, retry=3`],
    ['Authorization: Bearer abc.def-123456', `Authorization: Bearer ${REDACTED}`],
    [
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U sent',
      `token ${REDACTED} sent`,
    ],
    [`using ghp_${'a1B2c3D4e5'.repeat(4)} for clone`, `using ${REDACTED} for clone`],
  ];
  for (const [line, expected] of fires) {
    it(`redacts: ${line.slice(0, 50)}`, () => assert.equal(redactLogLine(line), expected));
  }

  const quiet = [
    'panic: config file /etc/app/config.yaml not found',
    'Bearer authentication failed for user bob',
    'password_file=/etc/secret/pw',
    'password=$' + '{DB_PASSWORD}',
    'tokenizer: loaded 3 models',
    'GET /healthz 200 3ms',
    'connecting to postgres://db.shop.svc:5432/orders',
    'level=info msg="secret rotated" count=2',
  ];
  for (const line of quiet) {
    it(`leaves alone: ${line}`, () => assert.equal(redactLogLine(line), line));
  }

  it('withholds a private key block across lines, and only that block', () => {
    const lines = sanitizeLog(
      [
        'loading key',
        '-----BEGIN RSA PRIVATE KEY-----',
        'MIIEowIBAAKCAQEAx1',
        'abcdef==',
        '-----END RSA PRIVATE KEY-----',
        'key loaded',
      ].join('\n'),
      20,
    );
    assert.deepEqual(lines, [
      'loading key',
      `${REDACTED} (private key)`,
      REDACTED,
      REDACTED,
      REDACTED,
      'key loaded',
    ]);
    assert.ok(!lines.some((l) => l.includes('MIIE')));
  });
});

describe('sanitizeLog', () => {
  it('keeps the last lines, strips, redacts and caps each, handles CRLF and the final newline', () => {
    const text = ['one', 'two\r', `${ESC}[33mthree${ESC}[0m`, `password=hunter2 ${'x'.repeat(400)}`, ''].join(
      '\n',
    );
    const lines = sanitizeLog(text, 3, 50);
    assert.equal(lines.length, 3);
    assert.equal(lines[0], 'two');
    assert.equal(lines[1], 'three');
    assert.ok(lines[2]!.startsWith(`password=${REDACTED}`), lines[2]);
    assert.ok(!lines[2]!.includes('hunter2'));
    assert.match(lines[2]!, /… \[\d+ more characters\]$/);
    assert.deepEqual(sanitizeLog('a\nb\n', 20), ['a', 'b']);
    assert.deepEqual(sanitizeLog('\n', 20), ['']);
  });

  it('a key block opened above the tail is still withheld', () => {
    const text = ['-----BEGIN PRIVATE KEY-----', 'AAAA', 'BBBB', '-----END PRIVATE KEY-----', 'after'].join(
      '\n',
    );
    assert.deepEqual(sanitizeLog(text, 2), [REDACTED, 'after']);
  });

  it('capLine counts characters, not UTF-16 units', () => {
    assert.equal(capLine('ééé', 3), 'ééé');
    assert.equal(capLine('😀😀😀😀', 2), '😀😀… [2 more characters]');
  });
});

describe('sanitizeLog on arbitrary bytes', () => {
  it('never throws, and nothing it returns can drive a terminal', () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 300; round++) {
      const bytes = Buffer.from(Array.from({ length: next() % 400 }, () => next() % 256));
      const text = round % 2 ? bytes.toString('utf8') : bytes.toString('latin1');
      const lines = sanitizeLog(text, 20, 80);
      assert.ok(lines.length <= 20);
      for (const line of lines) {
        const bad = [...line].find((ch) => {
          const code = ch.codePointAt(0)!;
          return (
            (code < 0x20 && code !== 0x09) ||
            (code >= 0x7f && code <= 0x9f) ||
            (code >= 0x202a && code <= 0x202e)
          );
        });
        assert.equal(bad, undefined, JSON.stringify(line));
        assert.ok([...line].length <= 80 + ' … [999 more characters]'.length);
      }
    }
  });
});

describe('addLogSteps', () => {
  const log = { namespace: 'shop', pod: 'api-1', container: 'app', previous: false, lines: ['x'] };

  it('a shown tail gets the command that reads the whole log, first', () => {
    const c = cause('readiness', [0]);
    c.nextSteps = ['kubectl -n shop describe pod api-1'];
    c.logs = [log];
    addLogSteps([c], (s) => s.replace('kubectl ', 'kubectl --context prod '));
    assert.deepEqual(c.nextSteps, [
      'kubectl --context prod -n shop logs api-1 -c app --tail=50',
      'kubectl -n shop describe pod api-1',
    ]);
    const crashed = cause('crash', [0]);
    crashed.logs = [{ ...log, previous: true }];
    addLogSteps([crashed]);
    assert.deepEqual(crashed.nextSteps, ['kubectl -n shop logs api-1 -c app --previous --tail=50']);
  });

  it("not when the cause already reads that pod's log, nor when the log could not be read", () => {
    const has = cause('crash', [0]);
    has.nextSteps = ['kubectl --context prod -n shop logs api-1 -c app --previous --tail=50'];
    has.logs = [{ ...log, previous: true }];
    const failed = cause('forbidden', [0]);
    failed.logs = [{ ...log, lines: [], error: 'forbidden: no permission to get pods/log' }];
    const none = cause('none', [0]);
    addLogSteps([has, failed, none]);
    assert.equal(has.nextSteps.length, 1);
    assert.deepEqual(failed.nextSteps, []);
    assert.deepEqual(none.nextSteps, []);
  });
});
