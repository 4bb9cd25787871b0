// Signs a QStash-style delivery JWT (HS256, claims as QStash sets them) — to forge, age or replay deliveries.
import { createHash, createHmac, randomUUID } from 'node:crypto';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function qstashSignature(options: {
  key: string;
  url: string;
  body: string;
  issuedAt?: number;
  lifetimeSeconds?: number;
}) {
  const now = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = b64url(
    JSON.stringify({
      iss: 'Upstash',
      sub: options.url,
      exp: now + (options.lifetimeSeconds ?? 300),
      nbf: now,
      iat: now,
      jti: `jwt_${randomUUID()}`,
      body: createHash('sha256').update(options.body).digest('base64url'),
    }),
  );
  const signature = createHmac('sha256', options.key).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}
