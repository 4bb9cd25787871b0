// The value after a credential flag in an argv list is masked; other flags and values stay readable.
import { expect, it } from 'vitest';
import { redactArgs } from '../../lib/security/index.ts';

it('masks --password V, --token V and --password=V, keeps --port', () => {
  expect(redactArgs(['--password', 'kr-canary-1', '--port', '8080', '--token=kr-canary-2'])).toEqual([
    '--password',
    '***',
    '--port',
    '8080',
    '--token=***',
  ]);
});

it('masks -pV and -p V for mysql-like tools only', () => {
  expect(redactArgs(['mysqladmin', 'ping', '-uroot', '-pkr-canary-3'])).toEqual([
    'mysqladmin',
    'ping',
    '-uroot',
    '-p***',
  ]);
  expect(redactArgs(['-u', 'root', '-p', 'kr-canary-4'], { command: ['mysql'] })).toEqual([
    '-u',
    'root',
    '-p',
    '***',
  ]);
  expect(redactArgs(['-p8080', '-v'], { command: ['/bin/server'] })).toEqual(['-p8080', '-v']);
});

it("masks redis-cli -a and curl -u user:password, with the caller's mask", () => {
  expect(
    redactArgs(['redis-cli', '-h', 'redis', '-a', 'kr-canary-5', 'ping'], { mask: '***redacted***' }),
  ).toEqual(['redis-cli', '-h', 'redis', '-a', '***redacted***', 'ping']);
  expect(redactArgs(['-u', 'admin:kr-canary-6', 'https://es:9200'], { command: ['curl'] })).toEqual([
    '-u',
    'admin:***',
    'https://es:9200',
  ]);
});

it('masks credentials inside each argument as text, and leaves harmless flags alone', () => {
  const out = redactArgs([
    'sh',
    '-c',
    'mysql -uroot -pkr-canary-7 -e "select 1"',
    '-e',
    'DB_PASSWORD=kr-canary-8',
  ]);
  expect(out.join(' ')).not.toMatch(/kr-canary/);
  expect(out[2]).toBe('mysql -uroot -p*** -e "select 1"');
  expect(redactArgs(['--password-file', '/run/secrets/db', '--token-ttl', '24h', '--password'])).toEqual([
    '--password-file',
    '/run/secrets/db',
    '--token-ttl',
    '24h',
    '--password',
  ]);
});
