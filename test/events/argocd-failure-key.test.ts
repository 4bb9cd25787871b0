// Once per failure: the same Argo CD failure notified again is the same key and job id, whatever the retry counter,
// the time or the generated pod name; another revision, another app or another failure is a new one.
import { describe, expect, it } from 'vitest';
import {
  ArgoNotification,
  argoFailureKey,
  argoJobId,
  argoState,
  normalisedMessage,
} from '../../lib/events/index.ts';

const REVISION = '9f2c1d4e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e';
const applyFailed =
  'one or more objects failed to apply, reason: Deployment.apps "payments" is invalid: spec.template.spec.containers[0].image: Required value';

const failed = (overrides: Record<string, unknown> = {}) =>
  ArgoNotification.parse({
    app: 'payments',
    namespace: 'argocd',
    phase: 'Failed',
    syncStatus: 'OutOfSync',
    healthStatus: 'Healthy',
    revision: REVISION,
    message: applyFailed,
    ...overrides,
  });

const keyOf = async (notification: ArgoNotification) => argoFailureKey(notification, argoState(notification));

describe('argoFailureKey', () => {
  it('is the same for a failure re-notified after retries', async () => {
    const first = await keyOf(failed());
    const retried = await keyOf(failed({ message: `${applyFailed} (retried 5 times).` }));
    const retrying = await keyOf(failed({ message: `Retrying attempt #3 at 6:51AM: ${applyFailed}` }));
    const spaced = await keyOf(failed({ message: `  ${applyFailed.replace(' reason:', '\n   reason:')}  ` }));
    expect(retried).toBe(first);
    expect(retrying).toBe(first);
    expect(spaced).toBe(first);
    expect(first).toMatch(new RegExp(`^argocd/payments:${REVISION}:sync-failed:[0-9a-f]{16}$`));
  });

  it('is a new key for a later revision failing the same way', async () => {
    const next = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
    expect(await keyOf(failed({ revision: next }))).not.toBe(await keyOf(failed()));
  });

  it('keys an empty revision on the normalised message: timestamps, durations and pod names left out', async () => {
    const hook = (at: string, pod: string, took: string) =>
      failed({
        revision: '',
        phase: 'Error',
        message: `one or more synchronization tasks completed unsuccessfully, reason: Job has reached the specified backoff limit (pod ${pod}, started ${at}, ran ${took}) (retried 2 times).`,
      });
    const first = await keyOf(hook('2026-12-01T08:00:00Z', 'db-migrate-x2x7q', '1m30s'));
    const again = await keyOf(hook('2026-12-01T08:05:12.123Z', 'db-migrate-9kq4z', '2m5.5s'));
    expect(again).toBe(first);
    expect(first).toMatch(/^argocd\/payments:-:sync-failed:/);
    const other = await keyOf(
      failed({
        revision: '',
        phase: 'Error',
        message: 'Failed to load target state: app path does not exist',
      }),
    );
    expect(other).not.toBe(first);
  });

  it('keys a sync status Unknown on its conditions when there is no operation message', async () => {
    const unknown = (message: string) =>
      failed({
        phase: null,
        message: null,
        syncStatus: 'Unknown',
        revision: '',
        conditions: [{ type: 'ComparisonError', message, lastTransitionTime: '2026-12-01T08:00:00Z' }],
      });
    const notPermitted =
      "application repo oci://registry.example.com/charts is not permitted in project 'default'";
    const first = await keyOf(unknown(`Failed to load target state: ${notPermitted}`));
    expect(first).toMatch(/^argocd\/payments:-:sync-unknown:/);
    expect(await keyOf(unknown(`Failed to load target state: ${notPermitted}`))).toBe(first);
    expect(await keyOf(unknown('Failed to load target state: app path does not exist'))).not.toBe(first);
  });

  it('folds a ReplicaSet pod name and a UID, and keeps what names the failure', () => {
    expect(
      normalisedMessage(
        'Pod "payments-7d9f8c6b5d-x2x7q" (uid 5e0c8a52-4c1e-4f59-9d5b-0b7d6b1f2a11) failed at 2026-12-01 08:00:00 +0000 UTC',
      ),
    ).toBe('pod "payments-<pod>" (uid <uid>) failed at <time>');
    expect(
      normalisedMessage('Service "api" port 8080: dial tcp 10.0.0.1:80: connect: connection refused'),
    ).toBe('service "api" port 8080: dial tcp 10.0.0.1:80: connect: connection refused');
  });

  it('tells apart the same app in two namespaces, and two states of one revision', async () => {
    expect(await keyOf(failed({ namespace: 'team-a' }))).not.toBe(await keyOf(failed()));
    const degraded = failed({
      phase: 'Succeeded',
      healthStatus: 'Degraded',
      message: 'successfully synced (all tasks run)',
    });
    expect(await keyOf(degraded)).toMatch(/:degraded:/);
  });

  it('keys a success on the app and revision, so the job finds the failure it follows', async () => {
    const ok = failed({
      phase: 'Succeeded',
      syncStatus: 'Synced',
      message: 'successfully synced (all tasks run)',
    });
    expect(argoState(ok)).toBe('succeeded');
    expect(await keyOf(ok)).toBe(`argocd/payments:ok:${REVISION}`);
  });

  it('stays within 200 characters for the longest names', async () => {
    const key = await keyOf(failed({ app: `a${'b'.repeat(250)}c`, revision: 'r'.repeat(200) }));
    expect(key.length).toBeLessThanOrEqual(200);
  });

  it('derives a dedup-safe job id from the key', async () => {
    const id = await argoJobId(await keyOf(failed()));
    expect(id).toMatch(/^argo-[0-9a-f]{32}$/);
    expect(await argoJobId(await keyOf(failed({ message: `${applyFailed} (retried 1 time)` })))).toBe(id);
  });
});

describe('argoState', () => {
  it('reads what the notification says happened', () => {
    const state = (fields: Record<string, unknown>) =>
      argoState(ArgoNotification.parse({ app: 'a', ...fields }));
    expect(state({ phase: 'Error' })).toBe('sync-failed');
    expect(state({ phase: 'Succeeded', syncStatus: 'Synced', healthStatus: 'Missing' })).toBe('degraded');
    expect(state({ syncStatus: 'Unknown', healthStatus: 'Healthy' })).toBe('sync-unknown');
    expect(state({ syncStatus: 'OutOfSync' })).toBe('out-of-sync');
    // Drift after a sync that succeeded is still drift; a sync still running is not (yet).
    expect(state({ phase: 'Succeeded', syncStatus: 'OutOfSync', healthStatus: 'Healthy' })).toBe(
      'out-of-sync',
    );
    expect(state({ phase: 'Running', syncStatus: 'OutOfSync' })).toBe('settling');
    expect(state({ phase: 'Succeeded', syncStatus: 'Synced', healthStatus: 'Progressing' })).toBe('settling');
    expect(state({})).toBe('unspecified');
  });
});
