// The catalogue inside workerd, the runtime the Worker deploys to: ICU MessageFormat with Intl's plural rules.
import { describe, expect, it } from 'vitest';
import { t } from '../../lib/i18n/index.ts';

describe('lib/i18n in workerd', () => {
  it('formats plurals and Chinese messages', () => {
    expect(t('en', 'pods.countAnywhere', { count: 1 })).toBe('1 pod in all namespaces');
    expect(t('en', 'pods.countAnywhere', { count: 12 })).toBe('12 pods in all namespaces');
    expect(t('zh-TW', 'action.scale', { object: 'Deployment store/checkout', replicas: 3 })).toBe(
      '將 Deployment store/checkout 擴展到 3 個副本',
    );
    expect(t('zh-CN', 'chat.rateLimited', { limit: 20, seconds: 42 })).toBe(
      '你在一分钟内发了 20 条消息，我大约 42 秒后再回复。',
    );
  });
});
