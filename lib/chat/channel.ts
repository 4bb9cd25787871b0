// The chat-channel port: post a message, reply under one, update one in place. Jobs speak only this; Slack (and
// LINE next) are adapters, chosen by the target's `channel`.
import type { Config } from '../config/index.ts';
import type { Locale } from '../locale/index.ts';
import type { ChatMessage } from './message.ts';
import type { ChannelName } from './registry.ts';

/** Where a message goes: a chat, a conversation in it, and optionally the message it answers (a thread). */
export interface Destination {
  channel: ChannelName;
  /** Slack channel id, LINE user/group/room id. */
  to: string;
  /** The message this one answers, as the channel referenced it when it was posted. */
  thread?: string;
  /**
   * Whether people are notified: true shows a thread reply in the channel too (Slack `reply_broadcast`), false
   * sends quietly (LINE `notificationDisabled`); unset, each chat does what it always does.
   */
  notify?: boolean;
  /**
   * The same on every delivery of one message (a job's id and target, set by the job): a chat that takes an
   * idempotency key (LINE's `X-Line-Retry-Key`) derives it from this, so a redelivered job is not sent twice.
   */
  sendKey?: string;
  /** The language configured for this chat (a setting's `?lang=zh-TW`), for messages that have no reader yet. */
  lang?: Locale;
}

/** `slack:C0KRONCALL`, `line:U…`: how a destination is named in logs, answers and the job ledger's delivered keys. */
export const destinationKey = (to: Pick<Destination, 'channel' | 'to'>) => `${to.channel}:${to.to}`;

/** A posted message, as the channel references it (Slack `ts`): enough to reply under it or update it later. */
export interface MessageRef extends Destination {
  id: string;
}

export interface Channel {
  /** Sends a message; answers its reference when the channel gives one (LINE pushes have none to update). */
  post(to: Destination, message: ChatMessage): Promise<MessageRef | undefined>;
  /** Answers under a message that was posted earlier (a Slack thread reply). */
  reply(parent: MessageRef, message: ChatMessage): Promise<MessageRef | undefined>;
  /** Replaces a message that was posted earlier (an incident turning resolved). */
  update(ref: MessageRef, message: ChatMessage): Promise<void>;
}

/** Finds the adapter of a channel; throws a ConfigError naming what is missing when it is not configured. */
export type Channels = (name: ChannelName) => Channel;

/** One chat platform: its name in targets and how its adapter is built from the Worker's settings. */
export interface ChannelAdapter<N extends string = string> {
  name: N;
  /** The adapter, or a ConfigError naming the setting that is missing. */
  fromConfig(config: Config): Channel;
  /** Where alert reports go in this chat, as configured (none when it is not set up for alerts). */
  alertDestinations(config: Config): { channel: N; to: string }[];
  /** The settings `alertDestinations` needs, for the hint a report with nowhere to go logs. */
  alertSettings: readonly (keyof Config)[];
}

export const defineChannel = <N extends string>(adapter: ChannelAdapter<N>): ChannelAdapter<N> => adapter;
