// The health-report job on a fixture cluster: two problems, then the same cluster with one fixed → the second
// digest lists one resolved and one ongoing with how long it has lasted; the same slot twice → one digest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { type ChatMessage, type DigestMessage, digestLines, toLine, toSlack } from '../../lib/chat/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { type HealthReportJob, type JobDeps, runHealthReportJob } from '../../lib/jobs/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';

const scenario = (name: string) =>
  readFileSync(join(import.meta.dirname, `../fixtures/scenarios/${name}.yaml`), 'utf8')
    .split(/^---$/m)
    .slice(1)
    .join('---');

const tlsSecret = (name: string, notAfter: string) => `
---
apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  namespace: shop
  annotations:
    kube-responder.dev/tls-not-after: "${notAfter}"
    kube-responder.dev/tls-subject: "CN=${name}.example.com"
type: kubernetes.io/tls
data: {}
`;

function fixture(now: string, scenarios: string[]): string {
  return `apiVersion: fixture.kube-responder.dev/v1
kind: Fixture
now: "${now}"
---
apiVersion: v1
kind: Node
metadata: { name: node-1 }
status: { conditions: [{ type: Ready, status: "True" }] }
---${scenarios.map(scenario).join('---')}${tlsSecret('shop-tls', '2026-11-30T00:00:00Z')}${tlsSecret('far-tls', '2027-11-30T00:00:00Z')}`;
}

function job(date: string): HealthReportJob {
  return {
    v: 1,
    kind: 'health-report',
    id: `report:prod:${date}T0900`,
    createdAt: `${date}T01:00:00Z`,
    cluster: 'prod',
    replyTo: [
      { channel: 'slack', to: 'C-HEALTH' },
      { channel: 'line', to: 'U-HEALTH' },
    ],
    slot: { date, time: '0900', timezone: 'Asia/Taipei' },
    quiet: false,
  };
}

function deps(store: ReturnType<typeof stores>) {
  let cluster = '';
  const said: { to: string; message: ChatMessage }[] = [];
  const value: JobDeps = {
    ...store,
    readerFor: () => {
      const handler = createFixtureHandler(loadFixture(cluster));
      return new RestClusterReader({
        baseUrl: 'http://fixture.invalid',
        fetch: (request) => handler(request),
      });
    },
    deliver: async () => undefined,
    async say(target, message) {
      said.push({ to: `${target.channel}:${target.to}`, message });
      return undefined;
    },
  };
  return { value, said, serve: (text: string) => (cluster = text) };
}

const digestOf = (message: ChatMessage | undefined) => {
  if (message?.type !== 'digest') throw new Error(`expected a digest, got ${message?.type}`);
  return message as DigestMessage;
};

describe('the health-report job', () => {
  it('second digest: one resolved, one ongoing with its duration; the same slot twice sends one', async () => {
    const store = stores(new MemoryKv());
    const { value, said, serve } = deps(store);

    serve(fixture('2026-11-23T01:00:00Z', ['image-pull-bad-tag', 'pvc-pending-provisioning-failed']));
    const first = await runHealthReportJob(job('2026-11-23'), value);
    expect(first).toMatchObject({
      status: 'done',
      delivered: ['slack:C-HEALTH', 'line:U-HEALTH'],
      allClear: false,
    });
    expect(said).toHaveLength(2);
    const one = digestOf(said[0]?.message);
    expect(one.newProblems.items.map((item) => item.code).sort()).toEqual(['ImagePullFailure', 'PVCPending']);
    expect(one.newProblems.items.find((item) => item.code === 'ImagePullFailure')?.rootCause).toMatch(
      /^BadImageReference/,
    );
    expect(one.ongoing.items).toEqual([]);
    expect(one.figures).toContainEqual({ label: 'Nodes ready', value: '1/1' });
    expect(one.figures).toContainEqual({ label: 'PVCs pending', value: '1' });
    expect(one.figures).toContainEqual({ label: 'Certs ≤14d', value: '1 (shop/shop-tls in 6d)' });
    // Stored as a `cron` Report for the report page, under the id the footer names.
    const stored = await store.reports.get(one.reportId);
    expect(stored?.source).toBe('cron');
    expect(one.footer).toMatch(new RegExp(`^report ${one.reportId}`));

    // The same slot again (a double fire, a retried cron): nothing more is sent.
    expect(await runHealthReportJob(job('2026-11-23'), value)).toEqual({ status: 'duplicate' });
    expect(said).toHaveLength(2);

    // The next day the PVC is bound (its scenario gone); the image still cannot be pulled.
    serve(fixture('2026-11-24T03:30:00Z', ['image-pull-bad-tag']));
    await runHealthReportJob(job('2026-11-24'), value);
    expect(said).toHaveLength(4);
    const two = digestOf(said[2]?.message);
    expect(two.newProblems.items).toEqual([]);
    expect(two.ongoing.items.map((item) => [item.code, item.lasted])).toEqual([
      ['ImagePullFailure', '1d 2h'],
    ]);
    expect(two.resolved.items.map((item) => item.code)).toEqual(['PVCPending']);

    const slack = toSlack(two);
    expect(slack.blocks[0].text.text).toBe('Health report — prod · 2026-11-24 09:00 Asia/Taipei');
    expect(JSON.stringify(slack.blocks)).toContain('Ongoing (1)');
    const line = toLine(digestOf(said[3]?.message));
    expect(line).toHaveLength(1);
    console.log(`digest 1 (text):\n${digestLines(one).join('\n')}`);
    console.log(`digest 2 (text):\n${digestLines(two).join('\n')}`);
    console.log(`digest 2 (LINE):\n${(line[0] as { text: string }).text}`);
  });

  it('all clear is one line, and nothing at all with REPORT_QUIET', async () => {
    const store = stores(new MemoryKv());
    const { value, said, serve } = deps(store);
    serve(`apiVersion: fixture.kube-responder.dev/v1
kind: Fixture
now: "2026-11-23T01:00:00Z"
---
apiVersion: v1
kind: Node
metadata: { name: node-1 }
status: { conditions: [{ type: Ready, status: "True" }] }
`);
    await runHealthReportJob(job('2026-11-23'), value);
    const clear = digestOf(said[0]?.message);
    expect(clear.allClear).toBe(true);
    expect(digestLines(clear)).toEqual([
      `🟢 prod: all clear (1/1 nodes ready) · 2026-11-23 09:00 Asia/Taipei · report ${clear.reportId}`,
    ]);
    expect(toSlack(clear).blocks).toHaveLength(1);
    const quiet = await runHealthReportJob({ ...job('2026-11-24'), quiet: true }, value);
    expect(quiet).toMatchObject({ status: 'done', delivered: [], allClear: true });
    expect(said).toHaveLength(2);
  });
});
