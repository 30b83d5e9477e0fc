import { testCheck } from '../../../test/support/check-tester.ts';
import { prometheusRule } from '../../../test/support/prometheus-rule.ts';
import { alertTemplateInvalid } from './alert-template-invalid.ts';

const withSummary = (summary: string) =>
  prometheusRule(`- alert: Down\n  expr: up == 0\n  annotations:\n    summary: '${summary}'`);

testCheck(alertTemplateInvalid, {
  valid: [
    { name: 'labels and humanize', yaml: withSummary('{{ $labels.instance }} at {{ $value | humanize }}') },
    {
      name: 'if/else/end and a declared variable',
      yaml: withSummary('{{ $v := $value }}{{ if gt $v 1.0 }}high{{ else }}low{{ end }}'),
    },
    { name: 'range over query', yaml: withSummary('{{ range query "up" }}{{ .Labels.job }}{{ end }}') },
    { name: '}} inside a quoted string', yaml: withSummary('{{ printf "%s}}" $labels.job }}') },
    { name: 'trim markers and comments', yaml: withSummary('{{- /* note */ -}}{{- $labels.job -}}') },
    { name: 'plain text', yaml: withSummary('disk almost full') },
    {
      name: 'a function of a fork, listed',
      yaml: withSummary('{{ myFn $value }}'),
      params: { extraFunctions: ['myFn'] },
    },
  ],
  invalid: [
    {
      name: 'misspelt variable',
      yaml: withSummary('{{ $lables.instance }} down'),
      findings: [
        { message: 'alert "Down" in group "g": annotations.summary: undefined variable "$lables"', line: 13 },
      ],
    },
    {
      name: 'unknown function',
      yaml: withSummary('{{ $value | humanise }}'),
      findings: [{ message: /function "humanise" not defined/ }],
    },
    { name: 'unclosed action', yaml: withSummary('{{ $value '), findings: [{ message: /unclosed action/ }] },
    {
      name: 'if without end',
      yaml: withSummary('{{ if $value }}x'),
      findings: [{ message: /unexpected EOF/ }],
    },
    {
      name: 'end without block',
      yaml: withSummary('x{{ end }}'),
      findings: [{ message: /unexpected \{\{end\}\}/ }],
    },
    {
      name: 'a variable used outside its block',
      yaml: withSummary('{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}'),
      findings: [{ message: /undefined variable "\$x"/ }],
    },
    {
      name: 'labels are templates too',
      yaml: prometheusRule("- alert: Down\n  expr: up == 0\n  labels:\n    team: '{{ $labels.team '"),
      findings: [{ path: 'spec.groups[0].rules[0].labels.team' }],
    },
  ],
});
