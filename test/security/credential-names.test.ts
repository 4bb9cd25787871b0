// Which names mark their value as a credential, and which merely mention one.
import { expect, it } from 'vitest';
import { isSensitiveName, SENSITIVE_NAME } from '../../lib/security/index.ts';

const sensitive = [
  'DB_PASSWORD',
  'MYSQL_ROOT_PASSWORD',
  'dbPassword',
  'API_TOKEN',
  'apiKey',
  'x-api-key',
  'STRIPE_KEY',
  'AWS_SECRET_ACCESS_KEY',
  'client_secret',
  'clientSecret',
  'accessToken',
  'X-Auth-Token',
  'basic_auth',
  'Authorization',
  'session',
  'sessionid',
  'Cookie',
  'SENTRY_DSN',
  'DATABASE_URL',
  'connection_string',
  'tls.key',
  'client-key-data',
  'example.com/db-password',
  '--db-password',
  'requirepass',
  'storepass',
  'pass',
  'MYSQL_PWD',
  'credentials',
  'sig',
];
const harmless = [
  'LOG_LEVEL',
  'token_count',
  'tokenCount',
  'max_tokens',
  'tokenizer',
  'author',
  'authority',
  'secretary',
  'keyboard',
  'secretName',
  'secret_name',
  'password_file',
  'passwordFile',
  'session_timeout',
  'sessionAffinity',
  'token_type',
  'auth_method',
  'cache_key',
  'routing_key',
  'key',
  'bypass',
  'passed',
  'compass',
  'user',
  'host',
];

it('names a credential', () => {
  for (const name of sensitive) expect(isSensitiveName(name), name).toBe(true);
});

it('leaves names that only mention a credential readable', () => {
  for (const name of harmless) expect(isSensitiveName(name), name).toBe(false);
});

it('SENSITIVE_NAME agrees with isSensitiveName', () => {
  for (const name of [...sensitive, ...harmless])
    expect(SENSITIVE_NAME.test(name)).toBe(isSensitiveName(name));
});
