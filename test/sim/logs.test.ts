// pods/log as `kubectl logs` and the diagnosis read it: previous instances, container choice and the
// tailLines / limitBytes / sinceSeconds / timestamps options, as text/plain.
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../infra/sim/index.ts';
import { client } from './helpers.ts';

const POD = '/api/v1/namespaces/shop/pods/payment-7d9f8c6b5d-x7k2p/log';

describe('pods/log', () => {
  it('serves the previous instance as text/plain, timestamps stripped', async () => {
    const { status, body, type } = await client().text(`${POD}?previous=true`);
    expect(status).toBe(200);
    expect(type).toBe('text/plain');
    expect(body).toContain('Error: connect ECONNREFUSED 10.96.112.40:3306');
    expect(body.split('\n')[0]).toBe('> payment-service@1.8.3 start');
    expect(body).not.toMatch(/^2026-/m);
    expect(body.endsWith('Node.js v22.12.0\n')).toBe(true);
  });

  it('serves the last instance for a container waiting in CrashLoopBackOff, as the kubelet does', async () => {
    const api = client();
    expect((await api.text(POD)).body).toBe((await api.text(`${POD}?previous=true`)).body);
  });

  it('honours tailLines, timestamps and limitBytes', async () => {
    const api = client();
    expect((await api.text(`${POD}?previous=true&tailLines=2`)).body).toBe('\nNode.js v22.12.0\n');
    const stamped = (await api.text(`${POD}?previous=true&tailLines=1&timestamps=true`)).body;
    expect(stamped).toMatch(/^2026-11-23T09:57:42\.\d{9}Z Node\.js v22\.12\.0\n$/);
    expect((await api.text(`${POD}?previous=true&limitBytes=12`)).body).toBe('> payment-se');
  });

  it('stamps lines the fixture wrote without a timestamp with the line before, as the kubelet stamps every line', async () => {
    const stamped = (await client().text(`${POD}?previous=true&timestamps=true`)).body.split('\n');
    expect(stamped.every((line) => line === '' || /^2026-11-23T09:57:4\d\.\d{9}Z /.test(line))).toBe(true);
    const bare = client(
      loadFixture(`apiVersion: fixture.kube-responder.dev/v1
kind: Fixture
now: "2026-11-23T10:00:00Z"
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: x }
spec: { containers: [{ name: app }] }
---
apiVersion: fixture.kube-responder.dev/v1
kind: PodLog
metadata: { name: web, namespace: x }
text: "no stamp here\\n"
`),
    );
    expect((await bare.text('/api/v1/namespaces/x/pods/web/log?timestamps=true')).body).toBe(
      '2026-11-23T10:00:00.000Z no stamp here\n',
    );
  });

  it('honours sinceSeconds relative to the fixture clock', async () => {
    const api = client();
    // mysql-0 logged at 09:28:43, 09:28:58 and 09:29:01; now is 10:00:00.
    const mysql = '/api/v1/namespaces/shop/pods/mysql-0/log';
    expect((await api.text(mysql)).body.split('\n').filter(Boolean)).toHaveLength(3);
    expect((await api.text(`${mysql}?sinceSeconds=1870`)).body.split('\n').filter(Boolean)).toHaveLength(2);
    expect((await api.text(`${mysql}?sinceSeconds=60`)).body).toBe('');
  });

  it('requires a container for a multi-container pod with the real 400 message, and picks the named one', async () => {
    const api = client(
      loadFixture(`apiVersion: v1
kind: Pod
metadata: { name: web, namespace: x }
spec: { containers: [{ name: app }, { name: sidecar }] }
---
apiVersion: fixture.kube-responder.dev/v1
kind: PodLog
metadata: { name: web, namespace: x }
container: sidecar
text: "proxy up\\n"
`),
    );
    const missing = await api.json('/api/v1/namespaces/x/pods/web/log');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: 'a container name must be specified for pod web, choose one of: [app sidecar]',
    });
    expect((await api.text('/api/v1/namespaces/x/pods/web/log?container=sidecar')).body).toBe('proxy up\n');
    expect((await api.text('/api/v1/namespaces/x/pods/web/log?container=app')).body).toBe('');
    expect((await api.json('/api/v1/namespaces/x/pods/web/log?container=nope')).body.message).toBe(
      'container nope is not valid for pod web',
    );
    expect(
      (await api.json('/api/v1/namespaces/x/pods/web/log?container=app&previous=true')).body.message,
    ).toBe('previous terminated container "app" in pod "web" not found');
  });

  it('answers 404 for a missing pod and 400 for a bad option', async () => {
    const api = client();
    expect((await api.json('/api/v1/namespaces/shop/pods/nope/log')).body.message).toBe(
      'pods "nope" not found',
    );
    expect((await api.json(`${POD}?tailLines=-1`)).status).toBe(400);
  });
});
