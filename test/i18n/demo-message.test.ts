// The demo's alert report in each language matches its reviewed text (test/i18n/__snapshots__/demo-<lang>.txt, checked
// in by hand, never written by the test): the fixed words from the catalogue, names, codes and commands as they are.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../../lib/locale/index.ts';
import { demoMessages, demoText } from './demo-message.ts';

const reviewed = (lang: string) =>
  readFileSync(resolve(import.meta.dirname, '__snapshots__', `demo-${lang}.txt`), 'utf8');

describe("the demo's message in every language", () => {
  it('reads as reviewed, in en, zh-TW and zh-CN', async () => {
    const messages = await demoMessages();
    for (const lang of locales) {
      const text = demoText(messages[lang]);
      // Printed for the note (and to review a changed snapshot before copying it in).
      console.log(`--- demo-${lang}.txt\n${text}`);
      expect(`${text}\n`, `test/i18n/__snapshots__/demo-${lang}.txt`).toBe(reviewed(lang));
    }
  });

  it('says the same report in each: one title, the same names, codes and commands', async () => {
    const messages = await demoMessages();
    const [en, ...chinese] = locales.map((lang) => messages[lang]);
    for (const message of chinese) {
      expect(message?.title).toBe(en?.title);
      expect(message?.rootCause?.code).toBe(en?.rootCause?.code);
      expect(message?.reportId).toBe(en?.reportId);
    }
    expect(messages['zh-TW'].fields.map((field) => field.label)).toEqual([
      '嚴重程度',
      '叢集',
      '命名空間',
      '工作負載',
    ]);
    expect(messages['zh-CN'].fields[0]).toEqual({ label: '严重程度', value: '严重' });
    expect(messages['zh-TW'].rootCause?.detail).toContain('Service shop/mysql（沒有就緒的端點）');
  });
});
