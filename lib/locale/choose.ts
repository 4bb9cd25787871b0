// Which language a message is said in: the person's explicit choice, their chat profile, the language they write
// in, the destination's setting, then LOCALE — the first that is known.
import { detectLocale, isLocale, type Locale } from './index.ts';

/**
 * A platform's language tag as one of ours: LINE's profile `language` (`zh-TW`, `zh-Hant`, `en`), Slack's
 * `locale` (`en-US`, `zh-CN`, `zh-TW`). Chinese without a region or script is taken as Traditional only for
 * Hant/TW/HK/MO; any other `zh` is Simplified. Undefined for a language we do not speak.
 */
export function localeOfTag(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  const parts = tag.replace(/_/g, '-').toLowerCase().split('-');
  if (parts[0] === 'en') return 'en';
  if (parts[0] !== 'zh') return undefined;
  return parts.slice(1).some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part)) ? 'zh-TW' : 'zh-CN';
}

export interface LocaleSources {
  /** Chosen with `/lang` (remembered with the conversation). */
  chosen?: Locale | undefined;
  /** The person's profile language (LINE `GET /v2/bot/profile/{id}` `language`, Slack `users.info` `locale`). */
  profile?: string | undefined;
  /** What they wrote in this turn. */
  text?: string | undefined;
  /** The destination's `lang` in the routing config (per Slack channel or LINE group). */
  destination?: Locale | undefined;
  /** The `LOCALE` setting. */
  configured?: string | undefined;
}

/** The language to answer in: the first of `sources`, in that order, that names one of ours; else en. */
export function answerLocale(sources: LocaleSources): Locale {
  return (
    sources.chosen ??
    localeOfTag(sources.profile) ??
    (sources.text ? detectLocale(sources.text) : undefined) ??
    sources.destination ??
    (isLocale(sources.configured) ? sources.configured : undefined) ??
    'en'
  );
}
