// The ingest options the ingest tests share: one cluster, one Slack target, a 10-minute window, a fixed clock.
import type { IngestOptions } from '../../lib/events/index.ts';
import { incidentStore, MemoryKv } from '../../lib/store/index.ts';

export const ingestOptions = (
  queue: IngestOptions['queue'],
  incidents: IngestOptions['incidents'] = incidentStore(new MemoryKv()),
): IngestOptions => ({
  queue,
  incidents,
  defaultCluster: 'prod',
  replyTo: [{ channel: 'slack', to: 'C1' }],
  incidentWindowSeconds: 600,
  now: new Date('2026-11-23T08:00:05Z'),
});
