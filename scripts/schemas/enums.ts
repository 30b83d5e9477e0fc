// The enums of Kubernetes' OpenAPI definitions, read from openapi-gen's output (pkg/generated/openapi/
// zz_generated.openapi.go in k8s.io/kubernetes, and the same file in k8s.io/apiextensions-apiserver). The
// committed api/openapi-spec documents are generated with the OpenAPIEnums feature gate off
// (hack/update-openapi-spec.sh), so they carry no enum; the API server, with the gate on by default since 1.24,
// serves the enums this Go code holds. Definition names follow kube-openapi: the Go package path with its
// domain reversed ("k8s.io/api/core/v1.Container" → "io.k8s.api.core.v1.Container").
import { dotted, field, type GoValue, parseValue, tokenize } from './go-literal.ts';

/** One enum: where in the definition's schema (OpenAPI keywords: properties/x/items/…) and its values. */
export interface EnumAt {
  path: string[];
  values: string[];
}

/** "k8s.io/api/core/v1" + "Container" → "io.k8s.api.core.v1.Container". */
export function definitionName(packagePath: string, typeName: string): string {
  const [domain = '', ...rest] = packagePath.split('/');
  return [...domain.split('.').reverse(), ...rest, typeName].join('.');
}

/** import alias → package path, from the file's import block. */
function imports(source: string): Map<string, string> {
  const block = /^import \(\n([\s\S]*?)\n\)/m.exec(source)?.[1] ?? '';
  const out = new Map<string, string>();
  for (const line of block.split('\n')) {
    const match = /^\s*(?:(\w+)\s+)?"([^"]+)"/.exec(line);
    if (match) out.set(match[1] ?? match[2]!.split('/').at(-1)!, match[2]!);
  }
  return out;
}

/** The definition name a GetOpenAPIDefinitions key stands for: "pkg/path.Type" or alias.Type{}.OpenAPIModelName(). */
function keyName(key: GoValue, aliases: Map<string, string>): string | undefined {
  if (key.kind === 'string') {
    const at = key.value.lastIndexOf('.');
    return at > 0 ? definitionName(key.value.slice(0, at), key.value.slice(at + 1)) : undefined;
  }
  // alias.Type{}.OpenAPIModelName()
  if (key.kind === 'call' && key.callee.kind === 'select' && key.callee.name === 'OpenAPIModelName') {
    const literal = key.callee.target;
    if (literal.kind !== 'literal') return undefined;
    const [alias, type] = literal.type.split('.');
    const path = alias && aliases.get(alias);
    return path && type ? definitionName(path, type) : undefined;
  }
  return undefined;
}

/** Function name → definition name, from GetOpenAPIDefinitions' map literal. */
function functionNames(source: string, aliases: Map<string, string>): Map<string, string> {
  const start = source.indexOf('func GetOpenAPIDefinitions(');
  if (start < 0) throw new Error('no GetOpenAPIDefinitions function');
  const open = source.indexOf('return map[string]common.OpenAPIDefinition{', start);
  const tokens = tokenize(source, open + 'return '.length, source.indexOf('\n}\n', open) + 2);
  const { value } = parseValue(tokens);
  const out = new Map<string, string>();
  if (value.kind !== 'literal') throw new Error('GetOpenAPIDefinitions does not return a map literal');
  for (const entry of value.entries) {
    const fn = entry.value.kind === 'call' ? dotted(entry.value.callee) : undefined;
    const name = entry.key && keyName(entry.key, aliases);
    if (fn && name) out.set(fn, name);
  }
  return out;
}

/** Every Enum below one schema literal (spec.Schema), with its path in OpenAPI terms. */
function collect(schema: GoValue | undefined, path: string[], out: EnumAt[]): void {
  const props = field(schema, 'SchemaProps');
  if (!props) return;
  const values = field(props, 'Enum');
  if (values?.kind === 'literal')
    out.push({
      path,
      values: values.entries.map((e) => {
        if (e.value.kind !== 'string') throw new Error(`non-string enum value at ${path.join('.')}`);
        return e.value.value;
      }),
    });
  const properties = field(props, 'Properties');
  if (properties?.kind === 'literal')
    for (const entry of properties.entries)
      if (entry.key?.kind === 'string') collect(entry.value, [...path, 'properties', entry.key.value], out);
  collect(field(field(props, 'Items'), 'Schema'), [...path, 'items'], out);
  collect(field(field(props, 'AdditionalProperties'), 'Schema'), [...path, 'additionalProperties'], out);
}

/** definition name → its enums, for every generated definition function that has one. */
export function enumsOf(source: string): Map<string, EnumAt[]> {
  const names = functionNames(source, imports(source));
  const out = new Map<string, EnumAt[]>();
  const header = /^func (schema_\w+)\(ref common\.ReferenceCallback\) common\.OpenAPIDefinition \{$/gm;
  for (let match = header.exec(source); match; match = header.exec(source)) {
    const end = source.indexOf('\n}\n', match.index);
    const body = source.slice(match.index, end);
    if (!body.includes('Enum:')) continue;
    const name = names.get(match[1]!);
    if (!name) throw new Error(`${match[1]} has enums but is not in GetOpenAPIDefinitions`);
    // The first definition literal: for EmbedOpenAPIDefinitionIntoV2Extension(v3, v2) that is the v3 one.
    const at = source.indexOf('common.OpenAPIDefinition{', match.index);
    const { value } = parseValue(tokenize(source, at, end + 1));
    const enums: EnumAt[] = [];
    collect(field(value, 'Schema'), [], enums);
    if (enums.length > 0) out.set(name, enums);
  }
  return out;
}
