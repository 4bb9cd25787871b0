// Formatting one catalogue message: compiled once per language and key, filled in by Intl.
import IntlMessageFormat from 'intl-messageformat';
import { z } from 'zod';
import type { Locale } from '../locale/index.ts';
import { en } from './catalog/en.ts';
import { zhCN } from './catalog/zh-CN.ts';
import { zhTW } from './catalog/zh-TW.ts';
import type { Catalog, MessageKey } from './keys.ts';

export const catalogs: Record<Locale, Catalog> = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };

export const messageKeys = Object.keys(en) as MessageKey[];

/**
 * A parameter is cluster or product text (never translated), a number (formatted and pluralised by Intl), or a
 * sentence of its own kept language-neutral (`{ key, params }`: a summary that ends with its root cause's detail).
 */
export type TextParams = { [name: string]: string | number | { key: MessageKey; params?: TextParams } };
export const TextParams: z.ZodType<TextParams> = z.lazy(() =>
  z.record(
    z.string(),
    z.union([
      z.string(),
      z.number(),
      z.object({
        key: z.custom<MessageKey>((key) => typeof key === 'string' && key in en),
        params: TextParams.optional(),
      }),
    ]),
  ),
);

const formats = new Map<string, IntlMessageFormat>();

function format(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let compiled = formats.get(id);
  if (!compiled) {
    // ignoreTag: `<name>` in a usage line is text, not a rich-text tag.
    compiled = new IntlMessageFormat(catalogs[locale][key], locale, undefined, { ignoreTag: true });
    formats.set(id, compiled);
  }
  return compiled;
}

/** The message `key` in `locale`, its parameters filled in. */
export function t(locale: Locale, key: MessageKey, params: TextParams = {}): string {
  // A nested sentence is said in the same language before it fills its place.
  const filled = Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      typeof value === 'object' ? t(locale, value.key, value.params) : value,
    ]),
  );
  return String(format(locale, key).format(filled));
}

/** A `t` bound to one reader's language, for a renderer that says many things to the same person. */
export type Translate = (key: MessageKey, params?: TextParams) => string;
export const translator =
  (locale: Locale): Translate =>
  (key, params) =>
    t(locale, key, params);
