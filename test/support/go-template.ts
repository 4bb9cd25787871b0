// A small Go text/template renderer for exactly what infra/examples/argocd-notifications-cm.yaml uses: fields
// (`.a.b`, `.`), string and nil arguments, pipelines, parentheses, `with`/`else`/`end`, and Sprig's `toJson`,
// `default` and `dig` — with Go's failures kept (a field of a missing value is an error, as in Argo CD), so a
// template that would not render there does not render here either.

type Value = unknown;
type Scope = { dot: Value; root: Value };

/** Go's notion of empty (`with`, `if`, Sprig's `default`). */
const empty = (value: Value) =>
  value === undefined ||
  value === null ||
  value === false ||
  value === 0 ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0);

const isMap = (value: Value): value is Record<string, Value> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Go's encoding/json escapes these for HTML safety; Sprig's toJson is json.Marshal. */
const goJson = (value: Value) =>
  (JSON.stringify(value ?? null) as string).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

const functions: Record<string, (...args: Value[]) => Value> = {
  toJson: (value) => goJson(value),
  default: (fallback, given) => (empty(given) ? fallback : given),
  // dig "k1" "k2" default dict: a missing key gives the default; a step that is not a map panics, as Sprig does.
  dig: (...args) => {
    const dict = args.at(-1);
    const fallback = args.at(-2);
    let current: Value = dict;
    for (const key of args.slice(0, -2) as string[]) {
      if (!isMap(current)) throw new Error(`dig: ${key}: not a map`);
      if (!Object.hasOwn(current, key)) return fallback;
      current = current[key];
    }
    return current;
  },
};

type Token = { kind: 'string' | 'nil' | 'field' | 'ident' | '(' | ')' | '|'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:("(?:[^"\\]|\\.)*")|(\.[A-Za-z0-9_.]*)|([A-Za-z_][A-Za-z0-9_]*)|([()|]))/y;
  let rest = source.trim();
  while (rest.length > 0) {
    pattern.lastIndex = 0;
    const match = pattern.exec(rest);
    if (!match) throw new Error(`cannot parse action near: ${rest}`);
    if (match[1]) tokens.push({ kind: 'string', text: JSON.parse(match[1]) });
    else if (match[2]) tokens.push({ kind: 'field', text: match[2] });
    else if (match[3]) tokens.push({ kind: match[3] === 'nil' ? 'nil' : 'ident', text: match[3] });
    else tokens.push({ kind: match[4] as '(' | ')' | '|', text: match[4] as string });
    rest = rest.slice(match[0].length).trimStart();
  }
  return tokens;
}

function field(path: string, scope: Scope): Value {
  let current = scope.dot;
  for (const name of path.split('.').filter(Boolean)) {
    // Go: "nil pointer evaluating interface {}.name".
    if (current === undefined || current === null) throw new Error(`nil pointer evaluating .${name}`);
    if (!isMap(current)) throw new Error(`can't evaluate field ${name} in ${typeof current}`);
    current = current[name];
  }
  return current;
}

/** Evaluates a pipeline: commands joined by `|`, each command's result the last argument of the next. */
function pipeline(tokens: Token[], scope: Scope): Value {
  let position = 0;
  const operand = (): Value => {
    const token = tokens[position++];
    if (!token) throw new Error('missing operand');
    if (token.kind === 'string') return token.text;
    if (token.kind === 'nil') return null;
    if (token.kind === 'field') return field(token.text, scope);
    if (token.kind === '(') {
      const value = commands(')');
      position++;
      return value;
    }
    throw new Error(`unexpected ${token.text}`);
  };
  const command = (end: string | undefined, piped: Value[]): Value => {
    const first = tokens[position];
    const stops = (t: Token | undefined) => !t || t.kind === '|' || t.kind === end;
    if (first?.kind === 'ident') {
      position++;
      const fn = functions[first.text];
      if (!fn) throw new Error(`function "${first.text}" not defined`);
      const args: Value[] = [];
      while (!stops(tokens[position])) args.push(operand());
      return fn(...args, ...piped);
    }
    if (piped.length > 0) throw new Error('can only pipe into a function');
    return operand();
  };
  const commands = (end?: string): Value => {
    let value = command(end, []);
    while (tokens[position]?.kind === '|') {
      position++;
      value = command(end, [value]);
    }
    return value;
  };
  const value = commands();
  if (position !== tokens.length) throw new Error('unexpected tokens after pipeline');
  return value;
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipeline: Token[] }
  | { kind: 'with'; pipeline: Token[]; body: Node[]; otherwise: Node[] };

function parse(template: string): Node[] {
  // Trim markers: `{{-` eats whitespace before, `-}}` after.
  const parts = template.split(/(\{\{-?\s*[\s\S]*?\s*-?\}\})/);
  const root: Node[] = [];
  const stack: { nodes: Node[]; block?: Extract<Node, { kind: 'with' }> }[] = [{ nodes: root }];
  let trimNext = false;
  parts.forEach((part, index) => {
    const current = stack.at(-1) as (typeof stack)[number];
    if (index % 2 === 0) {
      let text = trimNext ? part.trimStart() : part;
      if (parts[index + 1]?.startsWith('{{-')) text = text.trimEnd();
      if (text) current.nodes.push({ kind: 'text', text });
      return;
    }
    trimNext = part.endsWith('-}}');
    const body = part
      .replace(/^\{\{-?/, '')
      .replace(/-?\}\}$/, '')
      .trim();
    const [keyword, ...rest] = body.split(/\s+/);
    if (keyword === 'with') {
      const block: Extract<Node, { kind: 'with' }> = {
        kind: 'with',
        pipeline: tokenize(rest.join(' ')),
        body: [],
        otherwise: [],
      };
      current.nodes.push(block);
      stack.push({ nodes: block.body, block });
    } else if (keyword === 'else') {
      if (!current.block) throw new Error('else outside a block');
      stack.pop();
      stack.push({ nodes: current.block.otherwise, block: current.block });
    } else if (keyword === 'end') {
      if (!current.block) throw new Error('end outside a block');
      stack.pop();
    } else current.nodes.push({ kind: 'action', pipeline: tokenize(body) });
  });
  if (stack.length !== 1) throw new Error('unclosed block');
  return root;
}

/** How Go prints a value: a missing one is `<no value>`. */
const printed = (value: Value) =>
  value === undefined || value === null ? '<no value>' : typeof value === 'string' ? value : String(value);

function execute(nodes: Node[], scope: Scope): string {
  return nodes
    .map((node) => {
      if (node.kind === 'text') return node.text;
      if (node.kind === 'action') return printed(pipeline(node.pipeline, scope));
      const value = pipeline(node.pipeline, scope);
      return empty(value)
        ? execute(node.otherwise, scope)
        : execute(node.body, { dot: value, root: scope.root });
    })
    .join('');
}

/** Renders `template` with `data` as `.`, as Go's text/template with those Sprig functions would. */
export function renderGoTemplate(template: string, data: Record<string, Value>): string {
  return execute(parse(template), { dot: data, root: data });
}
