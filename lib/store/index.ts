// Store: state that outlives a request, one store per concern over one narrow key-value seam (Redis or memory).
import { approvalStore } from './approvals.ts';
import { argoFailureStore } from './argo-failures.ts';
import { conversationStore } from './conversations.ts';
import { digestStore } from './digests.ts';
import { incidentStore } from './incidents.ts';
import type { Kv } from './kv.ts';
import { jobLedger } from './ledger.ts';
import { reportStore } from './reports.ts';

export * from './approvals.ts';
export * from './argo-failures.ts';
export * from './conversations.ts';
export * from './digests.ts';
export * from './incidents.ts';
export * from './kv.ts';
export * from './ledger.ts';
export * from './memory-kv.ts';
export * from './posted.ts';
export * from './redis-kv.ts';
export * from './reports.ts';

/** Every store over one Kv, with one key prefix (`kr` unless several deployments share a database). */
export function stores(kv: Kv, prefix = 'kr') {
  return {
    incidents: incidentStore(kv, prefix),
    ledger: jobLedger(kv, prefix),
    reports: reportStore(kv, prefix),
    conversations: conversationStore(kv, prefix),
    approvals: approvalStore(kv, prefix),
    argoFailures: argoFailureStore(kv, prefix),
    digests: digestStore(kv, prefix),
  };
}
export type Stores = ReturnType<typeof stores>;
