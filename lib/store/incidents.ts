// Incidents: the first alert about a subject opens one for a window; later alerts join it instead of paging again.
// Each incident also keeps its firing alerts (by fingerprint) and the thread its message started, so later alerts
// update that thread and the last resolve closes it.
import { z } from 'zod';
import { type Kv, type KvCommand, kvKey, kvRun, ttl } from './kv.ts';
import { PostedMessage } from './posted.ts';

/** How long a thread is remembered: a re-fire within it reopens the same thread instead of a new message. */
export const INCIDENT_THREAD_TTL_SECONDS = 86_400;

/** Severities from least to most urgent; an unknown one ranks below them all. */
export const SEVERITY_ORDER = ['none', 'info', 'warning', 'error', 'critical'] as const;
export const severityRank = (severity: string | undefined) =>
  SEVERITY_ORDER.indexOf((severity ?? '').toLowerCase() as (typeof SEVERITY_ORDER)[number]);

/** A firing alert as the incident keeps it: its name and severity (`["name","severity"]`). */
export interface FiringAlert {
  name: string;
  severity?: string;
}

// JSON, because Upstash's SDK tries JSON.parse on every hash value it reads: a value that is not JSON throws inside
// it, and a 50-alert webhook's sighting read thousands of them (a third of its ingest time went to those throws).
const firingValue = (alert: FiringAlert) => JSON.stringify([alert.name, alert.severity ?? '']);
const firingOf = (value: string): FiringAlert => {
  // `name<TAB>severity`: what incidents recorded before, still read for as long as they live (24 h).
  const [name = '', severity = ''] = value.startsWith('[') ? parsedPair(value) : value.split('\t');
  return { name, ...(severity ? { severity } : {}) };
};
const parsedPair = (value: string): string[] => {
  try {
    const pair: unknown = JSON.parse(value);
    return Array.isArray(pair) ? pair.map(String) : [];
  } catch {
    return [];
  }
};

/** Where an incident's message went and what it said: the thread later alerts update. */
export const IncidentThread = z.object({
  /** The report the message was made from (a resolved Slack message is that report, turned green). */
  reportId: z.string(),
  /** `KubePodCrashLooping — Deployment shop/payment`. */
  title: z.string(),
  /** When the incident started (its first alert's startsAt): a resolve says how long it lasted. */
  openedAt: z.string(),
  status: z.enum(['firing', 'resolved']),
  /** The alert names the thread has told of, and the highest severity it has. */
  names: z.array(z.string()),
  severity: z.string().optional(),
  /** Each posted message (Slack: channel + ts; LINE: the chat, no id to edit). */
  refs: z.array(
    PostedMessage.extend({
      /** The chat's own language (`?lang=` on its target): the thread's lines are said in it. */
      lang: z.string().optional(),
    }),
  ),
  resolvedAt: z.string().optional(),
  /** The lead finding's root cause when last diagnosed (`code Kind/namespace/name`, empty: none found). */
  cause: z.string().optional(),
  /** When the incident was last diagnosed: a recheck is due once it is older than INCIDENT_RECHECK_SECONDS. */
  diagnosedAt: z.string().optional(),
});
export type IncidentThread = z.infer<typeof IncidentThread>;

export type IncidentClaim = { claimed: true } | { claimed: false; jobId: string };

/** What the webhook's first round trip read of an incident: the job holding it (its claim) and its thread. */
export interface IncidentLook {
  holder: string | null;
  thread?: IncidentThread;
}

/** One incident's writes of a webhook: its firing alerts, the fingerprints that resolved, and a claim only when the
 * look found no holder. */
export interface IncidentRecord {
  key: string;
  jobId: string;
  firing: ({ fingerprint: string } & FiringAlert)[];
  resolved: string[];
  claim: boolean;
}

