// The stores as one delivery of a job sees them. While retries remain, a store failure stops the delivery as a
// StoreUnavailableError (answered 503, retried). On the last delivery the stores are best effort: the first
// failure marks dedup unavailable, every later call is skipped with a safe answer, and the job still sends its
// message (saying it may be a duplicate) instead of nothing.
import type { IncidentStore, JobLedger, ReportStore } from '../store/index.ts';
import { StoreUnavailableError } from './failure.ts';
import type { JobDeps } from './types.ts';

/** What a last delivery found out about the stores: once unavailable, they are not asked again. */
export interface DedupState {
  unavailable: boolean;
}

type Stores = Pick<JobDeps, 'ledger' | 'reports' | 'incidents'>;
type Methods<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<infer R> ? R : never };

/** Each method of `store` through `call`, which runs it (or not) and decides what a failure becomes. */
function wrap<T extends object>(
  store: T,
  call: (method: keyof T, run: () => Promise<unknown>) => Promise<unknown>,
): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => call(property as keyof T, () => value.apply(target, args));
    },
  });
}

const strict = <T extends object>(name: string, store: T): T =>
  wrap(store, (_method, run) =>
    run().catch((error: unknown) => {
      throw error instanceof StoreUnavailableError
        ? error
        : new StoreUnavailableError(name, { cause: error });
    }),
  );

function bestEffort<T extends object>(store: T, fallback: Partial<Methods<T>>, state: DedupState): T {
  return wrap(store, async (method, run) => {
    const answer = fallback[method];
    if (state.unavailable) return answer;
    try {
      return await run();
    } catch {
      state.unavailable = true;
      return answer;
    }
  });
}

/** Without a claim the job runs (a duplicate at worst); without delivered marks every target is sent to. */
const ledgerFallback: Partial<Methods<JobLedger>> = { claim: 'claimed', wasDelivered: false };
const reportsFallback: Partial<Methods<ReportStore>> = {};
/** Without the incident store nothing is grouped: the alert gets its own message. */
const incidentsFallback: Partial<Methods<IncidentStore>> = { claim: { claimed: true }, joined: [] };

/** The job's stores for this delivery: strict while retries remain, best effort on the last one. */
export function guardedStores(deps: Stores, finalAttempt: boolean, state: DedupState): Stores {
  if (!finalAttempt) {
    return {
      ledger: strict('job ledger', deps.ledger),
      reports: strict('report store', deps.reports),
      ...(deps.incidents ? { incidents: strict('incident store', deps.incidents) } : {}),
    };
  }
  return {
    ledger: bestEffort(deps.ledger, ledgerFallback, state),
    reports: bestEffort(deps.reports, reportsFallback, state),
    ...(deps.incidents ? { incidents: bestEffort(deps.incidents, incidentsFallback, state) } : {}),
  };
}
