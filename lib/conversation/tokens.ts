// A CJK-aware token estimate for budgeting text before a model has counted it: a Han, Kana or Hangul character
// (and CJK punctuation) is about one token, other text about four characters a token. The plain chars/4 estimate
// undercounts Chinese by up to four times, which is what most of this bot's users write.
const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

const isCjk = (char: string) => CJK.test(char);

export function countTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const char of text) {
    if (isCjk(char)) cjk += 1;
    else other += 1;
  }
  return cjk + Math.ceil(other / 4);
}

/** The head of `text` within `maxTokens` (an ellipsis marks the cut); `text` itself when it fits. */
export function headWithin(text: string, maxTokens: number): string {
  if (countTokens(text) <= maxTokens) return text;
  const room = Math.max(0, maxTokens - 1); // the ellipsis
  let cjk = 0;
  let other = 0;
  let end = 0;
  for (const char of text) {
    const nextCjk = cjk + (isCjk(char) ? 1 : 0);
    const nextOther = other + (isCjk(char) ? 0 : 1);
    if (nextCjk + Math.ceil(nextOther / 4) > room) break;
    cjk = nextCjk;
    other = nextOther;
    end += char.length;
  }
  return `${text.slice(0, end)}…`;
}
