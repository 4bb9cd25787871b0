// A small implementation of Go's text/template plus the few Sprig/Helm functions the proxy chart uses, so the
// chart can be rendered and checked here, where the helm binary cannot be installed. It is NOT helm: it covers
// exactly the subset the chart's templates use (if/else if/else, range, with, define, include, variables,
// pipelines, parentheses, whitespace trimming, comments) and fails loudly on anything else.
import { createHash } from 'node:crypto';
import { stringify as toYamlText } from 'yaml';

type Value = unknown;

// ---- lexing: text and actions ---------------------------------------------------------------------------------

interface TextToken {
  type: 'text';
  text: string;
}
interface ActionToken {
  type: 'action';
  source: string;
}

function lex(template: string): (TextToken | ActionToken)[] {
  const out: (TextToken | ActionToken)[] = [];
  let pos = 0;
  let trimNext = false;
  while (pos < template.length) {
    const open = template.indexOf('{{', pos);
    let text = template.slice(pos, open < 0 ? template.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      out.push({ type: 'text', text });
      break;
    }
    let start = open + 2;
    if (template.startsWith('- ', start) || template.startsWith('-\n', start)) {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    out.push({ type: 'text', text });
    let close: number;
    if (template.slice(start).trimStart().startsWith('/*')) {
      close = template.indexOf('*/', start);
      if (close < 0) throw new Error('unclosed comment');
      close = template.indexOf('}}', close);
    } else {
      close = findClose(template, start);
    }
    if (close < 0) throw new Error(`unclosed action at ${open}`);
    let end = close;
    trimNext = false;
    if (template[close - 1] === '-' && /\s/.test(template[close - 2] ?? '')) {
      trimNext = true;
      end = close - 1;
    }
    const source = template.slice(start, end).trim();
    if (!source.startsWith('/*')) out.push({ type: 'action', source });
    pos = close + 2;
  }
  return out;
}

/** The `}}` that ends an action, skipping string literals. */
function findClose(template: string, from: number): number {
  let i = from;
  while (i < template.length) {
    const c = template[i];
    if (c === '"') {
      i++;
      while (i < template.length && template[i] !== '"') i += template[i] === '\\' ? 2 : 1;
    } else if (c === '`') {
      i = template.indexOf('`', i + 1);
      if (i < 0) return -1;
    } else if (c === '}' && template[i + 1] === '}') {
      return i;
    }
    i++;
  }
  return -1;
}

// ---- parsing actions into expressions -------------------------------------------------------------------------

type Operand =
  | { kind: 'literal'; value: Value }
  | { kind: 'field'; base: 'dot' | string; path: string[] } // base: 'dot' or a variable name ('$', '$x')
  | { kind: 'call'; name: string }
  | { kind: 'pipeline'; pipeline: Pipeline };
type Command = Operand[];
interface Pipeline {
  declare?: string[];
  assign?: string;
  commands: Command[];
}

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      tokens.push(source.slice(i, j + 1));
      i = j + 1;
    } else if (c === '`') {
      const j = source.indexOf('`', i + 1);
      tokens.push(source.slice(i, j + 1));
      i = j + 1;
    } else if (c === '(' || c === ')' || c === '|' || c === ',') {
      tokens.push(c);
      i++;
    } else if (source.startsWith(':=', i)) {
      tokens.push(':=');
      i += 2;
    } else if (c === '=') {
      tokens.push('=');
      i++;
    } else {
      let j = i;
      while (j < source.length && !/[\s()|,=]/.test(source[j] as string) && !source.startsWith(':=', j)) j++;
      tokens.push(source.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function parsePipeline(tokens: string[], allowDeclare = true): Pipeline {
  const pipeline: Pipeline = { commands: [] };
  if (allowDeclare) {
    const assignAt = tokens.findIndex((t) => t === ':=' || t === '=');
    const depthBefore = tokens.slice(0, Math.max(assignAt, 0)).some((t) => t === '(');
    if (assignAt > 0 && !depthBefore) {
      const names = tokens.slice(0, assignAt).filter((t) => t !== ',');
      if (names.every((n) => n.startsWith('$'))) {
        if (tokens[assignAt] === ':=') pipeline.declare = names;
        else pipeline.assign = names[0] as string;
        tokens = tokens.slice(assignAt + 1);
      }
    }
  }
  let pos = 0;
  let command: Command = [];
  while (pos < tokens.length) {
    const token = tokens[pos] as string;
    if (token === '|') {
      pipeline.commands.push(command);
      command = [];
      pos++;
      continue;
    }
    if (token === '(') {
      let depth = 1;
      let j = pos + 1;
      while (j < tokens.length && depth > 0) {
        if (tokens[j] === '(') depth++;
        if (tokens[j] === ')') depth--;
        j++;
      }
      command.push({ kind: 'pipeline', pipeline: parsePipeline(tokens.slice(pos + 1, j - 1), false) });
      pos = j;
      continue;
    }
    command.push(parseOperand(token));
    pos++;
  }
  if (command.length > 0) pipeline.commands.push(command);
  return pipeline;
}

function parseOperand(token: string): Operand {
  if (token.startsWith('"')) return { kind: 'literal', value: JSON.parse(token) };
  if (token.startsWith('`')) return { kind: 'literal', value: token.slice(1, -1) };
  if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' };
  if (token === 'nil') return { kind: 'literal', value: null };
  if (/^-?\d+(\.\d+)?$/.test(token)) return { kind: 'literal', value: Number(token) };
  if (token === '.') return { kind: 'field', base: 'dot', path: [] };
  if (token.startsWith('.')) return { kind: 'field', base: 'dot', path: token.slice(1).split('.') };
  if (token.startsWith('$')) {
    const [name, ...path] = token.split('.');
    return { kind: 'field', base: name as string, path };
  }
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(token)) return { kind: 'call', name: token };
  throw new Error(`unsupported token '${token}'`);
}

// ---- the tree ------------------------------------------------------------------------------------------------

type Node =
  | { type: 'text'; text: string }
  | { type: 'output'; pipeline: Pipeline }
  | { type: 'if'; branches: { condition: Pipeline; body: Node[] }[]; otherwise: Node[] }
  | { type: 'range'; pipeline: Pipeline; body: Node[]; otherwise: Node[] }
  | { type: 'with'; pipeline: Pipeline; body: Node[]; otherwise: Node[] };

function buildTree(tokens: (TextToken | ActionToken)[], templates: Map<string, Node[]>): Node[] {
  let pos = 0;
  const keyword = (source: string) => /^(if|else|end|range|with|define|template|block)\b/.exec(source)?.[1];

  function parseList(stopAt: string[]): { nodes: Node[]; stop: string; source: string } {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const token = tokens[pos++] as TextToken | ActionToken;
      if (token.type === 'text') {
        if (token.text) nodes.push({ type: 'text', text: token.text });
        continue;
      }
      const word = keyword(token.source);
      if (word && stopAt.includes(word)) return { nodes, stop: word, source: token.source };
      if (word === 'if' || word === 'range' || word === 'with') {
        nodes.push(parseBlock(word, token.source.slice(word.length)));
      } else if (word === 'define') {
        const name = JSON.parse(token.source.slice('define'.length).trim()) as string;
        templates.set(name, parseList(['end']).nodes);
      } else if (word) {
        throw new Error(`unsupported or misplaced action '{{ ${token.source} }}'`);
      } else {
        nodes.push({ type: 'output', pipeline: parsePipeline(tokenize(token.source)) });
      }
    }
    if (stopAt.length > 0) throw new Error(`missing {{ end }} (expected one of ${stopAt.join(', ')})`);
    return { nodes, stop: '', source: '' };
  }

  function parseBlock(word: 'if' | 'range' | 'with', rest: string): Node {
    const pipeline = parsePipeline(tokenize(rest));
    const first = parseList(['else', 'end']);
    if (word !== 'if') {
      const otherwise = first.stop === 'else' ? parseList(['end']).nodes : [];
      return { type: word, pipeline, body: first.nodes, otherwise };
    }
    const branches = [{ condition: pipeline, body: first.nodes }];
    let current = first;
    let otherwise: Node[] = [];
    while (current.stop === 'else') {
      const elseRest = current.source.slice('else'.length).trim();
      if (elseRest.startsWith('if ')) {
        const next = parseList(['else', 'end']);
        branches.push({ condition: parsePipeline(tokenize(elseRest.slice(3))), body: next.nodes });
        current = next;
      } else {
        otherwise = parseList(['end']).nodes;
        break;
      }
    }
    return { type: 'if', branches, otherwise };
  }

  return parseList([]).nodes;
}

