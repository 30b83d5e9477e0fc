import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instrumentTemplate, templateColumn } from './helm-lines.ts';

/** Instruments with a visible marker, ` #L<line>`. */
const mark = (text: string) => instrumentTemplate(text, (line) => ` #L${line}`);

describe('instrumentTemplate', () => {
  it('marks each line of literal text, actions and all, with its own line number', () => {
    assert.equal(
      mark('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n'),
      'apiVersion: v1 #L1\nkind: ConfigMap #L2\nmetadata: #L3\n  name: {{ .Release.Name }} #L4\n',
    );
  });

  it('keeps \\r\\n line ends after the marker, and marks a last line without a newline', () => {
    assert.equal(mark('a: 1\r\nb: 2'), 'a: 1 #L1\r\nb: 2 #L2');
  });

  it('never writes inside an action, a comment or a raw string, even one spanning lines', () => {
    const text = [
      '{{- /* a comment',
      'over two lines }} */ -}}',
      'args: {{ list "a}}" `raw',
      '}}` | toJson }}',
      'c: {{ printf "%s" \'}\' }}',
      '',
    ].join('\n');
    assert.equal(
      mark(text),
      [
        '{{- /* a comment',
        'over two lines }} */ -}}',
        'args: {{ list "a}}" `raw',
        '}}` | toJson }} #L4',
        'c: {{ printf "%s" \'}\' }} #L5',
        '',
      ].join('\n'),
    );
  });

  it('leaves define and block bodies alone (their text may be piped wherever it is included)', () => {
    const text =
      '{{- define "x.labels" }}\napp: x\n{{- end }}\nkind: Pod\n{{ block "b" . }}\nb: 1\n{{ end }}\n';
    assert.equal(
      mark(text),
      '{{- define "x.labels" }}\napp: x\n{{- end }} #L3\nkind: Pod #L4\n{{ block "b" . }}\nb: 1\n{{ end }} #L7\n',
    );
  });

  it('counts nested blocks: the define ends at its own end, not at an inner one', () => {
    const text = '{{ define "d" }}\n{{ if .a }}\nx: 1\n{{ end }}\ny: 2\n{{ end }}\nz: 3\n';
    assert.equal(
      mark(text),
      '{{ define "d" }}\n{{ if .a }}\nx: 1\n{{ end }}\ny: 2\n{{ end }} #L6\nz: 3 #L7\n',
    );
  });

  it('no marker where -}} would have trimmed the newline (the marker would keep it)', () => {
    assert.equal(mark('a: 1\n{{- if .x -}}\nb: 2\n'), 'a: 1 #L1\n{{- if .x -}}\nb: 2 #L3\n');
  });

  it('no marker on blank lines (a {{- after them removes them; in a block scalar one would end the block)', () => {
    assert.equal(mark('a: 1\n\n{{- if .x }}\nb: 2\n'), 'a: 1 #L1\n\n{{- if .x }} #L3\nb: 2 #L4\n');
  });

  it('no marker on a --- separator line', () => {
    assert.equal(mark('a: 1\n---\nb: 2\n'), 'a: 1 #L1\n---\nb: 2 #L3\n');
  });

  it('a plain scalar over several lines carries one marker, on its last line, naming its first line', () => {
    const text = [
      'properties:',
      '  key:',
      '    description: a long text that',
      '      goes on here',
      '      and ends here',
      '    type: string',
      '',
    ].join('\n');
    assert.equal(
      mark(text),
      [
        'properties: #L1',
        '  key: #L2',
        '    description: a long text that',
        '      goes on here',
        '      and ends here #L3',
        '    type: string #L6',
        '',
      ].join('\n'),
    );
  });

  it('block scalar content is marked (it is text; the markers are removed again)', () => {
    assert.equal(
      mark('data:\n  run.sh: |\n    echo hi\n      indented\n  other: x\n'),
      'data: #L1\n  run.sh: | #L2\n    echo hi #L3\n      indented #L4\n  other: x #L5\n',
    );
  });

  it('is undefined for an action that never closes', () => {
    assert.equal(mark('a: {{ .Values.x\nb: 2\n'), undefined);
    assert.equal(mark('a: {{ "open\n}}\n'), undefined);
  });

  it('reads {{-3}} as a number, not a trim marker', () => {
    assert.equal(mark('a: {{-3}}\n'), 'a: {{-3}} #L1\n');
  });
});

describe('templateColumn', () => {
  it('keeps the column when the text before it is the same', () => {
    assert.equal(templateColumn('  image: "nginx:1.27"', '  image: "{{ .Values.image }}"', 3), 3);
  });

  it('finds the key in the template line when an action before it changed the text', () => {
    assert.equal(templateColumn('  name: web-abc  port: 80', '  name: {{ .n }}  port: 80', 18), 19);
  });

  it('falls back to the start of the template line content', () => {
    assert.equal(templateColumn('    app: web', '    {{- include "x.labels" . | nindent 4 }}', 5), 5);
    assert.equal(templateColumn('      app: web', '  {{- include "x.labels" . | nindent 6 }}', 7), 3);
  });
});
