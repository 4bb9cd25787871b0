// The chat channels: adding one is a folder with its serializer and adapter, and a line here. Target schemas and
// the dispatcher are derived from this list.
import type { Config } from '../config/index.ts';
import { ConfigError } from '../config/index.ts';
import type { Channel, Channels, Destination } from './channel.ts';
import { line } from './line/index.ts';
import { slack } from './slack/index.ts';

export const channelAdapters = [slack, line] as const;

export type ChannelName = (typeof channelAdapters)[number]['name'];
export const channelNames = channelAdapters.map((adapter) => adapter.name) as [ChannelName, ...ChannelName[]];

/** Where alert reports go: every chat configured for alerts. */
export function alertDestinations(config: Config): Destination[] {
  return channelAdapters.flatMap<Destination>((adapter) => adapter.alertDestinations(config));
}

/** The channels as the Worker's settings configure them; each adapter is built on first use. */
export function channelsFor(config: Config): Channels {
  const built = new Map<string, Channel>();
  return (name) => {
    let channel = built.get(name);
    if (!channel) {
      const adapter = channelAdapters.find((candidate) => candidate.name === name);
      if (!adapter) throw new ConfigError(`no chat channel '${name}' (known: ${channelNames.join(', ')})`);
      channel = adapter.fromConfig(config);
      built.set(name, channel);
    }
    return channel;
  };
}
