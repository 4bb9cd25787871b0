// The real redis-server stand-in: answers on its loopback port, keeps nothing on disk, and is gone after close().
import { connect } from 'node:net';
import { expect, it } from 'vitest';
import { RedisClient, RedisStatus, startRedisServer } from '../../infra/stack/redis.ts';

const refused = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });

it('starts on a free loopback port without persistence and stops on close()', async () => {
  const server = await startRedisServer();
  expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
  const client = new RedisClient(server.port);
  try {
    const [save, appendonly] = await client.send([
      ['CONFIG', 'GET', 'save'],
      ['CONFIG', 'GET', 'appendonly'],
    ]);
    expect((save as Buffer[]).map(String)).toEqual(['save', '']);
    expect((appendonly as Buffer[]).map(String)).toEqual(['appendonly', 'no']);
    expect(await client.command('SET', 'k', Buffer.from([0, 255, 1]))).toEqual(new RedisStatus('OK'));
    expect(await client.command('GET', 'k')).toEqual(Buffer.from([0, 255, 1]));
  } finally {
    client.close();
    await server.close();
  }
  expect(await refused(server.port)).toBe(true);
});
