// The first users' flow with no model, against the demo fixture cluster: list, refer back, read the crashed log,
// propose a restart — and nothing is written, and no Secret value reaches any answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import {
  type CommandResult,
  type ConversationContext,
  emptyContext,
  parseCommand,
  runCommand,
} from '../../lib/conversation/index.ts';
import { parseFixture } from '../diagnosis/scenario-file.ts';

const text = readFileSync(join(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');
const now = new Date('2026-11-23T10:00:00Z');

function chat() {
  const methods: string[] = [];
  const handler = createFixtureHandler(loadFixture(text));
  const reader = new RestClusterReader({
    baseUrl: 'http://fixture.invalid',
    fetch: async (request) => {
      methods.push(request.method);
      return handler(request);
    },
  });
  let context: ConversationContext = emptyContext();
  const answers: CommandResult[] = [];
  const say = async (message: string) => {
    const result = await runCommand(parseCommand(message), {
      reader,
      context,
      cluster: 'demo',
      now,
      clusters: ['demo', 'prod'],
    });
    context = result.context;
    answers.push(result);
    return result;
  };
  return { say, methods, answers, context: () => context };
}

describe('chat commands without a model', () => {
  it('/pods, then "that crashing one", then a restart proposal; the cluster is only read', async () => {
    const { say, methods, context } = chat();
    const pods = await say('/pods shop');
    const lines = pods.reply.text.split('\n');
    expect(lines[0]).toBe('6 pods in shop; 4 not running/ready or restarting');
    expect(lines[1]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(pods.reply.text).toMatch(/payment-7d9f8c6b5d-x7k2p\s+0\/1\s+CrashLoopBackOff/);
    // kubectl's columns for a Deployment's pod names: about a phone's 60 characters.
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(64);
    expect(context().namespace).toBe('shop');
    expect(context().lastObjects).toContainEqual({
      kind: 'Pod',
      namespace: 'shop',
      name: 'payment-7d9f8c6b5d-x7k2p',
      status: 'CrashLoopBackOff',
    });

    const logs = await say('/logs that crashing one shop --previous');
    expect(logs.reply.text).toMatch(/^payment has 3 pods; showing payment-7d9f8c6b5d-\w+ \(others: /);
    expect(logs.reply.text).toContain('(previous)');
    expect(logs.reply.text).toContain('ECONNREFUSED');
    expect(context().lastObjects).toHaveLength(1);

    const chinese = await say('看 log 那個 crash 的');
    expect(chinese.reply.text).toContain('ECONNREFUSED');

    const restart = await say('/restart payment shop');
    expect(restart.reply.text).toBe(
      'Proposed: Restart the rollout of Deployment shop/payment (pods are replaced one by one).\nNothing changes until a person approves it.',
    );
    expect(restart.proposal).toMatchObject({
      action: 'restart',
      target: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
    });
    expect(restart.reply.proposal).toEqual(restart.proposal);
    expect(new Set(methods)).toEqual(new Set(['GET']));
  });

  it('"restart it" after reading a pod proposes its Deployment; scale goes through the catalog', async () => {
    const { say } = chat();
    await say('/pods shop');
    await say('看 log 那個 crash 的');
    expect((await say('重啟 it')).proposal?.target).toEqual({
      kind: 'Deployment',
      namespace: 'shop',
      name: 'payment',
    });
    const scale = await say('/scale payment 2');
    expect(scale.reply.text).toContain('Scale Deployment shop/payment to 2 replicas');
    expect(scale.proposal).toMatchObject({ action: 'scale', replicas: 2 });
    const tooMany = await say('/scale payment 20000');
    expect(tooMany.proposal).toBeUndefined();
    expect(tooMany.reply.text).toMatch(/^Cannot propose that: scale: replicas/);
  });

  it('an ambiguous pod is asked about, listing the candidates', async () => {
    const { say } = chat();
    const deleted = await say('/delete pod payment shop');
    expect(deleted.proposal).toBeUndefined();
    expect(deleted.reply.text.split('\n')).toEqual([
      '"payment" could be any of these; which one?',
      expect.stringMatching(/^ {2}shop\/payment-7d9f8c6b5d-\w{5} CrashLoopBackOff$/),
      expect.stringMatching(/^ {2}shop\/payment-7d9f8c6b5d-\w{5} CrashLoopBackOff$/),
      expect.stringMatching(/^ {2}shop\/payment-7d9f8c6b5d-\w{5} CrashLoopBackOff$/),
    ]);
    const one = await say('/delete pod payment-7d9f8c6b5d-x7k2p');
    expect(one.reply.text).toContain('Delete Pod shop/payment-7d9f8c6b5d-x7k2p (its controller replaces it)');
  });

  it('/diagnose answers the summary and root cause and remembers the incident', async () => {
    const { say, context } = chat();
    const result = await say('/diagnose shop');
    expect(result.reply.text).toMatch(/^Diagnosis of shop: 2 findings\n/);
    expect(result.reply.text).toContain('Root cause: DependencyUnreachable Service shop/mysql');
    expect(context().lastIncident).toEqual({
      reportId: result.report?.id,
      object: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
    });
    expect((await say('/restart that crashing one')).proposal?.target.name).toBe('payment');
  });

  it('/describe, /events, /use, /forget, /help and free text', async () => {
    const { say, context } = chat();
    expect((await say('/describe deploy payment shop')).reply.text).toMatch(
      /^Deployment shop\/payment \(age 49d\)/,
    );
    expect((await say('/describe it')).reply.text).toContain('replicas: desired 3');
    expect((await say('/events shop')).reply.text).toMatch(/^5 events, newest first:\n.*Warning BackOff/);
    expect((await say('/use nope')).reply.text).toBe('No namespace "nope" in demo. Namespaces: shop');
    expect((await say('/use prod')).context).toEqual({ cluster: 'prod', lastObjects: [] });
    expect((await say('/forget')).context).toEqual({ lastObjects: [] });
    expect(context()).toEqual({ lastObjects: [] });
    expect((await say('說明')).reply.text).toContain('/scale <deployment> <n> [ns]');
    expect((await say('why is it down?')).reply.text).toMatch(/^I understand these commands: \/pods \/logs/);
    expect((await say('/logs')).reply.text).toMatch(/^\/logs needs a pod name/);
  });

  it('long lists are cut with a count and a hint', async () => {
    const handler = createFixtureHandler(loadFixture(text));
    const reader = new RestClusterReader({ baseUrl: 'http://fixture.invalid', fetch: handler });
    const result = await runCommand(parseCommand('/pods'), {
      reader,
      context: emptyContext(),
      cluster: 'demo',
      limits: { rows: 2 },
    });
    expect(result.reply.text.split('\n').at(-1)).toBe('…and 4 more (narrow with /pods <ns>)');
    expect(result.reply.text.split('\n')[1]).toMatch(/^NAMESPACE\s+NAME/);
  });

  it('no Secret value of the fixture appears in any answer', async () => {
    const { say, answers } = chat();
    for (const message of [
      '/pods shop',
      '/describe secret payment-db shop',
      '/describe deploy payment shop',
      '/describe pod payment-7d9f8c6b5d-x7k2p shop',
      '/logs payment shop --previous',
      '/logs mysql-0 shop',
      '/events',
      '/diagnose shop',
      '/diagnose',
    ])
      await say(message);
    const secrets = parseFixture(text).secretValues;
    expect(secrets.length).toBeGreaterThan(0);
    const all = JSON.stringify(answers.map((answer) => answer.reply));
    for (const value of secrets) expect(all).not.toContain(value);
    expect(answers[1]?.reply.text).toContain('keys: username, password');
  });
});
