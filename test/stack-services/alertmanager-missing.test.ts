// A missing Alertmanager binary: the tests that need it say how to install it, as a missing redis-server does.
import { expect, it } from 'vitest';
import { startRedisServer } from '../../infra/stack/redis.ts';
import { startAlertmanager } from '../support/alertmanager.ts';

it('names the package and ALERTMANAGER_BIN when the Alertmanager binary is missing', async () => {
  await expect(
    startAlertmanager({
      webhookUrl: 'http://127.0.0.1:9/events/alertmanager',
      bearerToken: 'unused',
      binary: '/nonexistent/prometheus-alertmanager',
    }),
  ).rejects.toThrow(
    /\/nonexistent\/prometheus-alertmanager is not installed.*sudo apt-get install prometheus-alertmanager, or set ALERTMANAGER_BIN/,
  );
});

it('names the package and REDIS_SERVER_BIN when the redis-server binary is missing', async () => {
  await expect(startRedisServer({ binary: '/nonexistent/redis-server' })).rejects.toThrow(
    /\/nonexistent\/redis-server is not installed \(Debian\/Ubuntu: sudo apt-get install redis-server, or set REDIS_SERVER_BIN/,
  );
});
