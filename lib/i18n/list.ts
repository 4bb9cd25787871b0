// A list said in the reader's language: items joined two at a time by a message of `{first}` and `{second}`
// ("cpu and memory", "a、b、c"), as nested Texts, so the English reads as the old `join(' and ')` did.
import type { Text } from './index.ts';
import type { MessageKey } from './keys.ts';

export type ListItem = string | Text;

export function listText(key: MessageKey, items: ListItem[]): ListItem {
  const [first, ...rest] = items;
  if (first === undefined) return '';
  return rest.length === 0 ? first : { key, params: { first, second: listText(key, rest) } };
}
