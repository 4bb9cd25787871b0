// Languages the bot answers in, how to tell them from a chat message, and the agent's fixed sentences in each.

export const locales = ['en', 'zh-TW', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/** How the model is told which language to answer in. */
export const languageName: Record<Locale, string> = {
  en: 'English',
  'zh-TW': 'Traditional Chinese as used in Taiwan (繁體中文)',
  'zh-CN': 'Simplified Chinese (简体中文)',
};

// Characters common in everyday and ops text whose traditional and simplified forms differ.
const traditionalOnly =
  '這個們為來會時說對過還點嗎麼後開關題問發現應該務與實際錯誤執據連線體處啟動擴縮刪除滾線記憶態狀況節點設運載網絡請報';
const simplifiedOnly =
  '这个们为来会时说对过还点吗么后开关题问发现应该务与实际错误执据连线体处启动扩缩删除滚线记忆态状况节点设运载网络请报';

/**
 * The language of a chat message: Chinese when it holds Han characters, Traditional or Simplified by which
 * distinct forms it uses; undefined when there is nothing to tell (e.g. only a pod name).
 */
export function detectLocale(text: string): Locale | undefined {
  const han = text.match(/\p{Script=Han}/gu) ?? [];
  // English needs a phrase: a lone name such as a pod's says nothing about the language.
  if (han.length === 0) return /\b[a-z]{2,}\b[^a-z]+\b[a-z]{2,}\b/i.test(text) ? 'en' : undefined;
  let traditional = 0;
  let simplified = 0;
  for (const char of han) {
    if (traditionalOnly.includes(char) && !simplifiedOnly.includes(char)) traditional++;
    else if (simplifiedOnly.includes(char) && !traditionalOnly.includes(char)) simplified++;
  }
  if (traditional === simplified) return 'zh-TW';
  return traditional > simplified ? 'zh-TW' : 'zh-CN';
}

type Catalog = {
  fallbackNote: (reason: string) => string;
  approvalNote: string;
};

/** The agent's own sentences (the rule-based report's templates live with the renderers). */
export const messages: Record<Locale, Catalog> = {
  en: {
    fallbackNote: (reason) => `AI analysis unavailable (${reason}); showing the rule-based diagnosis.`,
    approvalNote: 'Proposed actions run only after a person approves them.',
  },
  'zh-TW': {
    fallbackNote: (reason) => `AI 分析暫時無法使用（${reason}），以下為規則診斷結果。`,
    approvalNote: '建議的操作需經人員核准後才會執行。',
  },
  'zh-CN': {
    fallbackNote: (reason) => `AI 分析暂时无法使用（${reason}），以下为规则诊断结果。`,
    approvalNote: '建议的操作需经人员批准后才会执行。',
  },
};

export { answerLocale, type LocaleSources, localeOfTag } from './choose.ts';
