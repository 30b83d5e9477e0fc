// Plain scalars as Kubernetes reads them (sigs.k8s.io/yaml decodes with goyaml v2, a YAML 1.1 resolver): yes/no/on/
// off/y/n in any of their three spellings are booleans, and a leading-zero integer is octal (`defaultMode: 0644` is
// 420). Not the whole YAML 1.1 schema: goyaml v2 has no sexagesimal numbers (`10:30` stays a string) and keeps
// timestamps as strings. Both YAML readers (parse-yaml.ts, read-events.ts) resolve with these. docs/decisions/0021.

export const YAML11_TRUE = /^(?:y|Y|yes|Yes|YES|on|On|ON)$/;
export const YAML11_FALSE = /^(?:n|N|no|No|NO|off|Off|OFF)$/;
export const OCTAL_INT = /^[-+]?0[0-7]+$/;

/** The value of a scalar OCTAL_INT matched: `0644` is 420, `-010` is -8. */
export function octalValue(text: string): number {
  return (text.startsWith('-') ? -1 : 1) * Number.parseInt(text.replace(/^[-+]/, ''), 8);
}
