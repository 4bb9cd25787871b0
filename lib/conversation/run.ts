// Runs a parsed chat command: reads answer through the agent tools' views, /diagnose runs the diagnosis, and the
// write commands only propose (the action catalog checks the target and arguments); nothing here ever writes.
import { clusterNow } from '../agent/index.ts';
import { resources } from '../cluster/index.ts';
import { t, translator } from '../i18n/index.ts';
import { redactText } from '../security/index.ts';
import { type CommandName, commandList, helpText, type ParsedCommand } from './commands.ts';
import { emptyContext } from './context.ts';
import { type CommandResult, type Handler, type Run, type RunOptions, withNamespace } from './handler.ts';
import { proposing } from './proposals.ts';
import { describe, diagnoseCommand, events, logs, pods } from './reads.ts';
import { cutLines, defaultLimits, phoneText } from './reply.ts';

export type { CommandResult, RunOptions } from './handler.ts';

/** Runs one parsed command; cluster read failures become a reply, never an exception. */
export async function runCommand(parsed: ParsedCommand, options: RunOptions): Promise<CommandResult> {
  const limits = { ...defaultLimits, ...options.limits };
  const context = options.context;
  const locale = options.locale ?? 'en';
  const answer = (text: string): CommandResult => ({ reply: { text: phoneText(text, limits) }, context });
  if ('unknown' in parsed)
    return answer(
      [
        ...(parsed.near ? [parsed.near.error, ''] : []),
        t(locale, 'chat.unknown', { commands: commandList() }),
      ].join('\n'),
    );
  if ('error' in parsed) return answer(parsed.error);
  const run: Run = {
    args: parsed.args,
    options,
    context,
    limits,
    now: () => clusterNow(options.reader),
    namespace: parsed.args.namespace ?? context.namespace,
    locale,
    t: translator(locale),
  };
  try {
    const { text, ...rest } = await handlers[parsed.command](run);
    const proposal = rest.proposal;
    // A namespace the person named is kept even when the command could not answer ("which one?").
    const next = rest.context === context ? withNamespace(run) : rest.context;
    return {
      ...rest,
      context: next,
      reply: { text: phoneText(text, limits), ...(proposal ? { proposal } : {}) },
    };
  } catch (error) {
    const message = redactText(error instanceof Error ? error.message : String(error)).slice(0, 300);
    return answer(t(locale, 'chat.readFailed', { error: message }));
  }
}

const use: Handler = async (run) => {
  const name = run.args.name ?? '';
  const clusters = run.options.clusters ?? [];
  if (run.args.use === 'cluster' || (run.args.use !== 'namespace' && clusters.includes(name))) {
    if (!clusters.includes(name))
      return {
        context: run.context,
        text: run.t('chat.noCluster', { name, known: clusters.join(', ') || run.t('chat.none') }),
      };
    // Another cluster's objects mean nothing here; the language chosen still holds.
    return {
      context: {
        cluster: name,
        lastObjects: [],
        ...(run.context.locale ? { locale: run.context.locale } : {}),
      },
      text: run.t('chat.usingCluster', { name }),
    };
  }
  const found = await run.options.reader.get(resources.namespaces, undefined, name);
  if (!found) {
    const known = (await run.options.reader.list(resources.namespaces, { limit: 500, maxItems: 500 })).map(
      (namespace) => namespace.metadata.name,
    );
    const list = cutLines(known, run.limits.rows, run.t('hint.moreExist'), run.locale).join(', ');
    return {
      context: run.context,
      text: run.t('chat.noNamespace', { name, cluster: run.options.cluster, list }),
    };
  }
  return {
    context: { ...run.context, namespace: name },
    text: run.t('chat.usingNamespace', { name, cluster: run.options.cluster }),
  };
};

/** /lang: the language is remembered with the conversation and this answer is already in it. */
const lang: Handler = async (run) => {
  const locale = run.args.locale ?? run.locale;
  return { context: { ...run.context, locale }, text: t(locale, 'chat.language') };
};

const handlers: Record<CommandName, Handler> = {
  pods,
  logs,
  describe,
  events,
  diagnose: diagnoseCommand,
  restart: proposing('restart'),
  scale: proposing('scale', (args) => (args.replicas === undefined ? {} : { replicas: args.replicas })),
  delete: proposing('delete-pod'),
  use,
  lang,
  // The chosen language is a preference, not memory of the cluster: it stays.
  forget: async (run) => ({
    context: { ...emptyContext(), ...(run.context.locale ? { locale: run.context.locale } : {}) },
    text: run.t('chat.forgotten'),
  }),
  help: async (run) => ({ context: run.context, text: helpText(run.locale) }),
};
