// The chat commands that work with no model: the one table (names, aliases in English and Chinese, argument
// grammar, help line) and the parser that turns a chat message into a command and its arguments.
import { z } from 'zod';
import { resourceFor } from '../cluster/index.ts';
import { type MessageKey, t } from '../i18n/index.ts';
import { type Locale, locales } from '../locale/index.ts';
import { stripControl } from '../security/index.ts';
import { isPronoun, isQualifier, isReferenceWord, referenceHanWords } from './context.ts';

/** One positional argument: how it is read from the words after the command. */
type ArgSpec =
  /** A namespace name (a DNS label), optional. */
  | { type: 'namespace' }
  /** What the command acts on: a name, `kind/name`, `ns/name`, or reference words ("that crashing one"). */
  | { type: 'target'; noun: MessageKey; optional?: boolean }
  /** A kind as kubectl accepts it (`pod`, `deploy`, `svc`); optional: absent when the next word is no kind. */
  | { type: 'kind' }
  /** A fixed word (`pod` in `/delete pod`). */
  | { type: 'word'; words: readonly string[] }
  | { type: 'replicas' }
  /** `/use`'s cluster or namespace name, optionally after `cluster` or `namespace`. */
  | { type: 'use' }
  /** `/diagnose`'s scope: a namespace, `kind/name` or a reference. */
  | { type: 'scope' }
  /** `/lang`'s language: `en`, `zh-TW`, `zh-CN` (or a name a person writes for one). */
  | { type: 'locale' };

interface CommandSpec {
  name: string;
  /** The words that call it, besides its name; several words match with or without spaces (`看 log`, `看log`). */
  aliases: readonly string[];
  usage: string;
  /** The help line's catalogue key. */
  help: MessageKey;
  example: string;
  args: readonly ArgSpec[];
  /** `--previous` and `--grep RE` (logs only). */
  logFlags?: boolean;
}

const namespace: ArgSpec = { type: 'namespace' };

/** Every command, in the order /help lists them. */
export const commands = [
  {
    name: 'pods',
    aliases: [
      'pod',
      'po',
      'get pods',
      'list pods',
      'show pods',
      '列出 pods',
      '列出 pod',
      '列出',
      '看 pods',
      '查看 pods',
    ],
    usage: '/pods [ns]',
    help: 'command.pods.help',
    example: '/pods shop',
    args: [namespace],
  },
  {
    name: 'logs',
    aliases: [
      'log',
      '看 log',
      '看 logs',
      '查看 log',
      '查看 logs',
      '看日誌',
      '看日志',
      '查看日誌',
      '查看日志',
      '日誌',
      '日志',
    ],
    usage: '/logs <pod> [ns] [--previous] [--grep RE]',
    help: 'command.logs.help',
    example: '/logs payment shop --previous',
    args: [{ type: 'target', noun: 'noun.podName' }, namespace],
    logFlags: true,
  },
  {
    name: 'describe',
    aliases: ['desc', 'show', '查看', '描述', '詳情', '详情'],
    usage: '/describe <kind> <name> [ns]',
    help: 'command.describe.help',
    example: '/describe deploy payment shop',
    args: [{ type: 'kind' }, { type: 'target', noun: 'noun.name' }, namespace],
  },
  {
    name: 'events',
    aliases: ['event', 'ev', '事件', '看事件', '查看事件'],
    usage: '/events [ns]',
    help: 'command.events.help',
    example: '/events shop',
    args: [namespace],
  },
  {
    name: 'diagnose',
    aliases: ['diag', '診斷', '诊断', '分析'],
    usage: '/diagnose [ns | kind/name]',
    help: 'command.diagnose.help',
    example: '/diagnose shop',
    args: [{ type: 'scope' }, namespace],
  },
  {
    name: 'restart',
    aliases: ['rollout restart', '重啟', '重启', '重新啟動', '重新启动'],
    usage: '/restart <deployment> [ns]',
    help: 'command.restart.help',
    example: '/restart checkout store',
    args: [{ type: 'target', noun: 'noun.deploymentName' }, namespace],
  },
  {
    name: 'scale',
    aliases: ['擴展', '扩展', '擴容', '扩容', '縮容', '缩容'],
    usage: '/scale <deployment> <n> [ns]',
    help: 'command.scale.help',
    example: '/scale checkout 3 store',
    args: [{ type: 'target', noun: 'noun.deploymentName' }, { type: 'replicas' }, namespace],
  },
  {
    name: 'delete',
    aliases: ['del', '刪除', '删除'],
    usage: '/delete pod <name> [ns]',
    help: 'command.delete.help',
    example: '/delete pod payment-7d9f8c6b5d-x7k2p shop',
    args: [
      { type: 'word', words: ['pod', 'po', 'pods'] },
      { type: 'target', noun: 'noun.podName' },
      namespace,
    ],
  },
  {
    name: 'use',
    aliases: ['switch', '切換', '切换', '使用'],
    usage: '/use <cluster> | <namespace>',
    help: 'command.use.help',
    example: '/use shop',
    args: [{ type: 'use' }],
  },
  {
    name: 'lang',
    aliases: ['language', '語言', '语言'],
    usage: '/lang en | zh-TW | zh-CN',
    help: 'command.lang.help',
    example: '/lang zh-TW',
    args: [{ type: 'locale' }],
  },
  {
    name: 'forget',
    aliases: ['reset', '忘記', '忘记', '清除'],
    usage: '/forget',
    help: 'command.forget.help',
    example: '/forget',
    args: [],
  },
  {
    name: 'help',
    aliases: ['commands', '?', '說明', '说明', '幫助', '帮助'],
    usage: '/help',
    help: 'command.help.help',
    example: '/help',
    args: [],
  },
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof commands)[number]['name'];
export const CommandName = z.enum(commands.map((command) => command.name) as [CommandName, ...CommandName[]]);

