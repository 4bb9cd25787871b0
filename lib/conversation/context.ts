// A conversation's structured memory (cluster, namespace, the objects last listed or mentioned, the last incident)
// and the resolver that turns "it", "that crashing one", "那個 crash 的" or a partial name into one of those objects.
import { z } from 'zod';
import { foldName } from '../cluster/index.ts';
import { locales } from '../locale/index.ts';
import { ObjectRef } from '../report/index.ts';

/** How many listed objects a conversation remembers: a phone screen's worth, in the order they were shown. */
export const MAX_LAST_OBJECTS = 20;

export const ContextObject = z.object({
  kind: z.string().min(1),
  namespace: z.string().optional(),
  name: z.string().min(1),
  /** The STATUS the bot showed (`CrashLoopBackOff`, `Running`, `0/3`), which "the crashing one" is matched on. */
  status: z.string().optional(),
});
export type ContextObject = z.infer<typeof ContextObject>;

export const ConversationContext = z.object({
  cluster: z.string().optional(),
  namespace: z.string().optional(),
  lastObjects: z
    .array(ContextObject)
    .default([])
    .transform((objects) => objects.slice(0, MAX_LAST_OBJECTS)),
  lastIncident: z.object({ reportId: z.string().min(1), object: ObjectRef }).optional(),
  /** The language the person chose with /lang: it wins over what they write in and the chat's setting. */
  locale: z.enum(locales).optional(),
});
export type ConversationContext = z.infer<typeof ConversationContext>;

export const emptyContext = (): ConversationContext => ({ lastObjects: [] });

/** The context with `objects` as the last ones shown (bounded). */
export function remember(context: ConversationContext, objects: ContextObject[]): ConversationContext {
  return { ...context, lastObjects: objects.slice(0, MAX_LAST_OBJECTS) };
}

/** Words that point back at something said before. */
const pronouns = [
  'it',
  'this',
  'that',
  'them',
  'those',
  'these',
  'same',
  '它',
  '他',
  '這個',
  '那個',
  '这个',
  '那个',
  '剛才那個',
  '刚才那个',
  '剛剛那個',
  '刚刚那个',
  '該',
  '该',
];

/** Words that say which of the remembered objects, by the status shown for them. */
const qualifiers: { words: RegExp; matches: (status: string) => boolean }[] = [
  {
    words: /^(crash\w*|崩潰|崩溃|掛掉?|挂掉?|crashloop\w*)$/i,
    matches: (status) => /crash|backoff|error|oomkilled/i.test(status),
  },
  {
    words:
      /^(fail\w*|broken|unhealthy|bad|erroring|error|壞掉?|坏掉?|失敗|失败|出錯|出错|異常|异常|有問題|有问题)$/i,
    matches: (status) => !healthy(status),
  },
  { words: /^(pending|stuck|卡住)$/i, matches: (status) => /pending|containercreating/i.test(status) },
  { words: /^(oom\w*)$/i, matches: (status) => /oom/i.test(status) },
];

const HEALTHY_STATUS = /^(running|completed|succeeded|active|bound|ready|true)$/i;
/** A status is healthy when its word says so, or when a `ready/desired` count is full (`3/3`). */
function healthy(status: string): boolean {
  if (HEALTHY_STATUS.test(status)) return true;
  const count = /^(\d+)\/(\d+)$/.exec(status);
  return !!count && count[1] === count[2];
}

/** Words that carry no meaning of their own in a reference ("the", "one", "的"). */
const fillers = ['the', 'a', 'one', 'ones', 'thing', 'guy', '的', '一個', '一个', '個', '个'];

/** Kind words a person uses for a remembered object, mapped to the kinds they mean. */
const kindWords: Record<string, readonly string[]> = {
  pod: ['Pod'],
  pods: ['Pod'],
  po: ['Pod'],
  deployment: ['Deployment'],
  deploy: ['Deployment'],
  deployments: ['Deployment'],
  statefulset: ['StatefulSet'],
  sts: ['StatefulSet'],
  daemonset: ['DaemonSet'],
  ds: ['DaemonSet'],
  service: ['Service'],
  svc: ['Service'],
  node: ['Node'],
  workload: ['Deployment', 'StatefulSet', 'DaemonSet'],
  app: ['Deployment', 'StatefulSet', 'DaemonSet'],
};

const lower = (word: string) => word.toLowerCase();

/** True when `word` is part of a reference rather than a name: a pronoun, qualifier, filler or kind word. */
export function isReferenceWord(word: string): boolean {
  return isPronoun(word) || isQualifier(word) || fillers.includes(lower(word)) || lower(word) in kindWords;
}
export const isPronoun = (word: string) => pronouns.includes(lower(word));
export const isQualifier = (word: string) => qualifiers.some((qualifier) => qualifier.words.test(word));

