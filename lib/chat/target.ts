// A chat destination as a setting writes it: `slack:C0123ABCD`, `line:U…` (a user), `line:C…` (a group).
import { z } from 'zod';
import type { Destination } from './channel.ts';
import { channelNames } from './registry.ts';

export const ChatTarget = z
  .string()
  .regex(
    new RegExp(`^(${channelNames.join('|')}):[A-Za-z0-9._-]{1,200}$`),
    `must be <channel>:<id> with channel ${channelNames.join(' or ')} (e.g. slack:C0123ABCD)`,
  )
  .transform((target): Destination => {
    const at = target.indexOf(':');
    const channel = channelNames.find((name) => name === target.slice(0, at)) ?? channelNames[0];
    return { channel, to: target.slice(at + 1) };
  });
