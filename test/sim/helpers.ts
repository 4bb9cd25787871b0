// Shared by the fixture server tests: the demo fixture, a handler over it, and JSON/text requests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createFixtureHandler, type FixtureCluster, loadFixture } from '../../infra/sim/index.ts';

export const DEMO_FIXTURE = resolve(import.meta.dirname, '../fixtures/demo/crashloop.yaml');
export const CANARY_PASSWORD = 'CANARY-s3cr3t-do-not-leak';
export const PAYMENT_PODS = [
  'payment-7d9f8c6b5d-hz5tb',
  'payment-7d9f8c6b5d-q9n4w',
  'payment-7d9f8c6b5d-x7k2p',
];

export function demoCluster(): FixtureCluster {
  return loadFixture(readFileSync(DEMO_FIXTURE, 'utf8'));
}

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read field by field in assertions
type ApiBody = any;

export function client(cluster: FixtureCluster = demoCluster()) {
  const handler = createFixtureHandler(cluster);
  const request = (path: string, init: RequestInit = {}) =>
    handler(new Request(`http://cluster.test${path}`, init));
  return {
    cluster,
    request,
    async json(
      path: string,
      init: RequestInit = {},
    ): Promise<{ status: number; body: ApiBody; headers: Headers }> {
      const response = await request(path, init);
      return { status: response.status, body: await response.json(), headers: response.headers };
    },
    async text(path: string): Promise<{ status: number; body: string; type: string | null }> {
      const response = await request(path);
      return {
        status: response.status,
        body: await response.text(),
        type: response.headers.get('content-type'),
      };
    },
  };
}

export const names = (list: { items: Array<{ metadata: { name: string } }> }) =>
  list.items.map((i) => i.metadata.name);
