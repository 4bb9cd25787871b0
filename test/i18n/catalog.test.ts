// The catalogue is complete: every key in every language, with the same parameters, each one used by product code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogs, messageKeys, t } from '../../lib/i18n/index.ts';
import { locales } from '../../lib/locale/index.ts';
import { untranslated } from '../support/untranslated.ts';

type Element = ReturnType<typeof parse>[number];

/** The arguments a message takes, however deep inside plurals and selects. */
function argumentsOf(elements: Element[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if ('value' in element && typeof element.value === 'string') into.add(element.value);
    if ('options' in element)
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
  }
  return into;
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.endsWith(join('i18n', 'catalog')) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });

describe('message catalogue', () => {
  it('has every key in every language, and no other', () => {
    for (const locale of locales)
      expect(Object.keys(catalogs[locale]).sort()).toEqual([...messageKeys].sort());
  });

  it('asks for the same parameters in every language', () => {
    for (const key of messageKeys) {
      const english = [...argumentsOf(parse(catalogs.en[key], { ignoreTag: true }))].sort();
      for (const locale of locales) {
        const translated = [...argumentsOf(parse(catalogs[locale][key], { ignoreTag: true }))].sort();
        expect(translated, `${locale} ${key}`).toEqual(english);
      }
    }
  });

  it('leaves no Chinese message in English', () => {
    // Names, commands and field paths stay as they are; any other Latin word in a Chinese message is untranslated.
    const withoutArguments = (message: string): string => {
      const inner = message.replace(/\{[^{}]*\}/g, '');
      return inner === message ? message : withoutArguments(inner);
    };
    for (const locale of ['zh-TW', 'zh-CN'] as const)
      for (const key of messageKeys)
        expect(untranslated(withoutArguments(catalogs[locale][key])), `${locale} ${key}`).toBeNull();
  });

  it('uses every key somewhere in the product code', () => {
    const code = [...sourceFiles('lib'), ...sourceFiles('functions')]
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = messageKeys.filter((key) => !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('formats plurals and numbers by Intl', () => {
    expect(t('en', 'pods.countAnywhere', { count: 1 })).toBe('1 pod in all namespaces');
    expect(t('en', 'pods.countAnywhere', { count: 3 })).toBe('3 pods in all namespaces');
    expect(t('zh-TW', 'action.scale', { object: 'Deployment store/checkout', replicas: 3 })).toBe(
      '將 Deployment store/checkout 擴展到 3 個副本',
    );
    expect(t('zh-CN', 'action.scale', { object: 'Deployment store/checkout', replicas: 3 })).toBe(
      '将 Deployment store/checkout 扩容到 3 个副本',
    );
    expect(t('en', 'parse.podsOnly', { command: '/delete' })).toBe(
      '/delete deletes pods only: say /delete pod <name>',
    );
  });
});
