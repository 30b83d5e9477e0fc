import assert from 'node:assert/strict';
import { it } from 'node:test';
import { codeLocation } from './code-location.ts';

it('plain files are left alone', () => {
  assert.deepEqual(codeLocation({ file: 'k8s/app.yaml', line: 3, column: 5 }), {
    file: 'k8s/app.yaml',
    line: 3,
    column: 5,
  });
  assert.deepEqual(codeLocation({}), {});
});

it('Kustomize: the base file at its own line, without the label', () => {
  assert.deepEqual(codeLocation({ file: 'base/deploy.yaml (rendered by kustomize)', line: 21, column: 11 }), {
    file: 'base/deploy.yaml',
    line: 21,
    column: 11,
  });
});

it('Kustomize build output under the kustomization file, and Helm: the file only', () => {
  assert.deepEqual(codeLocation({ file: 'app/kustomization.yaml (rendered by kustomize)', line: 40 }), {
    file: 'app/kustomization.yaml',
  });
  assert.deepEqual(
    codeLocation({ file: 'chart/templates/deploy.yaml (rendered by helm)', line: 12, column: 3 }),
    {
      file: 'chart/templates/deploy.yaml',
    },
  );
});