/** What the writes answered: the claim asked for, and whether the last firing alert resolved. */
export interface IncidentRecorded {
  claim?: IncidentClaim;
  /** With a claim: the incident had firing alerts before this webhook (an open incident whose window lapsed). */
  hadFiring?: boolean;
  /** A resolved alert was removed and nothing fires any more: the incident resolved with this webhook. */
  emptied: boolean;
}

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
  /** The holder and thread of every incident, in one command (`MGET`). */
  look(keys: string[]): Promise<IncidentLook[]>;
  /**
   * A webhook's writes, in one round trip: the firing set (kept `threadSeconds`) gains the firing fingerprints
   * (`HSET` + `EXPIRE`) and loses the resolved ones (`HDEL` + `HLEN`); `SET NX` + `GET` claim where asked.
   */
  record(
    records: IncidentRecord[],
    windowSeconds: number,
    threadSeconds: number,
  ): Promise<IncidentRecorded[]>;
  /** The incident's firing alerts by fingerprint. */
  firing(key: string): Promise<Record<string, FiringAlert>>;
  thread(key: string): Promise<IncidentThread | undefined>;
  saveThread(key: string, thread: IncidentThread, ttlSeconds: number): Promise<void>;
  /** Ends an incident: the next alert about it opens (and diagnoses) it again. Its thread stays. */
  close(key: string): Promise<void>;
}

export function incidentStore(kv: Kv, prefix = 'kr'): IncidentStore {
  const holderKey = (key: string) => kvKey(prefix, 'incident', key);
  const alertsKey = (key: string) => kvKey(prefix, 'incident', key, 'alerts');
  const firingKey = (key: string) => kvKey(prefix, 'incident', key, 'firing');
  const threadKey = (key: string) => kvKey(prefix, 'incident', key, 'thread');
  const parseThread = (value: string | null) => {
    if (value === null) return undefined;
    const parsed = IncidentThread.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  };
  const firingMap = (hash: Record<string, string>) =>
    Object.fromEntries(Object.entries(hash).map(([fingerprint, value]) => [fingerprint, firingOf(value)]));

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
    async look(keys) {
      if (keys.length === 0) return [];
      const values = await kvRun(kv, ['mget', ...keys.flatMap((key) => [holderKey(key), threadKey(key)])]);
      return keys.map((_, i): IncidentLook => {
        const thread = parseThread(values[2 * i + 1] ?? null);
        return { holder: values[2 * i] ?? null, ...(thread ? { thread } : {}) };
      });
    },
    async record(records, windowSeconds, threadSeconds) {
      const plans = records.map(({ key, jobId, claim, firing, resolved }): KvCommand[] => [
        // Before the firing set changes: whether a claimed incident was already firing.
        ...(claim ? ([['hlen', firingKey(key)]] as KvCommand[]) : []),
        ...(firing.length > 0
          ? ([
              [
                'hset',
                firingKey(key),
                Object.fromEntries(firing.map((a) => [a.fingerprint, firingValue(a)])),
              ],
              ['expire', firingKey(key), ttl(threadSeconds)],
            ] as KvCommand[])
          : []),
        ...(resolved.length > 0
          ? ([
              ['hdel', firingKey(key), ...resolved],
              ['hlen', firingKey(key)],
            ] as KvCommand[])
          : []),
        // SET NX then GET: the GET answers the holder when the SET lost a race.
        ...(claim
          ? ([
              ['set', holderKey(key), jobId, { nx: true, ex: ttl(windowSeconds) }],
              ['get', holderKey(key)],
            ] as KvCommand[])
          : []),
      ]);
      if (plans.every((plan) => plan.length === 0)) return records.map(() => ({ emptied: false }));
      const replies = (await kv.batch(plans.flat())) as unknown[];
      let at = 0;
      return records.map(({ jobId, claim, firing, resolved }, i): IncidentRecorded => {
        const reply = replies.slice(at, at + (plans[i] as KvCommand[]).length);
        at += (plans[i] as KvCommand[]).length;
        const afterWrites = (claim ? 1 : 0) + (firing.length > 0 ? 2 : 0);
        const emptied =
          resolved.length > 0 && (reply[afterWrites] as number) > 0 && reply[afterWrites + 1] === 0;
        if (!claim) return { emptied };
        const [hadFiring, written, holder] = [reply[0], reply.at(-2), reply.at(-1)] as [
          number,
          boolean,
          string | null,
        ];
        return {
          claim:
            written === true || holder === null || holder === jobId
              ? { claimed: true }
              : { claimed: false, jobId: holder },
          hadFiring: hadFiring > 0,
          emptied,
        };
      });
    },
    firing: async (key) => firingMap(await kvRun(kv, ['hgetall', firingKey(key)])),
    thread: async (key) => parseThread(await kvRun(kv, ['get', threadKey(key)])),
    async saveThread(key, thread, ttlSeconds) {
      await kvRun(kv, ['set', threadKey(key), JSON.stringify(thread), { ex: ttl(ttlSeconds) }]);
    },
    async close(key) {
      await kvRun(kv, ['del', holderKey(key)]);
    },
  };
}