export const CommandArgs = z.object({
  /** A name, `kind/name`, `ns/name` or reference words, as typed; resolved against the conversation's context. */
  target: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  replicas: z.number().int().min(0).optional(),
  previous: z.boolean().optional(),
  grep: z.string().optional(),
  /** `/use`: the cluster or namespace name, and which one when the person said. */
  name: z.string().optional(),
  use: z.enum(['cluster', 'namespace']).optional(),
  /** `/lang`: the language to answer in from now on. */
  locale: z.enum(locales).optional(),
});
export type CommandArgs = z.infer<typeof CommandArgs>;

export type ParsedCommand =
  | { command: CommandName; args: CommandArgs }
  /** A command whose arguments are wrong: `error` says what and shows the usage. */
  | { command: CommandName; error: string }
  /** Not a command (free text, for the agent); `near` when it began like one, to explain without a model. */
  | { unknown: string; near?: { command: CommandName; error: string } };

export const commandByName = Object.fromEntries(
  (commands as readonly CommandSpec[]).map((command) => [command.name, command]),
) as Record<CommandName, CommandSpec>;

const HAN = /\p{Script=Han}/u;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Han words the parser knows, longest first, to split unspaced Chinese (`重啟api-gateway`, `看log那個crash的`). */
const hanWords = [
  ...new Set([
    ...commands.flatMap((command) => command.aliases.flatMap((alias) => alias.split(' '))),
    ...referenceHanWords,
  ]),
]
  .filter((word) => HAN.test(word))
  .sort((a, b) => b.length - a.length);

/** A Han run split into the known words, unknown characters kept together. */
function segmentHan(run: string): string[] {
  const out: string[] = [];
  let unknown = '';
  for (let index = 0; index < run.length; ) {
    const word = hanWords.find((candidate) => run.startsWith(candidate, index));
    if (word) {
      if (unknown) out.push(unknown);
      unknown = '';
      out.push(word);
      index += word.length;
    } else {
      unknown += run[index];
      index++;
    }
  }
  if (unknown) out.push(unknown);
  return out;
}

/** Words: quoted strings stay whole; Han and Latin runs come apart (`看log` is `看`, `log`). */
function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const quoted = match[1] ?? match[2];
    if (quoted !== undefined) {
      out.push(quoted);
      continue;
    }
    for (const run of (match[3] ?? '').match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? [])
      out.push(...(HAN.test(run) ? segmentHan(run) : [run]));
  }
  return out;
}

