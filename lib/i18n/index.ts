// Product text in the reader's language: one ICU MessageFormat catalogue per locale (plurals and numbers by Intl),
// and `Text`, a message kept language-neutral (key and parameters) until a renderer knows who reads it.
import { z } from 'zod';
import type { Locale } from '../locale/index.ts';
import { messageKeys, type TextParams, TextParams as TextParamsSchema, t } from './format.ts';
import type { MessageKey } from './keys.ts';

export { actionDescription, type DescribedAction } from './action.ts';
export { catalogs, messageKeys, TextParams, type Translate, t, translator } from './format.ts';
export type { Catalog, MessageKey } from './keys.ts';
export { type ListItem, listText } from './list.ts';

/** A sentence stored language-neutral: which message, with what. */
export const Text = z.object({
  key: z.enum(messageKeys as [MessageKey, ...MessageKey[]]),
  params: TextParamsSchema.optional(),
});
export type Text = { key: MessageKey; params?: TextParams };

/** A stored `Text` as a person reading `locale` sees it. */
export const render = (text: Text, locale: Locale): string => t(locale, text.key, text.params);

/** A command or name that reads the same in every language, as a `Text` beside translated ones. */
export const verbatim = (text: string): Text => ({ key: 'verbatim', params: { text } });

/**
 * A stored sentence in `locale`: its `Text` when the producer kept one, else the English string it stored
 * (reports written before their producer was converted, or by one not converted yet).
 */
export const renderOr = (text: Text | undefined, english: string, locale: Locale): string =>
  text && locale !== 'en' ? render(text, locale) : english;
