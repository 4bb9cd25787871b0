// The catalogue's vocabulary: the English catalogue's keys are the list every other catalogue must match.
import type { en } from './catalog/en.ts';

export type MessageKey = keyof typeof en;
/** A complete catalogue: one ICU MessageFormat message per key. */
export type Catalog = Record<MessageKey, string>;
