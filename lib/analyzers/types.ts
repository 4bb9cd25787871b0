// The one small interface every analyzer implements.
import type { LogOptions } from '../cluster/index.ts';
import type { AnalysisContext } from '../evidence/index.ts';
import type { Finding } from '../report/index.ts';

export type LogRequest = LogOptions & { namespace: string; pod: string; previous: boolean };

export interface Analyzer {
  /** Stable name, e.g. `crashloop`. */
  name: string;
  /** Logs this analyzer wants to read before it runs (only for objects under suspicion). */
  logs?(context: AnalysisContext): LogRequest[];
  /** Pure: findings from the snapshot, nothing else. */
  analyze(context: AnalysisContext): Finding[];
}

/** Bounds on what one log read may pull. */
export const LOG_TAIL_LINES = 60;
export const LOG_LIMIT_BYTES = 16_384;
