// The chat's heads over the agent tools' text, in each language: /pods' count of pods needing a look, /logs' head
// line and the note of a collapsed repeat; English byte for byte what the tool says, the log text never touched.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { parseLogHead } from '../../lib/agent/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { emptyContext, parseCommand, runCommand } from '../../lib/conversation/index.ts';
import type { Locale } from '../../lib/locale/index.ts';

const fixture = readFileSync(join(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');
const handler = createFixtureHandler(loadFixture(fixture));
const reader = new RestClusterReader({ baseUrl: 'http://fixture.invalid', fetch: async (r) => handler(r) });

async function say(text: string, locale: Locale): Promise<string[]> {
  const result = await runCommand(parseCommand(text, locale), {
    reader,
    context: emptyContext(),
    cluster: 'demo',
    now: new Date('2026-11-23T10:00:00Z'),
    locale,
  });
  return result.reply.text.split('\n');
}

it('says how many pods need a look in each language', async () => {
  expect((await say('/pods shop', 'en'))[0]).toMatch(
    /^\d+ pods in shop; \d+ not running\/ready or restarting$/,
  );
  expect((await say('/pods shop', 'zh-TW'))[0]).toMatch(
    /^shop 裡有 \d+ 個 Pod；其中 \d+ 個未執行、未就緒或正在重啟$/,
  );
  expect((await say('/pods shop', 'zh-CN'))[0]).toMatch(
    /^shop 中有 \d+ 个 Pod；其中 \d+ 个未运行、未就绪或正在重启$/,
  );
});

it('says the /logs head in each language and leaves the log text as it is', async () => {
  const [en = '', ...enLog] = await say('/logs payment-7d9f8c6b5d-x7k2p shop --previous', 'en');
  expect(parseLogHead(en)).toMatchObject({
    namespace: 'shop',
    pod: 'payment-7d9f8c6b5d-x7k2p',
    previous: true,
  });
  expect(en).toMatch(/^log of shop\/payment-7d9f8c6b5d-x7k2p \(previous\): \d+ lines?$/);
  const [tw = '', ...twLog] = await say('/logs payment-7d9f8c6b5d-x7k2p shop --previous', 'zh-TW');
  expect(tw).toMatch(/^shop\/payment-7d9f8c6b5d-x7k2p 的上一個實例日誌：\d+ 行$/);
  const [cn = '', ...cnLog] = await say('/logs payment-7d9f8c6b5d-x7k2p shop --previous', 'zh-CN');
  expect(cn).toMatch(/^shop\/payment-7d9f8c6b5d-x7k2p 的上一个实例日志：\d+ 行$/);
  expect(twLog).toEqual(enLog);
  expect(cnLog).toEqual(enLog);
  expect(enLog.join('\n')).toContain('ECONNREFUSED');
});

it('reads back every head the tool writes', () => {
  expect(parseLogHead('log of shop/p-1 container app (previous) grep "refused": 1 lines')).toEqual({
    namespace: 'shop',
    pod: 'p-1',
    container: 'app',
    previous: true,
    grep: 'refused',
    emptyNote: false,
    lines: 1,
  });
  expect(
    parseLogHead('log of shop/p-1 (previous) (current log empty; showing previous instance): 0 lines'),
  ).toEqual({ namespace: 'shop', pod: 'p-1', previous: true, emptyNote: true, lines: 0 });
  expect(parseLogHead('09:57:41 log of everything: 3 lines')).toBeUndefined();
});
