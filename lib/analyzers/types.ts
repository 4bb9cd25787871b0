// The one small interface every analyzer implements.
import type { LogOptions, ResourceName } from '../cluster/index.ts';
import type { AnalysisContext } from '../evidence/index.ts';
import type { Finding } from '../report/index.ts';

export type LogRequest = LogOptions & { namespace: string; pod: string; previous: boolean };

/**
 * The lists an analyzer reads, keyed by the kind of object it reports on. `Pod`: read by every diagnosis in a
 * namespace (whatever an alert names, its pods show the trouble). Another kind: read when an alert names an
 * object of that kind. A namespace or cluster scan reads them all.
 */
export type Reads = Readonly<Partial<Record<string, readonly ResourceName[]>>>;

export interface Analyzer {
  /** Stable name, e.g. `crashloop`. */
  name: string;
  /** What it reads up front (see `Reads`); the loader derives every diagnosis's first read from these. */
  reads: Reads;
  /** Lists the snapshot read so far makes it want (a Pending pod's claims, a quota an event names, a log's timeout). */
  followUps?(context: AnalysisContext): ResourceName[];
  /** Logs this analyzer wants to read before it runs (only for objects under suspicion). */
  logs?(context: AnalysisContext): LogRequest[];
  /** Pure: findings from the snapshot, nothing else. */
  analyze(context: AnalysisContext): Finding[];
}

/** Bounds on what one log read may pull. */
export const LOG_TAIL_LINES = 60;
export const LOG_LIMIT_BYTES = 16_384;
