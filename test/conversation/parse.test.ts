// The chat command parser: every command by name and alias, with and without a slash, in Chinese, through Slack's
// mention and full-width forms, and errors that say what is wrong.
import { describe, expect, it } from 'vitest';
import { commands, parseCommand } from '../../lib/conversation/index.ts';

describe('parseCommand', () => {
  it.each([
    ['/pods shop', 'pods', { namespace: 'shop' }],
    ['/pods', 'pods', {}],
    ['/logs payment shop --previous', 'logs', { target: 'payment', namespace: 'shop', previous: true }],
    [
      '/logs payment --grep ECONNREFUSED -n shop',
      'logs',
      { target: 'payment', namespace: 'shop', grep: 'ECONNREFUSED' },
    ],
    ['/logs payment --grep "connect ECONN.*"', 'logs', { target: 'payment', grep: 'connect ECONN.*' }],
    ['/describe deploy payment shop', 'describe', { kind: 'deploy', target: 'payment', namespace: 'shop' }],
    ['/describe deploy/payment', 'describe', { target: 'deploy/payment' }],
    ['/describe it', 'describe', { target: 'it' }],
    ['/events shop', 'events', { namespace: 'shop' }],
    ['/diagnose', 'diagnose', {}],
    ['/diagnose shop', 'diagnose', { namespace: 'shop' }],
    ['/diagnose deploy/payment shop', 'diagnose', { target: 'deploy/payment', namespace: 'shop' }],
    ['/restart payment shop', 'restart', { target: 'payment', namespace: 'shop' }],
    ['/scale checkout 3 store', 'scale', { target: 'checkout', replicas: 3, namespace: 'store' }],
    ['/scale checkout to 0', 'scale', { target: 'checkout', replicas: 0 }],
    [
      '/delete pod payment-7d9f8c6b5d-x7k2p shop',
      'delete',
      { target: 'payment-7d9f8c6b5d-x7k2p', namespace: 'shop' },
    ],
    ['/use prod', 'use', { name: 'prod' }],
    ['/use cluster prod', 'use', { name: 'prod', use: 'cluster' }],
    ['/use ns shop', 'use', { name: 'shop', use: 'namespace' }],
    ['/forget', 'forget', {}],
    ['/help', 'help', {}],
  ])('%s', (text, command, args) => {
    expect(parseCommand(text)).toEqual({ command, args });
  });

  it('accepts every command without the slash', () => {
    for (const command of commands)
      expect(parseCommand(command.example.slice(1))).toEqual(parseCommand(command.example));
    expect(parseCommand('pods shop')).toEqual({ command: 'pods', args: { namespace: 'shop' } });
  });

  it('understands the Chinese names, spaced or not', () => {
    expect(parseCommand('列出 pods shop')).toEqual({ command: 'pods', args: { namespace: 'shop' } });
    expect(parseCommand('列出 shop')).toEqual({ command: 'pods', args: { namespace: 'shop' } });
    expect(parseCommand('看 log 那個 crash 的')).toEqual({
      command: 'logs',
      args: { target: '那個 crash 的' },
    });
    expect(parseCommand('看log那個crash的')).toEqual({ command: 'logs', args: { target: '那個 crash 的' } });
    expect(parseCommand('重啟 api-gateway')).toEqual({ command: 'restart', args: { target: 'api-gateway' } });
    expect(parseCommand('重启api-gateway production')).toEqual({
      command: 'restart',
      args: { target: 'api-gateway', namespace: 'production' },
    });
    expect(parseCommand('擴展 checkout 5')).toEqual({
      command: 'scale',
      args: { target: 'checkout', replicas: 5 },
    });
    expect(parseCommand('删除 pod web-0 shop')).toEqual({
      command: 'delete',
      args: { target: 'web-0', namespace: 'shop' },
    });
    expect(parseCommand('查看 deploy payment')).toEqual({
      command: 'describe',
      args: { kind: 'deploy', target: 'payment' },
    });
    expect(parseCommand('說明')).toEqual({ command: 'help', args: {} });
    expect(parseCommand('帮助')).toEqual({ command: 'help', args: {} });
    expect(parseCommand('診斷 shop')).toEqual({ command: 'diagnose', args: { namespace: 'shop' } });
  });

  it('takes reference words as the target and the word after as the namespace', () => {
    expect(parseCommand('/logs that crashing one shop --previous')).toEqual({
      command: 'logs',
      args: { target: 'that crashing one', namespace: 'shop', previous: true },
    });
    expect(parseCommand('/restart it')).toEqual({ command: 'restart', args: { target: 'it' } });
    expect(parseCommand('/describe the pod checkout shop')).toEqual({
      command: 'describe',
      args: { target: 'the pod checkout', namespace: 'shop' },
    });
  });

  it("strips Slack's mention of the bot and folds full-width forms", () => {
    expect(parseCommand('<@U0KRBOT> /pods shop')).toEqual({ command: 'pods', args: { namespace: 'shop' } });
    expect(parseCommand('<@U0KRBOT|kr>: restart payment')).toEqual({
      command: 'restart',
      args: { target: 'payment' },
    });
    expect(parseCommand('／pods　shop')).toEqual({ command: 'pods', args: { namespace: 'shop' } });
    expect(parseCommand('／重啟　payment')).toEqual({ command: 'restart', args: { target: 'payment' } });
  });

  it('says what is wrong, with the usage and an example', () => {
    const scale = parseCommand('/scale checkout');
    expect(scale).toMatchObject({ command: 'scale' });
    expect('error' in scale && scale.error).toBe(
      '/scale needs a number of replicas\nusage: /scale <deployment> <n> [ns], e.g. /scale checkout 3 store',
    );
    expect(parseCommand('/scale checkout three')).toMatchObject({
      error: expect.stringContaining('number of replicas'),
    });
    expect(parseCommand('/logs')).toMatchObject({
      command: 'logs',
      error: expect.stringContaining('/logs needs a pod name'),
    });
    expect(parseCommand('/restart')).toMatchObject({
      error: expect.stringContaining('/restart needs a deployment name'),
    });
    expect(parseCommand('/delete payment')).toMatchObject({
      error: expect.stringContaining('/delete deletes pods only'),
    });
    expect(parseCommand('/pods Shop_1')).toMatchObject({
      error: expect.stringContaining('"Shop_1" is not a namespace'),
    });
    expect(parseCommand('/logs p --grep "("')).toMatchObject({
      error: expect.stringContaining('not a valid pattern'),
    });
    expect(parseCommand('/use')).toMatchObject({
      error: expect.stringContaining('cluster or namespace name'),
    });
    expect(parseCommand('/restart payment shop now please')).toMatchObject({
      error: expect.stringContaining('did not understand "now please"'),
    });
  });

  it('leaves free text for the agent, noting a command it began like', () => {
    expect(parseCommand('why is checkout slow?')).toEqual({ unknown: 'why is checkout slow?' });
    expect(parseCommand('production 裡面有什麼?')).toEqual({ unknown: 'production 裡面有什麼?' });
    const sentence = parseCommand('restart is what fixed it last time, right?');
    expect(sentence).toMatchObject({
      unknown: 'restart is what fixed it last time, right?',
      near: { command: 'restart' },
    });
    expect(parseCommand('/nonsense')).toEqual({ unknown: '/nonsense' });
  });
});