// ---- evaluation ----------------------------------------------------------------------------------------------

class Scope {
  readonly vars = new Map<string, Value>();
  constructor(readonly parent?: Scope) {}
  get(name: string): Value {
    if (this.vars.has(name)) return this.vars.get(name);
    if (this.parent) return this.parent.get(name);
    throw new Error(`undefined variable ${name}`);
  }
  set(name: string, value: Value): void {
    if (this.vars.has(name) || !this.parent) this.vars.set(name, value);
    else this.parent.set(name, value);
  }
}

/** Go template truth: false, 0, nil, and empty strings, lists and maps are false. */
export function truthy(value: Value): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

function field(value: Value, path: string[], what: string): Value {
  let current = value;
  for (const name of path) {
    if (current === undefined || current === null)
      throw new Error(`nil pointer evaluating ${what}: .${path.join('.')}`);
    current = (current as Record<string, Value>)[name];
  }
  return current;
}

function print(value: Value): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(print).join(' ')}]`;
  return `map[${Object.entries(value as object)
    .map(([k, v]) => `${k}:${print(v)}`)
    .join(' ')}]`;
}

function sortKeys(value: Value): Value {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, Value>)[k])]),
    );
  return value;
}

function printf(format: string, ...args: Value[]): string {
  let i = 0;
  return format.replace(/%[sdvq%]/g, (spec) => {
    if (spec === '%%') return '%';
    const arg = args[i++];
    return spec === '%q' ? JSON.stringify(print(arg)) : print(arg);
  });
}

export interface Chart {
  Name: string;
  Version: string;
  AppVersion: string;
}

export class TemplateEngine {
  readonly templates = new Map<string, Node[]>();
  readonly #functions: Record<string, (...args: Value[]) => Value>;

  constructor() {
    this.#functions = {
      include: (name, data) => this.renderNamed(String(name), data),
      toYaml: (v) =>
        v === undefined || v === null ? 'null' : toYamlText(sortKeys(v), { lineWidth: 0 }).replace(/\n$/, ''),
      toJson: (v) => JSON.stringify(sortKeys(v) ?? null),
      indent: (n, s) => indent(Number(n), String(s ?? '')),
      nindent: (n, s) => `\n${indent(Number(n), String(s ?? ''))}`,
      quote: (...args) =>
        args
          .filter((a) => a !== undefined && a !== null)
          .map((a) => JSON.stringify(print(a)))
          .join(' '),
      default: (fallback, given) => (truthy(given) ? given : fallback),
      required: (message, value) => {
        if (value === undefined || value === null || value === '') throw new Error(String(message));
        return value;
      },
      list: (...args) => args,
      append: (list, v) => [...((list as Value[]) ?? []), v],
      has: (needle, list) => ((list as Value[]) ?? []).includes(needle),
      first: (list) => (list as Value[])?.[0],
      join: (sep, list) => ((list as Value[]) ?? []).map(print).join(String(sep)),
      dict: (...args) => {
        const out: Record<string, Value> = {};
        for (let i = 0; i < args.length; i += 2) out[String(args[i])] = args[i + 1];
        return out;
      },
      eq: (a, ...rest) => rest.some((b) => a === b),
      ne: (a, b) => a !== b,
      gt: (a, b) => Number(a) > Number(b),
      not: (v) => !truthy(v),
      // Go returns the deciding argument itself, nil included (find() would mistake a nil one for none).
      and: (...args) => (args.some((a) => !truthy(a)) ? args.find((a) => !truthy(a)) : args[args.length - 1]),
      or: (...args) => (args.some((a) => truthy(a)) ? args.find((a) => truthy(a)) : args[args.length - 1]),
      printf: (format, ...args) => printf(String(format), ...args),
      trunc: (n, s) => String(s).slice(0, Number(n)),
      trimSuffix: (suffix, s) =>
        String(s).endsWith(String(suffix)) ? String(s).slice(0, -String(suffix).length) : String(s),
      contains: (sub, s) => String(s).includes(String(sub)),
      b64enc: (s) => Buffer.from(String(s)).toString('base64'),
      sha256sum: (s) => createHash('sha256').update(String(s)).digest('hex'),
      int: (v) => Math.trunc(Number(v)),
    };
  }

  /** Parses a file; its `define`s become available to `include`. */
  parse(source: string): Node[] {
    return buildTree(lex(source), this.templates);
  }

  renderNamed(name: string, data: Value): string {
    const nodes = this.templates.get(name);
    if (!nodes) throw new Error(`no template named "${name}"`);
    return this.render(nodes, data);
  }

  render(nodes: Node[], data: Value): string {
    const scope = new Scope();
    scope.vars.set('$', data);
    return this.#run(nodes, data, scope);
  }

  #run(nodes: Node[], dot: Value, scope: Scope): string {
    let out = '';
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          out += node.text;
          break;
        case 'output': {
          const value = this.#pipeline(node.pipeline, dot, scope);
          if (!node.pipeline.declare && !node.pipeline.assign) out += print(value);
          break;
        }
        case 'if': {
          const branch = node.branches.find((b) =>
            truthy(this.#pipeline(b.condition, dot, new Scope(scope))),
          );
          out += this.#run(branch ? branch.body : node.otherwise, dot, new Scope(scope));
          break;
        }
        case 'with': {
          const inner = new Scope(scope);
          const value = this.#pipeline(node.pipeline, dot, inner);
          out += truthy(value)
            ? this.#run(node.body, value, inner)
            : this.#run(node.otherwise, dot, new Scope(scope));
          break;
        }
        case 'range': {
          const { declare } = node.pipeline;
          const value = this.#pipeline({ commands: node.pipeline.commands }, dot, scope);
          const entries: [Value, Value][] = Array.isArray(value)
            ? value.map((v, i) => [i, v])
            : value && typeof value === 'object'
              ? Object.keys(value)
                  .sort()
                  .map((k) => [k, (value as Record<string, Value>)[k]])
              : [];
          if (entries.length === 0) out += this.#run(node.otherwise, dot, new Scope(scope));
          for (const [key, item] of entries) {
            const inner = new Scope(scope);
            if (declare?.length === 1) inner.vars.set(declare[0] as string, item);
            if (declare?.length === 2) {
              inner.vars.set(declare[0] as string, key);
              inner.vars.set(declare[1] as string, item);
            }
            out += this.#run(node.body, item, inner);
          }
          break;
        }
      }
    }
    return out;
  }

  #pipeline(pipeline: Pipeline, dot: Value, scope: Scope): Value {
    let value: Value;
    let first = true;
    for (const command of pipeline.commands) {
      value = this.#command(command, dot, scope, first ? [] : [value]);
      first = false;
    }
    if (pipeline.declare) for (const name of pipeline.declare) scope.vars.set(name, value);
    if (pipeline.assign) scope.set(pipeline.assign, value);
    return value;
  }

  #command(command: Command, dot: Value, scope: Scope, piped: Value[]): Value {
    const [head, ...rest] = command;
    if (!head) throw new Error('empty command');
    if (head.kind === 'call') {
      const fn = this.#functions[head.name];
      if (!fn) throw new Error(`function "${head.name}" not defined`);
      return fn(...rest.map((operand) => this.#operand(operand, dot, scope)), ...piped);
    }
    if (rest.length > 0 || piped.length > 0) throw new Error('can only pipe into a function');
    return this.#operand(head, dot, scope);
  }

  #operand(operand: Operand, dot: Value, scope: Scope): Value {
    switch (operand.kind) {
      case 'literal':
        return operand.value;
      case 'field':
        return operand.base === 'dot'
          ? field(dot, operand.path, '.')
          : field(scope.get(operand.base), operand.path, operand.base);
      case 'pipeline':
        return this.#pipeline(operand.pipeline, dot, new Scope(scope));
      case 'call': {
        const fn = this.#functions[operand.name];
        if (!fn) throw new Error(`function "${operand.name}" not defined`);
        return fn();
      }
    }
  }
}

function indent(n: number, text: string): string {
  const pad = ' '.repeat(n);
  return pad + text.replaceAll('\n', `\n${pad}`);
}
