// State that outlives a request: incidents, job idempotency, delivered messages and reports, in Upstash Redis.
import type { Redis } from '@upstash/redis';
import type { Report } from '../report/index.ts';

export type IncidentClaim = { claimed: true } | { claimed: false; jobId: string };

export interface Store {
  /** The first alert about a workload opens its incident; later ones within the window join it. */
  claimIncident(key: string, jobId: string, ttlSeconds: number): Promise<IncidentClaim>;
  /** Undo a claim whose job could not be enqueued, so Alertmanager's retry opens it again. */
  releaseIncident(key: string, jobId: string): Promise<void>;
  /** Remember an alert that joined an open incident (bounded list). */
  joinIncident(key: string, alertSummary: string, ttlSeconds: number): Promise<number>;
  /** Lock a job for one worker; false when another delivery holds it or it is done. */
  claimJob(jobId: string, ttlSeconds: number): Promise<'claimed' | 'running' | 'done'>;
  finishJob(jobId: string): Promise<void>;
  releaseJob(jobId: string): Promise<void>;
  /** Whether a job's message already reached a chat target (so a retry never doubles it). */
  wasDelivered(jobId: string, target: string): Promise<boolean>;
  markDelivered(jobId: string, target: string): Promise<void>;
  saveReport(report: Report, ttlSeconds: number): Promise<void>;
  getReport(id: string): Promise<Report | undefined>;
}

const DAY = 86_400;
const MAX_JOINED_ALERTS = 100;

export class RedisStore implements Store {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'kr',
  ) {}

  #key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async claimIncident(key: string, jobId: string, ttlSeconds: number): Promise<IncidentClaim> {
    const ok = await this.redis.set(this.#key('incident', key), jobId, {
      nx: true,
      ex: Math.max(1, ttlSeconds),
    });
    if (ok === 'OK') return { claimed: true };
    const holder = await this.redis.get<string>(this.#key('incident', key));
    // Same job id: a redelivery of the alert that opened the incident, which may publish again (deduped by QStash).
    if (holder === null || holder === jobId) return { claimed: true };
    return { claimed: false, jobId: holder };
  }

  async releaseIncident(key: string, jobId: string): Promise<void> {
    const holder = await this.redis.get<string>(this.#key('incident', key));
    if (holder === jobId) await this.redis.del(this.#key('incident', key));
  }

  async joinIncident(key: string, alertSummary: string, ttlSeconds: number): Promise<number> {
    const list = this.#key('incident', key, 'alerts');
    const pipeline = this.redis.pipeline();
    pipeline.rpush(list, alertSummary);
    pipeline.ltrim(list, -MAX_JOINED_ALERTS, -1);
    pipeline.expire(list, Math.max(1, ttlSeconds));
    pipeline.llen(list);
    const results = await pipeline.exec<[number, string, number, number]>();
    return results[3];
  }

  async claimJob(jobId: string, ttlSeconds: number): Promise<'claimed' | 'running' | 'done'> {
    if ((await this.redis.get(this.#key('job', jobId, 'done'))) !== null) return 'done';
    const ok = await this.redis.set(this.#key('job', jobId, 'lock'), '1', {
      nx: true,
      ex: Math.max(1, ttlSeconds),
    });
    return ok === 'OK' ? 'claimed' : 'running';
  }

  async finishJob(jobId: string): Promise<void> {
    await this.redis.set(this.#key('job', jobId, 'done'), '1', { ex: 7 * DAY });
    await this.redis.del(this.#key('job', jobId, 'lock'));
  }

  async releaseJob(jobId: string): Promise<void> {
    await this.redis.del(this.#key('job', jobId, 'lock'));
  }

  async wasDelivered(jobId: string, target: string): Promise<boolean> {
    return (await this.redis.get(this.#key('job', jobId, 'delivered', target))) !== null;
  }

  async markDelivered(jobId: string, target: string): Promise<void> {
    await this.redis.set(this.#key('job', jobId, 'delivered', target), '1', { ex: 7 * DAY });
  }

  async saveReport(report: Report, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.#key('report', report.id), JSON.stringify(report), {
      ex: Math.max(1, ttlSeconds),
    });
  }

  async getReport(id: string): Promise<Report | undefined> {
    const value = await this.redis.get<Report | string>(this.#key('report', id));
    if (value === null) return undefined;
    return typeof value === 'string' ? (JSON.parse(value) as Report) : value;
  }
}

/** A process-local Store for the CLI and a bare `wrangler dev` (QUEUE=inline) without Redis. */
export class MemoryStore implements Store {
  readonly #values = new Map<string, { value: string; expires: number }>();
  readonly #lists = new Map<string, string[]>();

  #get(key: string): string | undefined {
    const entry = this.#values.get(key);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      this.#values.delete(key);
      return undefined;
    }
    return entry.value;
  }

  #set(key: string, value: string, ttlSeconds: number, nx = false): boolean {
    if (nx && this.#get(key) !== undefined) return false;
    this.#values.set(key, { value, expires: Date.now() + ttlSeconds * 1000 });
    return true;
  }

  async claimIncident(key: string, jobId: string, ttlSeconds: number): Promise<IncidentClaim> {
    if (this.#set(`incident:${key}`, jobId, ttlSeconds, true)) return { claimed: true };
    const holder = this.#get(`incident:${key}`);
    return holder === undefined || holder === jobId ? { claimed: true } : { claimed: false, jobId: holder };
  }

  async releaseIncident(key: string, jobId: string): Promise<void> {
    if (this.#get(`incident:${key}`) === jobId) this.#values.delete(`incident:${key}`);
  }

  async joinIncident(key: string, alertSummary: string): Promise<number> {
    const list = this.#lists.get(key) ?? [];
    list.push(alertSummary);
    this.#lists.set(key, list.slice(-MAX_JOINED_ALERTS));
    return list.length;
  }

  async claimJob(jobId: string, ttlSeconds: number): Promise<'claimed' | 'running' | 'done'> {
    if (this.#get(`job:${jobId}:done`) !== undefined) return 'done';
    return this.#set(`job:${jobId}:lock`, '1', ttlSeconds, true) ? 'claimed' : 'running';
  }

  async finishJob(jobId: string): Promise<void> {
    this.#set(`job:${jobId}:done`, '1', 7 * DAY);
    this.#values.delete(`job:${jobId}:lock`);
  }

  async releaseJob(jobId: string): Promise<void> {
    this.#values.delete(`job:${jobId}:lock`);
  }

  async wasDelivered(jobId: string, target: string): Promise<boolean> {
    return this.#get(`job:${jobId}:delivered:${target}`) !== undefined;
  }

  async markDelivered(jobId: string, target: string): Promise<void> {
    this.#set(`job:${jobId}:delivered:${target}`, '1', 7 * DAY);
  }

  async saveReport(report: Report, ttlSeconds: number): Promise<void> {
    this.#set(`report:${report.id}`, JSON.stringify(report), ttlSeconds);
  }

  async getReport(id: string): Promise<Report | undefined> {
    const value = this.#get(`report:${id}`);
    return value === undefined ? undefined : (JSON.parse(value) as Report);
  }
}
