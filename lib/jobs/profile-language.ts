// A person's profile language (LINE profile `language`, Slack `locale`), asked of the chat once a day per person:
// the chat-turn job reads it (the webhook stays fast), an approver's press reads it for the replies that have no
// approval left to take the language from.
import type { ChannelName } from '../chat/index.ts';
import { type Kv, kvKey, kvRun, ttl } from '../store/index.ts';

/** A person as the chats name them. */
export interface Speaker {
  channel: ChannelName;
  id: string;
}

export type ProfileLanguage = (speaker: Speaker) => Promise<string | undefined>;

export interface ProfileLanguageOptions {
  /** Where the answers are kept; none asks the chat every time. */
  kv?: Kv;
  prefix?: string;
  /** Each chat's lookup (lib/events/line/profile.ts, lib/events/slack/profile.ts); a chat without one says nothing. */
  lookups: Partial<Record<ChannelName, ((id: string) => Promise<string | undefined>) | undefined>>;
  /** How long an answer is kept: people rarely change their chat's language. */
  ttlSeconds?: number;
}

export const DEFAULT_PROFILE_TTL_SECONDS = 86_400;
/** Kept for "no language" too, so a profile without one is not asked on every turn. */
const NONE = '-';

/** The profile language lookup; it never throws (a chat that does not answer leaves the other sources). */
export function profileLanguage(options: ProfileLanguageOptions): ProfileLanguage {
  const { kv, prefix = 'kr', lookups, ttlSeconds = DEFAULT_PROFILE_TTL_SECONDS } = options;
  return async ({ channel, id }) => {
    const lookup = lookups[channel];
    if (!lookup) return undefined;
    const key = kvKey(prefix, 'profile-lang', channel, id);
    try {
      const cached = kv ? await kvRun(kv, ['get', key]) : null;
      if (cached !== null) return cached === NONE ? undefined : cached;
      const language = (await lookup(id))?.slice(0, 35);
      if (kv) await kvRun(kv, ['set', key, language || NONE, { ex: ttl(ttlSeconds) }]);
      return language || undefined;
    } catch (error) {
      console.warn(
        JSON.stringify({ msg: 'profile language unavailable', channel, error: String(error).slice(0, 200) }),
      );
      return undefined;
    }
  };
}
