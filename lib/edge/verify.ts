// Caller verifiers, each a thin middleware over a pure verifier in lib/security: it names the setting it needs
// (503 when missing, never its value) and answers 401 before anything is parsed.
import { Receiver } from '@upstash/qstash';
import { createMiddleware } from 'hono/factory';
import { type Config, ConfigError } from '../config/index.ts';
import { bearerMatches, verifyLineSignature, verifySlackRequest } from '../security/index.ts';
import { refuse } from './errors.ts';
import type { EdgeEnv } from './types.ts';

type SecretName = {
  [K in keyof Config]-?: Config[K] extends string | undefined ? K : never;
}[keyof Config];

function secret(config: Config, name: SecretName): string {
  const value = config[name];
  if (typeof value !== 'string' || value === '')
    throw new ConfigError(`${name} is not configured on the responder`);
  return value;
}

/** `Authorization: Bearer <the named secret>`, compared in constant time. */
export const bearer = (name: SecretName) =>
  createMiddleware<EdgeEnv>(async (c, next) => {
    const expected = secret(c.var.config, name);
    if (!bearerMatches(c.req.header('authorization'), expected))
      throw refuse(401, 'missing or wrong bearer token');
    await next();
  });

/**
 * After `rawBody`: QStash's `Upstash-Signature` JWT over this URL and body, under the current or the next signing
 * key (rotation). Behind PUBLIC_URL the URL QStash signed is the public one, not the one the Worker sees.
 */
export const qstashSignature = () =>
  createMiddleware<EdgeEnv>(async (c, next) => {
    const config = c.var.config;
    const receiver = new Receiver({
      currentSigningKey: secret(config, 'QSTASH_CURRENT_SIGNING_KEY'),
      nextSigningKey: secret(config, 'QSTASH_NEXT_SIGNING_KEY'),
      devMode: false,
    });
    const signature = c.req.header('upstash-signature');
    if (!signature) throw refuse(401, 'missing Upstash-Signature');
    const url = config.PUBLIC_URL
      ? new URL(new URL(c.req.url).pathname, config.PUBLIC_URL).toString()
      : c.req.url;
    const valid = await receiver.verify({ signature, body: c.var.body.text, url }).catch(() => false);
    if (!valid) throw refuse(401, 'Upstash-Signature is invalid or expired');
    // The SDK (jose) checks `exp` only when present: a signature that never expires would replay forever.
    if (!expires(signature)) throw refuse(401, 'Upstash-Signature has no expiry (exp)');
    await next();
  });

const MAX_SIGNATURE_LIFETIME_SECONDS = 60 * 60;

/** True when the (already verified) JWT has a numeric `exp`, at most an hour past its `iat`/`nbf` or now. */
function expires(jwt: string): boolean {
  try {
    const part = jwt.split('.')[1] ?? '';
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const { exp, iat, nbf } = claims;
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return false;
    if ((iat !== undefined && typeof iat !== 'number') || (nbf !== undefined && typeof nbf !== 'number'))
      return false;
    const issued = typeof iat === 'number' ? iat : typeof nbf === 'number' ? nbf : Date.now() / 1000;
    return exp - issued <= MAX_SIGNATURE_LIFETIME_SECONDS;
  } catch {
    return false;
  }
}

/** After `rawBody`: Slack's `X-Slack-Signature` (v0 HMAC of timestamp and body, five-minute window). */
export const slackSignature = () =>
  createMiddleware<EdgeEnv>(async (c, next) => {
    const result = await verifySlackRequest(
      secret(c.var.config, 'SLACK_SIGNING_SECRET'),
      {
        signature: c.req.header('x-slack-signature'),
        timestamp: c.req.header('x-slack-request-timestamp'),
        body: c.var.body.bytes,
      },
      Math.floor(Date.now() / 1000),
    );
    if (!result.ok) throw refuse(401, result.reason);
    await next();
  });

/** After `rawBody`: LINE's `x-line-signature` (base64 HMAC-SHA256 of the raw body with the channel secret). */
export const lineSignature = () =>
  createMiddleware<EdgeEnv>(async (c, next) => {
    const result = await verifyLineSignature(
      secret(c.var.config, 'LINE_CHANNEL_SECRET'),
      c.var.body.bytes,
      c.req.header('x-line-signature'),
    );
    if (!result.ok) throw refuse(401, result.reason);
    await next();
  });
