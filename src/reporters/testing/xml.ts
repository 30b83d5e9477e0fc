// A strict XML 1.0 well-formedness checker for what our reporters emit (elements, attributes, text, the
// declaration; no DTDs, comments or CDATA). Throws with the offset of the first violation.

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/;

export function assertWellFormedXml(xml: string): { root: string; elements: number } {
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(
      `not well-formed XML at offset ${i}: ${message} near ${JSON.stringify(xml.slice(i, i + 40))}`,
    );
  };
  const checkText = (text: string, start: number) => {
    for (let k = 0; k < text.length; k++) {
      const c = text.codePointAt(k)!;
      if (c < 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) {
        i = start + k;
        fail(`control character U+${c.toString(16)}`);
      }
      if (c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff)) {
        i = start + k;
        fail('invalid character');
      }
      if (text[k] === '<') {
        i = start + k;
        fail('raw "<" in text');
      }
      if (text[k] === '&' && !ENTITY.test(text.slice(k))) {
        i = start + k;
        fail('raw "&" in text');
      }
      if (c > 0xffff) k++;
    }
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end === -1) fail('unterminated declaration');
    i = end + 2;
  }
  const stack: string[] = [];
  let root = '';
  let elements = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (stack.length === 0 && text.trim() !== '') fail('text outside the root element');
    checkText(text, i);
    if (lt === -1) break;
    i = lt;
    if (xml.startsWith('</', i)) {
      i += 2;
      const name = NAME.exec(xml.slice(i))?.[0] ?? fail('bad closing tag name');
      if (stack.pop() !== name) fail(`closing </${name}> does not match the open element`);
      i += name.length;
      while (/\s/.test(xml[i] ?? '')) i++;
      if (xml[i] !== '>') fail('expected ">"');
      i++;
      continue;
    }
    i++;
    const name = NAME.exec(xml.slice(i))?.[0] ?? fail('bad element name');
    if (stack.length === 0) {
      if (root) fail('second root element');
      root = name;
    }
    elements++;
    i += name.length;
    const seen = new Set<string>();
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))![0].length;
      i += ws;
      if (xml.startsWith('/>', i)) {
        i += 2;
        break;
      }
      if (xml[i] === '>') {
        i++;
        stack.push(name);
        break;
      }
      if (ws === 0) fail('attributes must be separated by whitespace');
      const attr = NAME.exec(xml.slice(i))?.[0] ?? fail('bad attribute name');
      if (seen.has(attr)) fail(`duplicate attribute ${attr}`);
      seen.add(attr);
      i += attr.length;
      if (xml[i] !== '=' || xml[i + 1] !== '"') fail('attribute value must be ="…"');
      i += 2;
      const close = xml.indexOf('"', i);
      if (close === -1) fail('unterminated attribute value');
      checkText(xml.slice(i, close), i);
      i = close + 1;
    }
  }
  if (stack.length > 0) fail(`unclosed <${stack.at(-1)}>`);
  if (!root) fail('no root element');
  return { root, elements };
}
