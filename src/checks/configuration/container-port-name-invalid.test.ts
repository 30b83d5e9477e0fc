import assert from 'node:assert/strict';
import { it } from 'node:test';
import { testCheck } from '../../../test/support/check-tester.ts';
import { containerPortNameInvalid, portNameProblem } from './container-port-name-invalid.ts';

it('applies the IANA_SVC_NAME rules', () => {
  for (const ok of ['http', 'grpc-web', 'h2c', 'a1', 'metrics-9090', 'abcdefghijklmno'])
    assert.equal(portNameProblem(ok), undefined, ok);
  assert.match(portNameProblem('abcdefghijklmnop') ?? '', /15 characters/);
  assert.match(portNameProblem('8080') ?? '', /at least one letter/);
  assert.match(portNameProblem('Http') ?? '', /lowercase/);
  assert.match(portNameProblem('my_port') ?? '', /lowercase/);
  assert.match(portNameProblem('-http') ?? '', /begin or end/);
  assert.match(portNameProblem('http-') ?? '', /begin or end/);
  assert.match(portNameProblem('grpc--web') ?? '', /consecutive/);
});

const pod = (ports: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: app, image: "a:1", ports: ${ports}}]}
`;

testCheck(containerPortNameInvalid, {
  valid: [
    {
      name: 'good names',
      yaml: pod('[{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]'),
    },
    { name: 'unnamed port', yaml: pod('[{containerPort: 80}]') },
    { name: 'odd shapes', yaml: pod('[null, 7, {name: 5}]') },
  ],
  invalid: [
    {
      name: 'too long and no letters',
      yaml: pod('[{name: n234567890123456, containerPort: 80}, {name: "123456", containerPort: 81}]'),
      findings: [
        {
          message: 'port name "n234567890123456" in container "app" must be no more than 15 characters',
          path: 'spec.containers[0].ports[0].name',
        },
        { message: 'port name "123456" in container "app" must contain at least one letter (a-z)' },
      ],
    },
    {
      name: 'duplicate name',
      yaml: pod('[{name: http, containerPort: 80}, {name: http, containerPort: 81}]'),
      findings: [
        {
          message: 'port name "http" appears more than once in container "app"',
          path: 'spec.containers[0].ports[1].name',
        },
      ],
    },
  ],
});
