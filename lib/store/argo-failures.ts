// Argo CD failures on record, per app: the messages a failure was posted as, so the sync that later succeeds
// answers ✅ in the failure's thread, once.
import { z } from 'zod';
import { type Kv, kvKey, kvRun, ttl } from './kv.ts';
import { PostedMessage } from './posted.ts';

export const ArgoFailureRecord = z.object({
  failureKey: z.string(),
  /** Each posted message (channel, to, id, thread): where the ✅ goes. */
  refs: z.array(PostedMessage),
});
export type ArgoFailureRecord = z.infer<typeof ArgoFailureRecord>;

export interface ArgoFailureStore {
  /** Records (or adds to) the failure an app's last message was about. */
  record(cluster: string, app: string, failure: ArgoFailureRecord, ttlSeconds: number): Promise<void>;
  get(cluster: string, app: string): Promise<ArgoFailureRecord | undefined>;
  clear(cluster: string, app: string): Promise<void>;
}

export function argoFailureStore(kv: Kv, prefix = 'kr'): ArgoFailureStore {
  const key = (cluster: string, app: string) => kvKey(prefix, 'argo', cluster, app, 'failure');
  const get: ArgoFailureStore['get'] = async (cluster, app) => {
    const value = await kvRun(kv, ['get', key(cluster, app)]);
    if (value === null) return undefined;
    const parsed = ArgoFailureRecord.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  };
  return {
    get,
    async record(cluster, app, failure, ttlSeconds) {
      // A retry of the same failure that reached more chats adds its refs; a new failure replaces the old one.
      const known = await get(cluster, app);
      const refs =
        known?.failureKey === failure.failureKey
          ? [
              ...known.refs,
              ...failure.refs.filter(
                (r) => !known.refs.some((k) => k.channel === r.channel && k.to === r.to),
              ),
            ]
          : failure.refs;
      await kvRun(kv, [
        'set',
        key(cluster, app),
        JSON.stringify({ ...failure, refs }),
        { ex: ttl(ttlSeconds) },
      ]);
    },
    async clear(cluster, app) {
      await kvRun(kv, ['del', key(cluster, app)]);
    },
  };
}
