// Credentials that show up in logs and events are masked before anything leaves the diagnose worker.

import { describe, expect, it } from 'vitest';
import { MASK, redactDeep, redactText } from '../../lib/security/index.ts';
import { ADVERSARIAL_INPUTS } from './adversarial.ts';

describe('redactText', () => {
  const cases: [string, string, string][] = [
    ['connection string', 'dial postgres://app:CANARY-pw-123@db:5432/shop failed', 'CANARY-pw-123'],
    ['password=', 'login failed for user=app password=CANARY-hunter2', 'CANARY-hunter2'],
    ['json field', '{"apiKey": "CANARY-abcdef123456", "user": "x"}', 'CANARY-abcdef123456'],
    ['env style', 'DB_PASSWORD: CANARY-zzzz9999', 'CANARY-zzzz9999'],
    ['bearer', 'Authorization: Bearer CANARYabcdefghijklmnop', 'CANARYabcdefghijklmnop'],
    [
      'jwt',
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.c2lnbmF0dXJlLWNhbmFyeQ here',
      'eyJzdWIiOiJDQU5BUlkifQ',
    ],
    ['aws key', 'using AKIAIOSFODNN7CANARY1 for s3', 'AKIAIOSFODNN7CANARY1'],
    ['slack token', 'xoxb-123456789012-CANARYtoken', 'CANARYtoken'],
    [
      'private key',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIE-CANARY\n-----END RSA PRIVATE KEY-----',
      'MIIE-CANARY',
    ],
  ];
  for (const [name, input, secret] of cases) {
    it(`masks a ${name}`, () => {
      const out = redactText(input);
      expect(out).not.toContain(secret);
      expect(out).toContain(MASK);
    });
  }

  it('masks known secret values wherever they appear', () => {
    expect(redactText('got CANARY-s3cr3t back', ['CANARY-s3cr3t'])).toBe('got *** back');
  });

  it('leaves ordinary diagnostic lines alone', () => {
    const line = 'Error: connect ECONNREFUSED 10.96.112.40:3306 (mysql.shop.svc.cluster.local)';
    expect(redactText(line)).toBe(line);
    expect(redactText('Back-off restarting failed container payment in pod payment-7d9f')).toContain(
      'payment',
    );
  });

  it('redacts inside nested values without mutating them', () => {
    const value = { evidence: ['password=CANARY-1'], nested: { n: 1, s: 'token: CANARY-2' } };
    const out = redactDeep(value);
    expect(JSON.stringify(out)).not.toMatch(/CANARY/);
    expect(value.evidence[0]).toBe('password=CANARY-1');
  });
});

describe('known secret values', () => {
  it('are masked JSON-escaped, percent-encoded and base64-encoded too', () => {
    const secret = 'kr-canary "q"/s3cr3t';
    const text = `a=${JSON.stringify(secret)} b=${encodeURIComponent(secret)} c=${btoa(secret)}`;
    const out = redactText(text, [secret]);
    expect(out).not.toContain('s3cr3t');
    expect(out).not.toContain(btoa(secret));
    expect(out).toContain('a="***" b=*** c=***');
  });
});

describe('adversarial inputs', () => {
  // A backtracking pattern would take minutes on these (the test's timeout catches that); `npm run bench`
  // prints how long they take. Here: they finish, and redacting twice changes nothing more.
  for (const input of ADVERSARIAL_INPUTS) {
    it(`redacts ${JSON.stringify(input.slice(0, 12))}… (${input.length} chars) to a fixed point`, () => {
      const once = redactText(input);
      expect(redactText(once)).toBe(once);
    });
  }
});
