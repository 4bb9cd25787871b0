// Clipping to a chat's limit keeps every grapheme whole: Chinese, surrogate pairs, ZWJ emoji, combining marks, flags.
import { expect, it } from 'vitest';
import { clipUnits } from '../../lib/chat/index.ts';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (text: string) => [...segmenter.segment(text)].map(({ segment }) => segment);

it('leaves text within the limit as it is', () => {
  expect(clipUnits('重啟 Deployment store/checkout', 100)).toBe('重啟 Deployment store/checkout');
});

it('cuts Chinese by UTF-16 units with an ellipsis inside the limit', () => {
  const clipped = clipUnits('無法連線到 Service mysql:3306（拒絕連線）', 10);
  expect(clipped).toBe('無法連線到 Ser…');
  expect(clipped.length).toBeLessThanOrEqual(10);
});

it('never splits a ZWJ emoji, a combining mark, a surrogate pair or a flag', () => {
  const cases = [
    '部署 👩‍💻👩‍💻👩‍💻 完成', // ZWJ sequences: 5 units each
    'cafe\u0301 cafe\u0301 cafe\u0301', // e + combining acute
    '𠮷野家 𠮷野家 𠮷野家', // a character outside the BMP
    '🇹🇼🇹🇼🇹🇼🇹🇼', // regional indicator pairs
  ];
  for (const text of cases)
    for (let max = 1; max <= text.length; max++) {
      const clipped = clipUnits(text, max);
      expect(clipped.length, `${text} at ${max}`).toBeLessThanOrEqual(max);
      const kept = graphemes(clipped.endsWith('…') ? clipped.slice(0, -1) : clipped);
      // Every grapheme kept is one of the original's, in order: none was cut in half.
      expect(graphemes(text).slice(0, kept.length), `${text} at ${max}`).toEqual(kept);
    }
});
