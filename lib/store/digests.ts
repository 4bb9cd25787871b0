// Digests: the problems each cluster's last health report listed, so the next one can say what is new, what is
// still going on (and since when) and what was resolved. One key per cluster, `kr:digest:<cluster>`.
import { z } from 'zod';
import { type Kv, kvKey, kvRun, ttl } from './kv.ts';

export const DigestProblem = z.object({
  /** `CrashLoopBackOff:Deployment shop/payment`: what makes two reports' problems the same problem. */
  key: z.string(),
  code: z.string(),
  severity: z.string(),
  /** `Deployment shop/payment`. */
  subject: z.string(),
  summary: z.string(),
  /** `MissingConfig — Secret shop/db`, when the diagnosis found one. */
  rootCause: z.string().optional(),
  /** When a report first listed it (ISO). */
  firstSeen: z.string(),
});
export type DigestProblem = z.infer<typeof DigestProblem>;

export const DigestState = z.object({
  cluster: z.string(),
  /** The report that listed these problems, and when it ran. */
  reportId: z.string(),
  at: z.string(),
  problems: z.array(DigestProblem),
});
export type DigestState = z.infer<typeof DigestState>;

export interface DigestStore {
  /** The cluster's last digest, or undefined (never sent, expired, or unreadable). */
  get(cluster: string): Promise<DigestState | undefined>;
  save(state: DigestState, ttlSeconds: number): Promise<void>;
}

export function digestStore(kv: Kv, prefix = 'kr'): DigestStore {
  const key = (cluster: string) => kvKey(prefix, 'digest', cluster);
  return {
    async get(cluster) {
      const value = await kvRun(kv, ['get', key(cluster)]);
      if (value === null) return undefined;
      // A digest from an older version is not worth failing a report over: it only makes everything "new".
      const parsed = DigestState.safeParse(JSON.parse(value));
      return parsed.success ? parsed.data : undefined;
    },
    async save(state, ttlSeconds) {
      await kvRun(kv, ['set', key(state.cluster), JSON.stringify(state), { ex: ttl(ttlSeconds) }]);
    },
  };
}
