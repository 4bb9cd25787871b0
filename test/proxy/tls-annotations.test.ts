// TLS Secrets through the proxy: their values stay emptied, and the certificate's notAfter, subject and issuer
// arrive as annotations (read by the proxy from tls.crt) so the health report can warn before one expires.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsAnnotations } from '../../lib/health/index.ts';
import { type Harness, startHarness } from './harness.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A throwaway self-signed certificate and its key (test only; generated per run, never checked in). */
async function selfSigned(dir: string, name: string, days: number) {
  const keyPath = join(dir, `${name}.key`);
  const crtPath = join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      String(days),
    ].concat(['-subj', `/CN=${name}.example.com/O=Test`, '-keyout', keyPath, '-out', crtPath]),
    { stdio: 'ignore' },
  );
  return { key: await readFile(keyPath, 'utf8'), crt: await readFile(crtPath, 'utf8') };
}

const tlsSecret = (name: string, cert: { key: string; crt: string }) => `
---
apiVersion: v1
kind: Secret
metadata: { name: ${name}, namespace: shop }
type: kubernetes.io/tls
data:
  tls.crt: ${b64(cert.crt)}
  tls.key: ${b64(cert.key)}
`;

let harness: Harness;
let dir: string;
let soon: { key: string; crt: string };
let later: { key: string; crt: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kr-tls-'));
  soon = await selfSigned(dir, 'soon', 5);
  later = await selfSigned(dir, 'later', 3650);
  harness = await startHarness({ extraDocuments: tlsSecret('shop-tls', soon) + tlsSecret('api-tls', later) });
});
afterAll(async () => {
  await harness?.close();
  await rm(dir, { recursive: true, force: true });
});

const keyBody = (pem: string) =>
  pem
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .join('');

describe('TLS Secrets through the proxy', () => {
  it('a list carries each certificate’s metadata as annotations and no key material', async () => {
    const response = await harness.send(
      'GET',
      '/api/v1/namespaces/shop/secrets?fieldSelector=type%3Dkubernetes.io%2Ftls',
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    const list = JSON.parse(text) as {
      items: {
        metadata: { name: string; annotations?: Record<string, string> };
        data?: Record<string, string>;
      }[];
    };
    const byName = new Map(list.items.map((item) => [item.metadata.name, item]));
    const shop = byName.get('shop-tls')?.metadata.annotations ?? {};
    const api = byName.get('api-tls')?.metadata.annotations ?? {};
    const daysLeft = (iso: string | undefined) => (Date.parse(iso ?? '') - Date.now()) / 86_400_000;
    expect(daysLeft(shop[tlsAnnotations.notAfter])).toBeGreaterThan(4);
    expect(daysLeft(shop[tlsAnnotations.notAfter])).toBeLessThan(6);
    expect(daysLeft(api[tlsAnnotations.notAfter])).toBeGreaterThan(3000);
    expect(shop[tlsAnnotations.subject]).toBe('CN=soon.example.com, O=Test');
    expect(shop[tlsAnnotations.issuer]).toBe('CN=soon.example.com, O=Test');
    // The values are emptied as for every Secret: neither the key nor the certificate leaves the proxy.
    for (const cert of [soon, later]) {
      expect(text).not.toContain(keyBody(cert.key).slice(0, 40));
      expect(text).not.toContain(b64(cert.key).slice(0, 40));
      expect(text).not.toContain(b64(cert.crt).slice(0, 40));
    }
  });

  it('a single Secret is annotated too; an Opaque one is left alone', async () => {
    const one = (await (await harness.send('GET', '/api/v1/namespaces/shop/secrets/shop-tls')).json()) as {
      metadata: { annotations?: Record<string, string> };
    };
    expect(one.metadata.annotations?.[tlsAnnotations.subject]).toBe('CN=soon.example.com, O=Test');
    const opaque = (await (
      await harness.send('GET', '/api/v1/namespaces/shop/secrets/db-credentials')
    ).json()) as {
      metadata: { annotations?: Record<string, string> };
    };
    expect(opaque.metadata.annotations?.[tlsAnnotations.notAfter]).toBeUndefined();
  });
});