/** Text as a chat delivers it, made plain: control characters gone, full-width forms (`／`, `　`) folded, the
 * Slack mention of the bot (`<@U123>`) dropped. */
function normalize(text: string): string {
  return stripControl(text)
    .normalize('NFKC')
    .replace(/^\s*(<@[A-Z0-9]+(\|[^>]*)?>[\s,:]*)+/i, '')
    .trim();
}

/** The command whose name or alias the words begin with (the longest such alias), and how many words it took. */
function matchCommand(words: string[]): { spec: CommandSpec; used: number } | undefined {
  let best: { spec: CommandSpec; used: number; length: number } | undefined;
  for (const spec of commands as readonly CommandSpec[])
    for (const alias of [spec.name, ...spec.aliases]) {
      const parts = alias.split(' ');
      const fits = parts.every((part, index) => words[index]?.toLowerCase() === part.toLowerCase());
      if (fits && (!best || alias.length > best.length))
        best = { spec, used: parts.length, length: alias.length };
    }
  return best;
}

/** Parses a chat message: a command (with or without `/`, by any alias) and its arguments, or not a command; a
 * wrong argument is explained in `locale`. */
export function parseCommand(text: string, locale: Locale = 'en'): ParsedCommand {
  const plain = normalize(text);
  const slash = plain.startsWith('/');
  const words = tokenize(slash ? plain.slice(1) : plain);
  const match = matchCommand(words);
  if (!match) return { unknown: plain };
  const command = match.spec.name as CommandName;
  const parsed = parseArgs(match.spec, words.slice(match.used), locale);
  if ('args' in parsed) return { command, args: parsed.args };
  const usage = t(locale, 'parse.usage', { usage: match.spec.usage, example: match.spec.example });
  const error = `${parsed.error}\n${usage}`;
  // Without a slash the words may be a sentence that merely starts like a command: it goes to the agent.
  return slash ? { command, error } : { unknown: plain, near: { command, error } };
}

function parseArgs(
  spec: CommandSpec,
  given: string[],
  locale: Locale,
): { args: CommandArgs } | { error: string } {
  const args: CommandArgs = {};
  const words: string[] = [];
  const name = `/${spec.name}`;
  const fail = (key: MessageKey, params: Record<string, string> = {}) => ({
    error: t(locale, key, { command: name, ...params }),
  });
  // Flags first, wherever they are: -n NS and, for logs, --previous and --grep RE.
  for (let index = 0; index < given.length; index++) {
    const word = given[index] ?? '';
    const [flag, inline] = word.startsWith('-') ? word.split(/=(.*)/s) : [word];
    const value = () => inline ?? given[++index];
    if (flag === '-n' || flag === '--namespace') {
      const namespace = value();
      if (!namespace) return fail('parse.flagNeedsNamespace');
      args.namespace = namespace;
    } else if (spec.logFlags && (flag === '--previous' || flag === '-p' || flag === '--prev')) {
      args.previous = true;
    } else if (spec.logFlags && (flag === '--grep' || flag === '-g' || flag === 'grep')) {
      const pattern = value();
      if (!pattern) return fail('parse.grepNeedsPattern');
      try {
        new RegExp(pattern, 'i');
      } catch {
        return fail('parse.grepInvalid', { pattern });
      }
      args.grep = pattern;
    } else words.push(word);
  }
  let rest = words;
  for (const arg of spec.args) {
    const next = rest[0];
    switch (arg.type) {
      case 'namespace':
        if (next === undefined) break;
        if (args.namespace || !DNS_LABEL.test(next))
          return fail('parse.notNamespace', { words: rest.join(' ') });
        args.namespace = next;
        rest = rest.slice(1);
        break;
      case 'kind':
        // A kind only when a name follows: `/describe pod` alone means the remembered pod.
        if (next && rest.length > 1 && resourceFor(next)) {
          args.kind = next;
          rest = rest.slice(1);
        }
        break;
      case 'word':
        if (!next || !arg.words.includes(next.toLowerCase())) return fail('parse.podsOnly');
        rest = rest.slice(1);
        break;
      case 'target': {
        const taken = takeTarget(rest);
        if (taken.length === 0) {
          if (arg.optional) break;
          return fail('parse.needs', { noun: t(locale, arg.noun) });
        }
        args.target = taken.join(' ');
        rest = rest.slice(taken.length);
        break;
      }
      case 'replicas': {
        const words = rest[0]?.toLowerCase() === 'to' ? rest.slice(1) : rest;
        const count = words[0];
        if (!count || !/^\d+$/.test(count)) return fail('parse.needsReplicas');
        args.replicas = Number(count);
        rest = words.slice(1);
        break;
      }
      case 'use': {
        const [first, second] = rest;
        if (!first) return fail('parse.needsUseName');
        const which = /^(cluster|叢集|集群)$/i.test(first)
          ? 'cluster'
          : /^(namespace|ns)$/i.test(first)
            ? 'namespace'
            : undefined;
        const value = which ? second : first;
        if (!value) return fail('parse.needsName', { word: first });
        args.name = value;
        if (which) args.use = which;
        rest = rest.slice(which ? 2 : 1);
        break;
      }
      case 'locale': {
        const locale = localeWord(next);
        if (!locale) return fail('parse.needsLanguage', { languages: locales.join(', ') });
        args.locale = locale;
        rest = rest.slice(1);
        break;
      }
      case 'scope': {
        if (!next) break;
        if (next.includes('/') || isReferenceWord(next)) {
          const taken = takeTarget(rest);
          args.target = taken.join(' ');
          rest = rest.slice(taken.length);
        }
        break;
      }
    }
  }
  if (rest.length > 0) return fail('parse.notUnderstood', { words: rest.join(' ') });
  return { args };
}

