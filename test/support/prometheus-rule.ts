// A PrometheusRule around rule YAML, for the alerting checks' cases: `rules` is the text of one group's rules
// list, indented as written under "rules:" at column 0 ("- alert: X\n  expr: up == 0").
export function prometheusRule(rules: string, name = 'rules'): string {
  const body = rules
    .trimEnd()
    .split('\n')
    .map((line) => `        ${line}`)
    .join('\n');
  return `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: ${name}
  namespace: monitoring
spec:
  groups:
    - name: g
      rules:
${body}
`;
}
