// Backpressure per cluster: each job is published under a flow-control key of its kind and cluster, so a storm on
// one cluster queues behind itself, at QSTASH_PARALLELISM, and never in front of another cluster's jobs.
import type { Client } from '@upstash/qstash';
import { expect, it } from 'vitest';
import { flowControlKey, QStashQueue } from '../../lib/queue/index.ts';

it('publishes each job under its kind and cluster, in the key alphabet QStash takes', async () => {
  const sent: unknown[] = [];
  const client = {
    async publishJSON(request: unknown) {
      sent.push(request);
      return { messageId: `m${sent.length}` };
    },
  } as unknown as Client;
  const queue = new QStashQueue({ client, workerUrl: 'https://kr.example', parallelism: 3 });
  await queue.publish({ kind: 'diagnose-alert', id: 'am-1', cluster: 'prod' });
  await queue.publish({ kind: 'incident-update', id: 'iu-1', cluster: 'eu west/2' });
  expect(sent.map((r) => (r as { flowControl: unknown }).flowControl)).toEqual([
    { key: 'kr-diagnose-alert-prod', parallelism: 3 },
    { key: 'kr-incident-update-eu_west_2', parallelism: 3 },
  ]);
  expect(flowControlKey({ kind: 'chat-turn' })).toBe('kr-chat-turn');
});
