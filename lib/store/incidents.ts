// Incidents: the first alert about a subject opens one for a window; later alerts join it instead of paging again.
import { type Kv, type KvCommand, kvKey, kvRun, ttl } from './kv.ts';

export type IncidentClaim = { claimed: true } | { claimed: false; jobId: string };

/** Joined alerts kept per incident: enough to show a storm's extent, bounded however long it lasts. */
export const MAX_JOINED_ALERTS = 100;

export interface IncidentStore {
  /** Opens the incident for `jobId`, or answers the job that holds it. Its own redelivery counts as claimed. */
  claim(key: string, jobId: string, windowSeconds: number): Promise<IncidentClaim>;
  /** Several claims in one round trip, answered in order. */
  claimAll(claims: { key: string; jobId: string }[], windowSeconds: number): Promise<IncidentClaim[]>;
  /** Undo a claim whose job could not be enqueued, so Alertmanager's retry opens it again. */
  release(key: string, jobId: string): Promise<void>;
  /** Records alerts that joined open incidents (a bounded list each), all in one round trip. */
  join(joins: { key: string; alert: string }[], windowSeconds: number): Promise<void>;
  /** The alerts that joined an incident, oldest first. */
  joined(key: string): Promise<string[]>;
}

export function incidentStore(kv: Kv, prefix = 'kr'): IncidentStore {
  const holderKey = (key: string) => kvKey(prefix, 'incident', key);
  const alertsKey = (key: string) => kvKey(prefix, 'incident', key, 'alerts');

  const claimAll: IncidentStore['claimAll'] = async (claims, windowSeconds) => {
    // SET NX then GET, per incident: the GET answers the holder when the SET lost, all in one batch.
    const commands = claims.flatMap(({ key, jobId }): KvCommand[] => [
      ['set', holderKey(key), jobId, { nx: true, ex: ttl(windowSeconds) }],
      ['get', holderKey(key)],
    ]);
    const replies = await kv.batch(commands);
    return claims.map(({ jobId }, i): IncidentClaim => {
      const holder = replies[2 * i + 1] as unknown as string | null;
      // Same job id: a redelivery of the alert that opened the incident, which may publish again (deduped by QStash).
      if (replies[2 * i] === true || holder === null || holder === jobId) return { claimed: true };
      return { claimed: false, jobId: holder };
    });
  };

  return {
    claimAll,
    async claim(key, jobId, windowSeconds) {
      const [claim] = await claimAll([{ key, jobId }], windowSeconds);
      return claim as IncidentClaim;
    },
    async release(key, jobId) {
      if ((await kvRun(kv, ['get', holderKey(key)])) === jobId) await kvRun(kv, ['del', holderKey(key)]);
    },
    async join(joins, windowSeconds) {
      const byKey = new Map<string, string[]>();
      for (const { key, alert } of joins) byKey.set(key, [...(byKey.get(key) ?? []), alert]);
      // One RPUSH per incident however many alerts joined it, then trim and refresh its window.
      const commands = [...byKey].flatMap(([key, alerts]): KvCommand[] => [
        ['rpush', alertsKey(key), ...alerts],
        ['ltrim', alertsKey(key), -MAX_JOINED_ALERTS, -1],
        ['expire', alertsKey(key), ttl(windowSeconds)],
      ]);
      if (commands.length > 0) await kv.batch(commands);
    },
    joined: (key) => kvRun(kv, ['lrange', alertsKey(key), 0, -1]),
  };
}
