// Every webhook and the REST chat API under bad input, through the Worker app in process with real signatures:
// random and malformed bodies, broken fields, deep nesting, huge strings → a 4xx (never a 5xx, never a throw);
// over the size cap → 413; and a valid alert in a batch beside malformed ones is still enqueued.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_CHAT_API_BODY } from '../../functions/api/chat.ts';
import { MAX_ALERTMANAGER_BODY } from '../../functions/events/alertmanager.ts';
import { MAX_ARGOCD_BODY } from '../../functions/events/argocd.ts';
import { MAX_LINE_BODY } from '../../functions/events/line.ts';
import { MAX_SLACK_BODY } from '../../functions/events/slack.ts';
import { bodyOfSize, broken, junk } from './bodies.ts';
import { type Harness, type Route, startHarness } from './harness.ts';
import './seed.ts';

let harness: Harness;
beforeAll(async () => {
  // Each route logs what it took or refused; a few thousand lines would bury the test's own output.
  for (const level of ['log', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(() => {});
  harness = await startHarness();
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await harness?.close();
});

const RUNS = { numRuns: 120 };
let serial = 0;

const alert = (n = serial++) => ({
  status: 'firing',
  labels: {
    alertname: 'KubePodCrashLooping',
    namespace: `fuzz-${n}`,
    deployment: 'payment',
    severity: 'warning',
  },
  annotations: { summary: 'Pod is crash looping.' },
  startsAt: '2026-11-23T08:00:00Z',
  fingerprint: n.toString(16).padStart(16, '0'),
});
const envelope = (alerts: unknown[]) => ({
  version: '4',
  groupKey: '{}:{alertname="KubePodCrashLooping"}',
  status: 'firing',
  receiver: 'kube-responder',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager',
  alerts,
});
const now = Date.now();
const lineEvent = {
  type: 'message',
  mode: 'active',
  timestamp: now,
  webhookEventId: '01FUZZEVENT0000000000000000',
  deliveryContext: { isRedelivery: false },
  source: { type: 'user', userId: `U${'0'.repeat(32)}` },
  replyToken: 'rtfuzz',
  message: { id: '1', type: 'text', quoteToken: 'q', text: '/pods shop' },
};
const slackEvent = {
  type: 'event_callback',
  event_id: 'Ev0FUZZ',
  api_app_id: 'A0FAKEAPP',
  authorizations: [{ user_id: 'U0FAKEBOT', is_bot: true }],
  event: {
    type: 'app_mention',
    user: 'U07PERSON1',
    text: '<@U0FAKEBOT> /pods shop',
    ts: '1700000000.000100',
    channel: 'C0FUZZ',
  },
};
const slackPress = {
  type: 'block_actions',
  user: { id: 'U07PERSON1', username: 'ana', team_id: 'T0FAKETEAM' },
  api_app_id: 'A0FAKEAPP',
  container: { type: 'message', message_ts: '1700000100.000300', channel_id: 'C0FUZZ', is_ephemeral: false },
  channel: { id: 'C0FUZZ', name: 'oncall' },
  message: { ts: '1700000100.000300', text: 'Approve?' },
  response_url: 'https://hooks.slack.com/actions/T/1/x',
  actions: [
    { type: 'button', action_id: 'approve', block_id: 'b', value: 'apr-fuzz', action_ts: '1700000101.0' },
  ],
};

/** Per route: a valid body to break, the content type it is sent with, and its size cap. */
const routes: { route: Route; valid: unknown; cap: number; form?: boolean }[] = [
  { route: 'alertmanager', valid: envelope([alert()]), cap: MAX_ALERTMANAGER_BODY },
  {
    route: 'argocd',
    valid: {
      app: 'payment',
      project: 'default',
      cluster: 'demo',
      phase: 'Failed',
      message: 'sync failed',
      resources: [{ kind: 'Deployment', name: 'payment' }],
    },
    cap: MAX_ARGOCD_BODY,
  },
  { route: 'line', valid: { destination: 'Ubot', events: [lineEvent] }, cap: MAX_LINE_BODY },
  { route: 'slack', valid: slackEvent, cap: MAX_SLACK_BODY },
  { route: 'slack', valid: slackPress, cap: MAX_SLACK_BODY, form: true },
  { route: 'chat-api', valid: { session: 'fuzz', text: 'help' }, cap: MAX_CHAT_API_BODY },
];

const send = (route: Route, body: string, form?: boolean) =>
  form
    ? harness.post(route, `payload=${encodeURIComponent(body)}`, 'application/x-www-form-urlencoded')
    : harness.post(route, body);

/** Never a 5xx: a body no retry can mend is the sender's to fix (4xx); a 5xx would make the sender retry it. */
async function answersWithoutServerError(route: Route, body: string, form?: boolean) {
  const response = await send(route, body, form);
  const text = await response.text();
  if (response.status >= 500) throw new Error(`${route} answered ${response.status}: ${text.slice(0, 300)}`);
  return response.status;
}

describe.each(routes)('$route ($cap bytes)', ({ route, valid, cap, form }) => {
  it('answers junk with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(junk, async (body) => {
        const status = await answersWithoutServerError(route, body, form);
        // Slack's url_verification or an unknown event type is acknowledged; everything else here is refused.
        expect(status).toBeGreaterThanOrEqual(route === 'slack' ? 200 : 400);
      }),
      RUNS,
    );
  }, 120_000);

  it('answers a valid body with one field broken without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(broken(valid), async (body) => {
        await answersWithoutServerError(route, body, form);
      }),
      RUNS,
    );
  }, 120_000);

  it('refuses a body past its cap with 413', async () => {
    const response = await send(route, bodyOfSize(cap + 1), form);
    expect(response.status).toBe(413);
  });
});

describe('a batch of alerts', () => {
  it('enqueues its valid alert beside malformed ones, and says which were rejected', async () => {
    const malformed = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      broken(alert(0)).map((text) => JSON.parse(text) as unknown),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(malformed, { minLength: 1, maxLength: 8 }), fc.nat(8), async (others, at) => {
        const valid = alert();
        const index = Math.min(at, others.length);
        const alerts = [...others.slice(0, index), valid, ...others.slice(index)];
        const response = await harness.post('alertmanager', JSON.stringify(envelope(alerts)));
        const answer = (await response.json()) as {
          enqueued: { alerts: number[] }[];
          rejected: { index: number }[];
        };
        expect(response.status).toBe(202);
        expect(answer.enqueued.flatMap((e) => e.alerts)).toContain(index);
        expect(answer.rejected.map((r) => r.index)).not.toContain(index);
      }),
      { numRuns: 100 },
    );
    const queued = harness.qstash
      .messages()
      .filter((m) => (m.body as { kind?: string }).kind === 'diagnose-alert');
    expect(queued.length).toBeGreaterThanOrEqual(100);
  }, 120_000);
});
