// A chat destination as a setting writes it: `slack:C0123ABCD`, `line:U…` (a user), `line:C…` (a group), with an
// optional language for what is sent there unasked: `line:C0123?lang=zh-TW`.
import { z } from 'zod';
import { locales } from '../locale/index.ts';
import type { Destination } from './channel.ts';
import { channelNames } from './registry.ts';

export const ChatTarget = z
  .string()
  .regex(
    new RegExp(`^(${channelNames.join('|')}):[A-Za-z0-9._-]{1,200}(\\?lang=(${locales.join('|')}))?$`),
    `must be <channel>:<id> with channel ${channelNames.join(' or ')} (e.g. slack:C0123ABCD), optionally ?lang=${locales.join('|')}`,
  )
  .transform((setting): Destination => {
    const [target = '', query] = setting.split('?');
    const at = target.indexOf(':');
    const channel = channelNames.find((name) => name === target.slice(0, at)) ?? channelNames[0];
    const lang = locales.find((locale) => query === `lang=${locale}`);
    return { channel, to: target.slice(at + 1), ...(lang ? { lang } : {}) };
  });
