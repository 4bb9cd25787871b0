// `npm run dev:local`'s module: the local stack with the Worker under wrangler dev; a posted alert ends in a
// printed Slack text and the job's summary line, and stop() ends every process it started.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ALERT, type LocalDev, startLocalDev } from '../../infra/dev/local.ts';
import { eventually } from '../support/messages.ts';

let dev: LocalDev;
const printed: string[] = [];

beforeAll(async () => {
  dev = await startLocalDev({ out: (line) => printed.push(line) });
}, 120_000);
afterAll(async () => {
  await dev?.stop();
});

it('prints the guide with the curl that fires the demo alert, and no secret', () => {
  const guide = dev.guide.join('\n');
  expect(guide).toContain(`${dev.stack.info.worker}/events/alertmanager`);
  expect(guide).not.toContain(dev.stack.info.secrets.alertmanagerToken);
});

it('a posted alert ends in a printed Slack message and a job summary line', async () => {
  const response = await fetch(`${dev.stack.info.worker}/events/alertmanager`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${dev.stack.info.secrets.alertmanagerToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(DEMO_ALERT),
  });
  expect(response.status).toBe(202);
  const slack = await eventually('a printed Slack message', async () =>
    printed.find((line) => line.startsWith('slack  ┌──')),
  );
  expect(slack).toMatch(/Deployment shop\/payment/);
  const summary = await eventually('a job summary line', async () =>
    printed.find((line) => line.includes('job: diagnosed')),
  );
  expect(summary).toMatch(
    /diagnosed Deployment shop\/payment \(KubePodCrashLooping\): \d+ findings?; delivered to 1 target \(slack:/,
  );
  console.log(summary);
  expect(printed.join('\n')).not.toContain(dev.stack.info.secrets.alertmanagerToken);
}, 60_000);
