// Reports: each diagnosis as sent, kept for follow-ups (the AI part, chat questions) and for reading back.
import { Report } from '../report/index.ts';
import { type Kv, kvKey, kvRun, ttl } from './kv.ts';

export interface ReportStore {
  save(report: Report, ttlSeconds: number): Promise<void>;
  /** The report, or undefined once it expired (or was never stored). */
  get(id: string): Promise<Report | undefined>;
}

export function reportStore(kv: Kv, prefix = 'kr'): ReportStore {
  const key = (id: string) => kvKey(prefix, 'report', id);
  return {
    async save(report, ttlSeconds) {
      await kvRun(kv, ['set', key(report.id), JSON.stringify(report), { ex: ttl(ttlSeconds) }]);
    },
    async get(id) {
      const value = await kvRun(kv, ['get', key(id)]);
      return value === null ? undefined : Report.parse(JSON.parse(value));
    },
  };
}
