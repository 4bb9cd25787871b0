// The canary corpus (test/fixtures/canaries) through the whole stack: Secret values echoed in a log, an Event,
// a termination message, annotations and a ConfigMap, and a canary in every credential place, each in every
// encoding. An alert is diagnosed end to end; no canary form may reach Slack, Redis, the model's requests or the
// Worker's log, nor the CLI's output (`--fixture` and `--kubeconfig`, which do not go through the proxy). The
// chat reads the same corpus from LINE, Slack and the REST API (logs, describe, events, free text to the model):
// nothing reaches the LINE fake, the Slack fake, the API's answers or the conversations' memory either.
// The report page is not built yet, so it is not checked here.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import {
  alertPayload,
  fixtureText,
  leaks,
  PLANTED,
  POD,
  SECRET_VALUES,
} from '../fixtures/canaries/canaries.ts';
import {
  lineTextEvent,
  lineWebhook,
  postLine,
  postSlack,
  slackEventDelivery,
} from '../support/chat-webhooks.ts';
import { eventually, slackPosts } from '../support/messages.ts';

const root = join(import.meta.dirname, '../..');
const fixturePath = join(root, 'test/fixtures/canaries/secret-values.yaml');
const run = promisify(execFile);

let stack: Stack;

const chatApiToken = 'chat-api-token-canary-run-3e1';

