// Which language a message is said in: /lang, then the profile, then what was written, then the chat's setting,
// then LOCALE; and /lang is remembered with the conversation.
import { describe, expect, it } from 'vitest';
import { ChatTarget } from '../../lib/chat/index.ts';
import type { ClusterReader } from '../../lib/cluster/index.ts';
import { emptyContext, parseCommand, runCommand } from '../../lib/conversation/index.ts';
import { answerLocale, localeOfTag } from '../../lib/locale/index.ts';

describe('the language of a message', () => {
  it('takes the first source that names one of ours', () => {
    expect(
      answerLocale({ chosen: 'zh-CN', profile: 'zh-TW', text: '這個 pod 怎麼了', destination: 'en' }),
    ).toBe('zh-CN');
    expect(answerLocale({ profile: 'zh-Hant-TW', text: 'what is wrong with it', destination: 'en' })).toBe(
      'zh-TW',
    );
    expect(answerLocale({ profile: 'ja', text: '这个 pod 怎么了' })).toBe('zh-CN');
    expect(answerLocale({ text: 'payment', destination: 'zh-TW', configured: 'en' })).toBe('zh-TW');
    expect(answerLocale({ configured: 'zh-CN' })).toBe('zh-CN');
    expect(answerLocale({ configured: 'fr' })).toBe('en');
  });

  it('reads LINE and Slack language tags', () => {
    expect(localeOfTag('en-US')).toBe('en');
    expect(localeOfTag('zh-TW')).toBe('zh-TW');
    expect(localeOfTag('zh_HK')).toBe('zh-TW');
    expect(localeOfTag('zh-Hans')).toBe('zh-CN');
    expect(localeOfTag('zh')).toBe('zh-CN');
    expect(localeOfTag('ko-KR')).toBeUndefined();
  });

  it('a chat target may carry its language', () => {
    expect(ChatTarget.parse('line:C0123?lang=zh-TW')).toEqual({
      channel: 'line',
      to: 'C0123',
      lang: 'zh-TW',
    });
    expect(ChatTarget.parse('slack:C0123')).toEqual({ channel: 'slack', to: 'C0123' });
    expect(ChatTarget.safeParse('slack:C0123?lang=fr').success).toBe(false);
  });

  it('/lang is remembered and answered in the language chosen; a wrong one is explained', async () => {
    const reader = {} as ClusterReader;
    const parsed = parseCommand('/lang zh-TW');
    expect(parsed).toEqual({ command: 'lang', args: { locale: 'zh-TW' } });
    const result = await runCommand(parsed, { reader, context: emptyContext(), cluster: 'prod' });
    expect(result.context.locale).toBe('zh-TW');
    expect(result.reply.text).toBe('之後我會用繁體中文回覆。');
    expect(parseCommand('/lang 简体')).toEqual({ command: 'lang', args: { locale: 'zh-CN' } });
    expect(parseCommand('/lang fr', 'zh-TW')).toEqual({
      command: 'lang',
      error: '/lang 請指定其中一種：en, zh-TW, zh-CN\n用法：/lang en | zh-TW | zh-CN，例如 /lang zh-TW',
    });
    const forgot = await runCommand(parseCommand('/forget'), {
      reader,
      context: result.context,
      cluster: 'prod',
      locale: 'zh-TW',
    });
    expect(forgot.context.locale).toBe('zh-TW');
    expect(forgot.reply.text).toBe('已清除：不再記得叢集、命名空間或任何物件。');
  });

  it('/help in Chinese lists the commands with their usage untranslated', async () => {
    const help = await runCommand(parseCommand('說明'), {
      reader: {} as ClusterReader,
      context: emptyContext(),
      cluster: 'prod',
      locale: 'zh-TW',
    });
    expect(help.reply.text.split('\n').slice(0, 3)).toEqual([
      '指令（開頭的 / 可省略）：',
      '/pods [ns]',
      '  列出 Pod，有問題的排前面',
    ]);
  });
});
