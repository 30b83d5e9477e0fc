// Reads the Go composite literals that Kubernetes' code generators write (openapi-gen's
// zz_generated.openapi.go): a small tokenizer and a parser for values — strings, numbers, identifiers, calls and
// `Type{key: value, …}` literals — into plain data. It understands exactly the subset those generated files use;
// anything else is an error naming the offset, never a silent guess.

export type GoValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'ident'; name: string }
  | { kind: 'call'; callee: GoValue; args: GoValue[] }
  | { kind: 'select'; target: GoValue; name: string }
  | { kind: 'literal'; type: string; entries: { key?: GoValue; value: GoValue }[] };

interface Token {
  type: 'string' | 'number' | 'ident' | 'punct';
  text: string;
  /** The decoded value of a string token. */
  value?: string;
  at: number;
}

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** Decodes the body of a Go interpreted string literal (between the quotes). */
function unquote(body: string, at: number): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[++i]!;
    if (next in ESCAPES) out += ESCAPES[next];
    else if (next === 'x') {
      out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (next === 'u' || next === 'U') {
      const width = next === 'u' ? 4 : 8;
      out += String.fromCodePoint(Number.parseInt(body.slice(i + 1, i + 1 + width), 16));
      i += width;
    } else if (/[0-7]/.test(next)) {
      out += String.fromCharCode(Number.parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else throw new Error(`unknown escape \\${next} in the string at offset ${at}`);
  }
  return out;
}

export function tokenize(source: string, start = 0, end = source.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '/' && source[i + 1] === '/') {
      const eol = source.indexOf('\n', i);
      i = eol < 0 ? end : eol;
    } else if (c === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      if (close < 0) throw new Error(`unterminated comment at offset ${i}`);
      i = close + 2;
    } else if (c === '"') {
      let j = i + 1;
      while (j < end && source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      if (j >= end) throw new Error(`unterminated string at offset ${i}`);
      tokens.push({
        type: 'string',
        text: source.slice(i, j + 1),
        value: unquote(source.slice(i + 1, j), i),
        at: i,
      });
      i = j + 1;
    } else if (c === '`') {
      const close = source.indexOf('`', i + 1);
      if (close < 0) throw new Error(`unterminated raw string at offset ${i}`);
      tokens.push({
        type: 'string',
        text: source.slice(i, close + 1),
        value: source.slice(i + 1, close),
        at: i,
      });
      i = close + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^-?[0-9][0-9a-fA-FxX_.eE+]*/.exec(source.slice(i, i + 64))!;
      tokens.push({ type: 'number', text: match[0], at: i });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < end && /[A-Za-z0-9_]/.test(source[j]!)) j++;
      tokens.push({ type: 'ident', text: source.slice(i, j), at: i });
      i = j;
    } else if ('{}[](),:&.*'.includes(c)) {
      tokens.push({ type: 'punct', text: c, at: i });
      i++;
    } else {
      throw new Error(`unexpected character ${JSON.stringify(c)} at offset ${i}`);
    }
  }
  return tokens;
}

/** Parses one value starting at tokens[from]; returns it and the index after it. */
export function parseValue(tokens: readonly Token[], from = 0): { value: GoValue; next: number } {
  let i = from;
  const peek = () => tokens[i];
  const fail = (what: string): never => {
    const token = tokens[i];
    throw new Error(
      `${what} at offset ${token?.at ?? 'end'} (${token ? JSON.stringify(token.text) : 'end of input'})`,
    );
  };
  const expect = (text: string) => {
    if (tokens[i]?.text !== text) fail(`expected "${text}"`);
    i++;
  };

  /** A type expression; returns its text. */
  const type = (): string => {
    const token = peek();
    if (!token) return fail('expected a type');
    if (token.text === '*') {
      i++;
      return `*${type()}`;
    }
    if (token.text === '[') {
      i++;
      expect(']');
      return `[]${type()}`;
    }
    if (token.text === 'map') {
      i++;
      expect('[');
      const key = type();
      expect(']');
      return `map[${key}]${type()}`;
    }
    if (token.text === 'interface') {
      i++;
      expect('{');
      expect('}');
      return 'interface{}';
    }
    if (token.type !== 'ident') return fail('expected a type');
    let name = token.text;
    i++;
    while (peek()?.text === '.' && tokens[i + 1]?.type === 'ident') {
      name += `.${tokens[i + 1]!.text}`;
      i += 2;
    }
    return name;
  };

  const braces = (typeName: string): GoValue => {
    expect('{');
    const entries: { key?: GoValue; value: GoValue }[] = [];
    while (peek()?.text !== '}') {
      const first = value();
      if (peek()?.text === ':') {
        i++;
        entries.push({ key: first, value: value() });
      } else entries.push({ value: first });
      if (peek()?.text === ',') i++;
      else if (peek()?.text !== '}') fail('expected "," or "}"');
    }
    i++;
    return { kind: 'literal', type: typeName, entries };
  };

  const primary = (): GoValue => {
    const token = peek();
    if (!token) return fail('expected a value');
    if (token.text === '&') {
      i++;
      return primary();
    }
    if (token.type === 'string') {
      i++;
      return { kind: 'string', value: token.value! };
    }
    if (token.type === 'number') {
      i++;
      return { kind: 'number', value: Number(token.text.replace(/_/g, '')) };
    }
    if (token.text === '{') return braces('');
    if (token.text === '[' || token.text === 'map' || token.text === '*') return braces(type());
    if (token.type !== 'ident') return fail('expected a value');
    // An identifier, a qualified one (pkg.Name), or the type of a composite literal.
    const start = i;
    const name = type();
    if (peek()?.text === '{') return braces(name);
    i = start + 1;
    return { kind: 'ident', name: token.text };
  };

  const value = (): GoValue => {
    let result = primary();
    for (;;) {
      const token = peek();
      if (token?.text === '.' && tokens[i + 1]?.type === 'ident') {
        result = { kind: 'select', target: result, name: tokens[i + 1]!.text };
        i += 2;
      } else if (token?.text === '(') {
        i++;
        const args: GoValue[] = [];
        while (peek()?.text !== ')') {
          args.push(value());
          if (peek()?.text === ',') i++;
          else if (peek()?.text !== ')') fail('expected "," or ")"');
        }
        i++;
        result = { kind: 'call', callee: result, args };
      } else return result;
    }
  };

  const result = value();
  return { value: result, next: i };
}

/** The entry of a keyed literal whose key is the identifier or string `name`. */
export function field(value: GoValue | undefined, name: string): GoValue | undefined {
  if (value?.kind !== 'literal') return undefined;
  for (const entry of value.entries) {
    const key = entry.key;
    if ((key?.kind === 'ident' && key.name === name) || (key?.kind === 'string' && key.value === name))
      return entry.value;
  }
  return undefined;
}

/** The dotted text of an identifier or selector chain (`corev1.Container`), else undefined. */
export function dotted(value: GoValue | undefined): string | undefined {
  if (value?.kind === 'ident') return value.name;
  if (value?.kind === 'select') {
    const base = dotted(value.target);
    return base === undefined ? undefined : `${base}.${value.name}`;
  }
  return undefined;
}
