// The documented Argo CD setup renders a body the source accepts: the template of
// infra/examples/argocd-notifications-cm.yaml, rendered as Go's text/template would for real-shaped Applications
// (single- and multi-source, never synced, a message with quotes and newlines), parses with ArgoNotification.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ArgoNotification } from '../../lib/events/index.ts';
import {
  ARGOCD_EXAMPLES,
  argocdNotificationsConfig,
  failedMessage,
  multiSource,
  neverSynced,
  renderArgoBody,
  singleSource,
} from '../support/argocd.ts';
import { renderGoTemplate } from '../support/go-template.ts';

const examples = ARGOCD_EXAMPLES;
let data: Record<string, string>;
let body: string;

beforeAll(async () => {
  ({
    data,
    webhook: { body },
  } = await argocdNotificationsConfig());
});

const render = (app: unknown, ctx?: Record<string, string>) => renderArgoBody(body, app, ctx);

const schemaFields = Object.keys(ArgoNotification.shape).sort();

describe('the kube-responder template of argocd-notifications-cm.yaml', () => {
  it('renders every field of the notification schema, each through toJson', () => {
    const keys = Object.keys(JSON.parse(render(singleSource))).sort();
    expect(keys).toEqual(schemaFields);
    const lines = body.split('\n').filter((line) => line.includes('":'));
    for (const line of lines) expect(line, line).toMatch(/toJson/);
  });

  it('renders a failed single-source sync, the message with its quotes and newlines intact', () => {
    const rendered = render(singleSource);
    // Go's json.Marshal escapes < > & as Sprig's toJson does.
    expect(rendered).toContain('\\u003cand\\u003e \\u0026');
    const notification = ArgoNotification.parse(JSON.parse(rendered));
    expect(notification).toMatchObject({
      app: 'payments',
      namespace: 'argocd',
      project: 'shop',
      cluster: 'https://kubernetes.default.svc',
      destinationNamespace: 'shop',
      phase: 'Failed',
      message: failedMessage,
      syncStatus: 'OutOfSync',
      healthStatus: 'Healthy',
      revision: '9f2c1d4e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e',
      repoURL: 'https://github.com/acme/deploy.git',
      path: 'apps/payments',
      targetRevision: 'main',
      argocdUrl: 'https://argocd.example.com',
    });
    expect(notification.resources?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'payments',
      status: 'SyncFailed',
      hookPhase: 'Failed',
    });
    expect(notification.conditions?.[0]?.type).toBe('SyncError');
  });

  it('renders a multi-source app with nulls for the single-source fields', () => {
    const raw = JSON.parse(render(multiSource));
    expect(raw).toMatchObject({ repoURL: null, path: null, targetRevision: null, revision: null });
    const notification = ArgoNotification.parse(raw);
    expect(notification).toMatchObject({
      app: 'observability',
      cluster: 'prod',
      healthStatus: 'Degraded',
      phase: 'Succeeded',
    });
    expect(notification.repoURL).toBeUndefined();
  });

  it('renders an app with no operation yet, and no argocdUrl in the context', () => {
    const raw = JSON.parse(render(neverSynced, {}));
    expect(raw).toMatchObject({ phase: null, message: null, resources: null, argocdUrl: null });
    const notification = ArgoNotification.parse(raw);
    expect(notification).toMatchObject({
      app: 'search',
      namespace: 'apps',
      syncStatus: 'Unknown',
      cluster: 'https://prod.k8s.example.com:6443',
    });
    expect(notification.conditions?.[0]?.message).toMatch(/is not permitted in project/);
  });

  it('would fail, as in Argo CD, had it read spec.source of a multi-source app without a guard', () => {
    expect(() => renderGoTemplate('{{ .app.spec.source.repoURL | toJson }}', { app: multiSource })).toThrow(
      /nil pointer/,
    );
  });
});

describe('the rest of the documented setup', () => {
  it('posts JSON with the bearer token from argocd-notifications-secret', async () => {
    const service = parse(data['service.webhook.kube-responder'] as string);
    expect(service.url).toMatch(/\/events\/argocd$/);
    expect(service.headers).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Authorization', value: 'Bearer $kube-responder-token' },
    ]);
    expect(parse(data['template.kube-responder'] as string).webhook['kube-responder'].method).toBe('POST');
    const secret = parse(await readFile(resolve(examples, 'argocd-notifications-secret.yaml'), 'utf8'));
    expect(secret.metadata.name).toBe('argocd-notifications-secret');
    expect(Object.keys(secret.stringData)).toEqual(['kube-responder-token']);
  });

  it('defines the catalog triggers, each sending the template, and the subscription names each one', async () => {
    const triggers = Object.keys(data)
      .filter((key) => key.startsWith('trigger.'))
      .map((key) => key.slice('trigger.'.length));
    expect(triggers).toEqual(
      expect.arrayContaining([
        'on-sync-failed',
        'on-health-degraded',
        'on-sync-status-unknown',
        'on-sync-succeeded',
      ]),
    );
    for (const trigger of triggers) {
      const [condition] = parse(data[`trigger.${trigger}`] as string);
      expect(condition.send, trigger).toContain('kube-responder');
      expect(condition.when, trigger).toBeTruthy();
    }
    const subscription = parse(
      await readFile(resolve(examples, 'argocd-application-subscription.yaml'), 'utf8'),
    );
    expect(Object.keys(subscription.metadata.annotations).sort()).toEqual(
      triggers.map((trigger) => `notifications.argoproj.io/subscribe.${trigger}.kube-responder`).sort(),
    );
  });
});