beforeAll(async () => {
  stack = await startStack({ fixturePath, workerVars: { CHAT_API_TOKEN: chatApiToken } });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function redis(command: (string | number)[]): Promise<unknown> {
  const response = await fetch(stack.info.redis, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.info.secrets.redisToken}` },
    body: JSON.stringify(command),
  });
  return ((await response.json()) as { result: unknown }).result;
}

/** Every kr:* key with its value, whatever its type. */
async function redisDump(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of (await redis(['KEYS', 'kr:*'])) as string[]) {
    const type = (await redis(['TYPE', key])) as string;
    const read: Record<string, (string | number)[]> = {
      string: ['GET', key],
      list: ['LRANGE', key, 0, -1],
      hash: ['HGETALL', key],
      set: ['SMEMBERS', key],
      zset: ['ZRANGE', key, 0, -1],
    };
    out[key] = JSON.stringify(read[type] ? await redis(read[type]) : type);
  }
  return out;
}

async function workerLog(): Promise<string> {
  const texts = [await readFile(join(stack.dir, 'wrangler.log'), 'utf8')];
  const dir = join(stack.dir, 'wrangler-logs');
  for (const name of await readdir(dir).catch(() => [] as string[]))
    texts.push(await readFile(join(dir, name), 'utf8'));
  return texts.join('\n');
}

/** The model reads everything a tool can show it of the corpus before it answers (from the prompt). */
async function scriptModelToReadEverything() {
  const calls = [
    { name: 'get_logs', args: { namespace: 'shop', pod: POD, previous: true } },
    { name: 'describe_object', args: { kind: 'Pod', namespace: 'shop', name: POD } },
    { name: 'describe_object', args: { kind: 'Deployment', namespace: 'shop', name: 'payment' } },
    { name: 'describe_object', args: { kind: 'ConfigMap', namespace: 'shop', name: 'payment-config' } },
    { name: 'get_events', args: { namespace: 'shop' } },
  ];
  const script = await fetch(`${stack.info.gemini}/__script`, {
    method: 'POST',
    body: JSON.stringify([{ functionCalls: calls }]),
  });
  expect(script.ok).toBe(true);
}

async function cli(...args: string[]) {
  const env = {
    ...process.env,
    NO_COLOR: '1',
    GEMINI_API_KEY: stack.info.secrets.geminiApiKey,
    GEMINI_BASE_URL: stack.info.gemini,
  };
  const { stdout, stderr } = await run(process.execPath, [join(root, 'infra/cli/bin.mjs'), ...args], {
    cwd: root,
    env,
  });
  return `${stdout}\n${stderr}`;
}

describe('canaries never leave', () => {
  it('the corpus is the one canaries.ts describes, and the cluster really serves every canary', async () => {
    expect(await readFile(fixturePath, 'utf8')).toBe(fixtureText());
    const log = await (
      await fetch(
        `${stack.info.cluster}/api/v1/namespaces/shop/pods/${POD}/log?container=payment&previous=true`,
      )
    ).text();
    for (const value of Object.values(SECRET_VALUES)) expect(log).toContain(value);
    const pods = await (await fetch(`${stack.info.cluster}/api/v1/namespaces/shop/pods`)).text();
    expect(pods).toContain(PLANTED.probeToken);
    expect(pods).toContain(PLANTED.terminationPassword);
  });

  it('through Slack, Redis, the model and the Worker log, for an alert diagnosed end to end', async () => {
    await scriptModelToReadEverything();
    const webhook = await fetch(`${stack.info.worker}/events/alertmanager`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${stack.info.secrets.alertmanagerToken}`,
      },
      body: JSON.stringify(alertPayload()),
    });
    expect(webhook.status).toBe(202);
    const posts = await eventually(
      'the Slack message',
      async () => {
        const found = await slackPosts(stack.info.slack);
        return found.length > 0 ? found : undefined;
      },
      90_000,
    );
    await eventually(
      'the job to finish',
      async () => (((await redis(['KEYS', 'kr:job:*:done'])) as string[]).length > 0 ? true : undefined),
      60_000,
    );
    const slack = JSON.stringify(await (await fetch(`${stack.info.slack}/__messages`)).json());
    const model = JSON.stringify(await (await fetch(`${stack.info.gemini}/__requests`)).json());
    const stored = await redisDump();
    const log = await workerLog();

    // What reached each place is a real diagnosis of the corpus, so an empty place cannot pass by accident.
    expect(JSON.stringify(posts)).toContain('payment');
    expect(model).toContain('authentication failed');
    // The model's tools read the whole log, the objects and the Events (their answers are in its requests).
    expect(model).toContain('config blob');
    expect(model).toContain('Readiness probe failed');
    expect(Object.keys(stored).some((key) => key.startsWith('kr:report:'))).toBe(true);
    expect(log.length).toBeGreaterThan(0);

    expect(leaks({ slack, model, log, ...stored })).toEqual([]);
  }, 180_000);

  it('through chat: LINE, Slack and the REST API reading logs, objects and events, and free text to the model', async () => {
    const reads = [
      `/logs ${POD} shop --previous`,
      `/describe pod ${POD} shop`,
      '/describe deploy payment shop',
      '/describe configmap payment-config shop',
      '/events shop',
      '/pods shop',
    ];
    let n = 0;
    const lineUser = `U${'c0ffee00'.repeat(4)}`;
    const line = async (text: string) => {
      const id = `01JCANARY${String(++n).padStart(16, '0')}`;
      const response = await postLine(stack, lineWebhook(lineTextEvent(lineUser, text, id)));
      expect(response.status).toBe(200);
    };
    const slack = async (text: string) => {
      const ts = `${1_700_000_000 + ++n}.000100`;
      const body = slackEventDelivery(
        {
          type: 'app_mention',
          user: 'U0CANARY',
          text: `<@U0BOT> ${text}`,
          ts,
          channel: stack.info.slackChannel,
        },
        `Ev0CANARY${String(n).padStart(6, '0')}`,
        'U0BOT',
      );
      const response = await postSlack(stack, body);
      expect(response.status).toBe(200);
    };
    const api: string[] = [];
    const rest = async (text: string) => {
      const response = await fetch(`${stack.info.worker}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${chatApiToken}` },
        body: JSON.stringify({ session: 'canary', text }),
      });
      expect(response.status).toBe(200);
      api.push(await response.text());
    };
    await fetch(`${stack.info.line}/__messages`, { method: 'DELETE' });
    for (const text of reads) {
      await line(text);
      await slack(text);
      await rest(text);
    }
    // Free text: the model reads the whole corpus through its tools before it answers.
    await scriptModelToReadEverything();
    await rest('why does payment keep crashing?');
    const lineAnswers = async () =>
      ((await (await fetch(`${stack.info.line}/__messages`)).json()) as { path: string }[]).filter((r) =>
        ['/v2/bot/message/reply', '/v2/bot/message/push'].includes(r.path),
      );
    await eventually(
      'every LINE answer',
      async () => ((await lineAnswers()).length >= reads.length ? true : undefined),
      90_000,
    );
    await eventually(
      'every Slack answer',
      async () => {
        const threaded = (await slackPosts(stack.info.slack)).filter((post) => post.body.thread_ts);
        return threaded.length >= reads.length ? true : undefined;
      },
      90_000,
    );
    const lineText = JSON.stringify(await lineAnswers());
    const slackText = JSON.stringify(await (await fetch(`${stack.info.slack}/__messages`)).json());
    const apiText = api.join('\n');
    const stored = await redisDump();
    const model = JSON.stringify(await (await fetch(`${stack.info.gemini}/__requests`)).json());

    // Each place holds a real answer about the corpus, so an empty place cannot pass by accident.
    expect(lineText).toContain('authentication failed');
    expect(slackText).toContain('authentication failed');
    expect(apiText).toContain('authentication failed');
    expect(apiText).toContain('payment-config');
    expect(Object.keys(stored).some((key) => key.startsWith('kr:conversation:line:'))).toBe(true);
    expect(Object.keys(stored).some((key) => key.startsWith('kr:conversation:slack:'))).toBe(true);
    expect(Object.keys(stored).some((key) => key.startsWith('kr:conversation:api:'))).toBe(true);
    expect(model).toContain('config blob');

    expect(
      leaks({ line: lineText, slack: slackText, api: apiText, model, log: await workerLog(), ...stored }),
    ).toEqual([]);
  }, 240_000);

  it('through the CLI on --fixture and --kubeconfig, as JSON and as text, with the model', async () => {
    const outputs: Record<string, string> = {};
    await fetch(`${stack.info.gemini}/__requests`, { method: 'DELETE' });
    await scriptModelToReadEverything();
    for (const output of ['json', 'text']) {
      outputs[`fixture ${output}`] = await cli('diagnose', '--fixture', fixturePath, '--output', output);
      outputs[`kubeconfig ${output}`] = await cli(
        'diagnose',
        '--kubeconfig',
        stack.info.kubeconfig,
        '--namespace',
        'shop',
        '--output',
        output,
      );
    }
    outputs.scan = await cli('scan', '--kubeconfig', stack.info.kubeconfig, '--output', 'json');
    for (const text of Object.values(outputs)) expect(text).toContain('payment');
    outputs.model = JSON.stringify(await (await fetch(`${stack.info.gemini}/__requests`)).json());
    expect(outputs.model).toContain('config blob');
    expect(leaks(outputs)).toEqual([]);
  }, 180_000);
});
