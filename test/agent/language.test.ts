// The agent answers in the chat's language (Traditional Chinese, Simplified Chinese, English), else in LOCALE.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { GeminiFake } from '../../infra/stack/gemini.ts';
import { investigate } from '../../lib/agent/index.ts';
import { detectLocale, messages } from '../../lib/locale/index.ts';
import { crashLoopIncident, startModel } from './support.ts';

let model: Awaited<ReturnType<typeof startModel>>;
let fake: GeminiFake;
beforeAll(async () => {
  model = await startModel();
  fake = model.fake;
});
afterAll(() => fake.close());

test.each([
  ['payment 為什麼一直重啟？', 'zh-TW'],
  ['payment 为什么一直重启？', 'zh-CN'],
  ['請幫我看一下這個錯誤', 'zh-TW'],
  ['请帮我看一下这个错误', 'zh-CN'],
  ['why is payment restarting?', 'en'],
  ['payment-7d9f', undefined],
])('detectLocale(%j) is %s', (text, locale) => {
  expect(detectLocale(text)).toBe(locale);
});

const systemText = () =>
  JSON.stringify(
    (fake.requests().at(-1)?.body as { systemInstruction?: unknown } | undefined)?.systemInstruction,
  );

test('a question in Traditional Chinese is answered in Traditional Chinese, whatever LOCALE says', async () => {
  const { cluster, report } = await crashLoopIncident();
  await investigate({
    llm: model.llm,
    reader: cluster.reader,
    report,
    question: 'payment 為什麼一直重啟？',
    locale: 'en',
  });
  expect(systemText()).toContain('Answer in Traditional Chinese');
});

test('an alert with no question is answered in LOCALE', async () => {
  const { cluster, report } = await crashLoopIncident();
  await investigate({ llm: model.llm, reader: cluster.reader, report, locale: 'zh-CN' });
  expect(systemText()).toContain('Answer in Simplified Chinese');
  await investigate({ llm: model.llm, reader: cluster.reader, report });
  expect(systemText()).toContain('Answer in English');
});

test('the fallback note exists in every language', () => {
  expect(messages['zh-TW'].fallbackNote('429')).toContain('規則診斷');
  expect(messages['zh-CN'].fallbackNote('429')).toContain('规则诊断');
  expect(messages.en.fallbackNote('429')).toContain('rule-based');
});

test('earlier chat turns reach the model as data, newest kept when the history is long', async () => {
  const { cluster, report } = await crashLoopIncident();
  const conversation = [
    ...Array.from({ length: 40 }, (_, index) => ({
      from: 'user' as const,
      text: `old message ${index} ${'x'.repeat(300)}`,
    })),
    { from: 'bot' as const, text: 'payment cannot reach mysql:3306.' },
  ];
  await investigate({ llm: model.llm, reader: cluster.reader, report, question: 'and now?', conversation });
  const prompt = JSON.stringify(
    (fake.requests().at(-1)?.body as { contents?: unknown } | undefined)?.contents,
  );
  expect(prompt).toContain('<data source=\\"chat history\\">');
  expect(prompt).toContain('bot: payment cannot reach mysql:3306.');
  expect(prompt).toContain('old message 39');
  expect(prompt).not.toContain('old message 0 ');
});