/** The Han words of the reference vocabulary, for splitting unspaced Chinese (`那個crash的`). */
export const referenceHanWords = [...pronouns, ...fillers].filter((word) => /\p{Script=Han}/u.test(word));

export type Resolution =
  /** One object; `pods` when the words named several pods of this one workload (as `kubectl logs deploy/x` does). */
  { object: ContextObject; pods?: ContextObject[] } | { ambiguous: ContextObject[] } | { missing: string };

export interface ResolveOptions {
  /** Only objects of these kinds (a workload also matches through its pods, by their names). */
  kinds?: readonly string[];
  /** Objects to resolve against instead of the remembered ones (e.g. a fresh list of the namespace's pods). */
  objects?: readonly ContextObject[];
}

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/**
 * Resolves a reference against the remembered objects, never by guessing: pronouns, status qualifiers
 * ("crashing", "失敗") and kind words ("the pod") filter them; other words are a name, matched exactly or as the
 * start of a name. One match is the answer; several pods of one workload answer that workload with its pods;
 * anything else ambiguous lists the candidates; nothing matching says what was looked for.
 */
export function resolveReference(
  text: string,
  context: ConversationContext,
  options: ResolveOptions = {},
): Resolution {
  const words = text
    .split(/\s+/)
    .map((word) => word.trim())
    .filter(Boolean);
  let candidates = [...(options.objects ?? context.lastObjects)];
  const names = words.filter((word) => !isReferenceWord(word));
  const pronoun = words.some(isPronoun);
  for (const word of words) {
    const qualifier = qualifiers.find((entry) => entry.words.test(word));
    if (qualifier) candidates = candidates.filter((object) => qualifier.matches(object.status ?? ''));
    const kinds = kindWords[lower(word)];
    if (kinds)
      candidates = candidates.filter((object) => kinds.includes(object.kind) || isPodOf(object, kinds));
  }
  if (options.kinds) {
    const wanted = options.kinds;
    candidates = candidates.filter((object) => wanted.includes(object.kind) || isPodOf(object, wanted));
  }
  for (const name of names) {
    const wanted = lower(name);
    const exact = candidates.filter((object) => lower(object.name) === wanted);
    candidates =
      exact.length > 0 ? exact : candidates.filter((object) => lower(object.name).startsWith(wanted));
  }
  // "it" with nothing remembered but the last incident: the incident's object.
  if (candidates.length === 0 && pronoun && names.length === 0 && !options.objects && context.lastIncident) {
    const { kind, namespace, name } = context.lastIncident.object;
    if (!options.kinds || options.kinds.includes(kind))
      return { object: { kind, name, ...(namespace ? { namespace } : {}) } };
  }
  const first = candidates[0];
  if (!first) return { missing: text.trim() || 'a name' };
  // A pod where the command wants a workload ("restart that crashing one") means the pod's workload.
  const wantsWorkload = options.kinds && !options.kinds.includes('Pod');
  if (candidates.length === 1 && !(wantsWorkload && first.kind === 'Pod')) return { object: first };
  const workload = commonWorkload(candidates);
  if (workload) return { object: workload, pods: candidates };
  // One pod whose name does not say its workload, where a workload is wanted: not a match.
  if (candidates.length === 1) return { missing: text.trim() };
  return { ambiguous: candidates };
}

/** A pod whose name folds to a workload of one of `kinds` (so "restart the crashing one" finds its Deployment). */
function isPodOf(object: ContextObject, kinds: readonly string[]): boolean {
  if (object.kind !== 'Pod') return false;
  const controller = foldName('Pod', object.name)?.controller;
  return !!controller && kinds.includes(controller);
}

/** The one workload every candidate is a pod of, by the controllers' naming; undefined when there is none. */
function commonWorkload(candidates: ContextObject[]): ContextObject | undefined {
  const owners = candidates.map((object) =>
    object.kind === 'Pod' ? foldName('Pod', object.name) : undefined,
  );
  const first = owners[0];
  if (!first?.controller || !WORKLOADS.includes(first.controller)) return undefined;
  const namespace = candidates[0]?.namespace;
  const same = owners.every(
    (owner, index) =>
      owner?.name === first.name &&
      owner.controller === first.controller &&
      candidates[index]?.namespace === namespace,
  );
  return same ? { kind: first.controller, name: first.name, ...(namespace ? { namespace } : {}) } : undefined;
}
