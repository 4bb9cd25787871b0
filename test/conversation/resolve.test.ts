// The reference resolver: "it", "that crashing one", "那個 crash 的", kind words and partial names resolve against
// what the conversation remembers; several pods of one workload answer the workload; otherwise it asks.
import { describe, expect, it } from 'vitest';
import {
  type ConversationContext,
  resolveReference,
  ConversationContext as Schema,
} from '../../lib/conversation/index.ts';

const pod = (name: string, status: string, namespace = 'shop') => ({ kind: 'Pod', namespace, name, status });
const listed: ConversationContext = {
  namespace: 'shop',
  lastObjects: [
    pod('payment-7d9f8c6b5d-x7k2p', 'CrashLoopBackOff'),
    pod('checkout-5c8d7f9b4-2xq8n', 'Running'),
    pod('checkout-5c8d7f9b4-m7h4k', 'Running'),
    pod('mysql-0', 'Pending'),
    { kind: 'Deployment', namespace: 'shop', name: 'checkout', status: '2/2' },
  ],
};

describe('resolveReference', () => {
  it('"that crashing one" and "那個 crash 的" are the one crash-looping object', () => {
    const payment = { object: listed.lastObjects[0] };
    expect(resolveReference('that crashing one', listed)).toEqual(payment);
    expect(resolveReference('那個 crash 的', listed)).toEqual(payment);
    expect(resolveReference('the failing pod', listed)).toEqual({
      ambiguous: [listed.lastObjects[0], listed.lastObjects[3]],
    });
    expect(resolveReference('the pending one', listed)).toEqual({ object: listed.lastObjects[3] });
  });

  it('"it" is the one object last mentioned, and asks when several were listed', () => {
    const one = { lastObjects: [listed.lastObjects[3]!] } as ConversationContext;
    expect(resolveReference('it', one)).toEqual({ object: listed.lastObjects[3] });
    expect(resolveReference('it', listed)).toMatchObject({
      ambiguous: expect.arrayContaining(listed.lastObjects),
    });
  });

  it('"it" falls back to the last incident when nothing is remembered', () => {
    const context: ConversationContext = {
      lastObjects: [],
      lastIncident: { reportId: 'kr-1', object: { kind: 'Deployment', namespace: 'shop', name: 'payment' } },
    };
    expect(resolveReference('it', context)).toEqual({
      object: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
    });
    expect(resolveReference('it', context, { kinds: ['Pod'] })).toEqual({ missing: 'it' });
  });

  it('a partial name is the one object whose name starts with it; an exact name wins', () => {
    expect(resolveReference('pay', listed)).toEqual({ object: listed.lastObjects[0] });
    expect(resolveReference('checkout', listed)).toEqual({ object: listed.lastObjects[4] });
    expect(resolveReference('checkout-5c8d7f9b4-m', listed)).toEqual({ object: listed.lastObjects[2] });
    expect(resolveReference('the pod mysql', listed)).toEqual({ object: listed.lastObjects[3] });
  });

  it('pods of one workload answer that workload with its pods (as kubectl logs deploy/x picks from)', () => {
    expect(resolveReference('checkout', listed, { kinds: ['Pod'] })).toEqual({
      object: { kind: 'Deployment', namespace: 'shop', name: 'checkout' },
      pods: [listed.lastObjects[1], listed.lastObjects[2]],
    });
    // A restart wants a Deployment: the crashing pod's name says which.
    expect(resolveReference('that crashing one', listed, { kinds: ['Deployment'] })).toEqual({
      object: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
      pods: [listed.lastObjects[0]],
    });
  });

  it('ambiguous references list the candidates; nothing matching says what was looked for', () => {
    const two: ConversationContext = {
      lastObjects: [pod('api-7d9f8c6b5d-aaaaa', 'CrashLoopBackOff'), pod('worker-6c9b7d5f8d-bbbbb', 'Error')],
    };
    expect(resolveReference('that crashing one', two)).toEqual({ ambiguous: two.lastObjects });
    expect(resolveReference('gateway', listed)).toEqual({ missing: 'gateway' });
    expect(resolveReference('it', { lastObjects: [] })).toEqual({ missing: 'it' });
  });

  it('resolves against given objects instead of the remembered ones', () => {
    expect(resolveReference('mysql', { lastObjects: [] }, { objects: [pod('mysql-0', 'Running')] })).toEqual({
      object: pod('mysql-0', 'Running'),
    });
  });

  it('the context schema keeps at most 20 remembered objects', () => {
    const many = Array.from({ length: 30 }, (_, index) => pod(`web-${index}`, 'Running'));
    expect(Schema.parse({ lastObjects: many }).lastObjects).toHaveLength(20);
    expect(Schema.parse({})).toEqual({ lastObjects: [] });
  });
});
