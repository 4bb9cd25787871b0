// Known Secret values are masked in every form they travel in, and short or common values never blank out
// unrelated text.
import { describe, expect, it } from 'vitest';
import { secretValues, secretVariants, skipReason } from '../../lib/security/index.ts';

const value = 'CANARY-s3cr3t value/+?&"é';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

describe('secretValues', () => {
  const masker = secretValues([value]);

  const forms: [string, string][] = [
    ['raw', value],
    ['base64', b64(value)],
    ['base64 without padding', b64(value).replace(/=+$/, '')],
    ['URL-safe base64', b64url(value)],
    ['percent-encoded', encodeURIComponent(value)],
    ['form-encoded', encodeURIComponent(value).replaceAll('%20', '+')],
    ['JSON-escaped', JSON.stringify(value).slice(1, -1)],
    ['JSON-escaped twice', JSON.stringify(JSON.stringify(value).slice(1, -1)).slice(1, -1)],
  ];
  for (const [name, form] of forms) {
    it(`masks the ${name} form inside a line`, () => {
      const out = masker.mask(`connecting with secret ${form} now`, '<M>');
      expect(out).toBe('connecting with secret <M> now');
    });
  }

  it('masks the value inside a longer base64 text, at every alignment', () => {
    for (const prefix of ['', 'a', 'ab', 'user:']) {
      const encoded = b64(`${prefix}${value}:tail`);
      const out = masker.mask(`Authorization: Basic ${encoded}`, '<M>');
      expect(out, prefix).toContain('<M>');
      expect(out).not.toContain(b64(value).slice(4, 16));
    }
  });

  it('masks the trimmed value when the Secret holds it with a trailing newline', () => {
    expect(secretValues(['CANARY-trailing\n']).mask('pw CANARY-trailing ok', '<M>')).toBe('pw <M> ok');
  });

  it('masks many values in one pass, longest first', () => {
    const many = secretValues([
      'abcdef-123',
      'abcdef-123456',
      ...Array.from({ length: 500 }, (_, i) => `v-${i}-xyzzy`),
    ]);
    expect(many.mask('x abcdef-123456 y abcdef-123 z v-42-xyzzy', '#')).toBe('x # y # z #');
    const long = 'ordinary log line without any secret in it\n'.repeat(20_000);
    const started = performance.now();
    expect(many.mask(long)).toBe(long);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('leaves short values, common words, repeated characters and small numbers alone', () => {
    const weak = ['abc12', 'password', 'Production', 'localhost', 'xxxxxxxx', '123456', 'true', ''];
    for (const w of weak) expect(skipReason(w), w).toBeDefined();
    const text = 'password authentication failed on localhost in production: 123456 rows, xxxxxxxx, abc12';
    expect(secretValues(weak).mask(text)).toBe(text);
    expect(secretValues(weak).size).toBe(0);
  });

  it('masks a guessable value that is not a plain word (changeme1, hunter22) and long numbers', () => {
    for (const v of ['changeme1', 'hunter22', '12345678901']) {
      expect(skipReason(v), v).toBeUndefined();
      expect(secretValues([v]).mask(`pw ${v}.`, '#')).toBe('pw #.');
    }
  });

  it('under a key naming no credential, masks only generated-looking values (not `username: payment`)', () => {
    const masker = secretValues([
      { key: 'username', value: 'payment' },
      { key: 'host', value: 'mysql.shop.svc.cluster.local' },
      { key: 'username', value: 'svc-Xy7q2k' },
      { key: 'password', value: 'paymentdb' },
    ]);
    expect(masker.mask('Deployment payment cannot reach mysql.shop.svc.cluster.local', '#')).toBe(
      'Deployment payment cannot reach mysql.shop.svc.cluster.local',
    );
    expect(masker.mask('login svc-Xy7q2k with paymentdb', '#')).toBe('login # with #');
  });

  it('lists every variant at least six characters long', () => {
    for (const variant of secretVariants(value)) expect(variant.length).toBeGreaterThanOrEqual(6);
  });
});