/**
 * The words of a target: leading reference words ("that crashing one", "那個 crash 的", "the pod"), then one name
 * unless a pronoun or a status already said which ("that crashing one shop": `shop` is the namespace).
 */
function takeTarget(words: string[]): string[] {
  const taken: string[] = [];
  let pointed = false;
  for (const word of words) {
    if (word.startsWith('-') || !isReferenceWord(word)) break;
    taken.push(word);
    if (isPronoun(word) || isQualifier(word)) pointed = true;
  }
  const name = words[taken.length];
  if (!pointed && name !== undefined && !name.startsWith('-')) taken.push(name);
  return taken;
}

/** Words a person writes for a language, besides its code (`/lang 繁體`, `/lang english`). */
const localeWords: Record<string, Locale> = {
  en: 'en',
  english: 'en',
  英文: 'en',
  'zh-tw': 'zh-TW',
  zh_tw: 'zh-TW',
  'zh-hant': 'zh-TW',
  繁體: 'zh-TW',
  繁体: 'zh-TW',
  繁體中文: 'zh-TW',
  繁体中文: 'zh-TW',
  'zh-cn': 'zh-CN',
  zh_cn: 'zh-CN',
  'zh-hans': 'zh-CN',
  简体: 'zh-CN',
  簡體: 'zh-CN',
  简体中文: 'zh-CN',
  簡體中文: 'zh-CN',
};
const localeWord = (word: string | undefined): Locale | undefined =>
  word === undefined ? undefined : localeWords[word.toLowerCase()];

/** The /help text in `locale`: one line per command, its aliases after. */
export function helpText(locale: Locale = 'en'): string {
  const lines = (commands as readonly CommandSpec[]).map(
    (command) => `${command.usage}\n  ${t(locale, command.help)}`,
  );
  const chinese = (commands as readonly CommandSpec[])
    .map((command) => command.aliases.find((alias) => HAN.test(alias)))
    .filter(Boolean);
  return [
    t(locale, 'help.heading'),
    ...lines,
    t(locale, 'help.chinese', { aliases: chinese.join(', ') }),
    t(locale, 'help.refer'),
  ].join('\n');
}

/** The command names, for "I understand these commands: …". */
export const commandList = (): string => commands.map((command) => `/${command.name}`).join(' ');
