// The severity an Argo CD report is routed by: a failed sync or a degraded app pages, anything else warns.
import type { ArgoState } from '../events/index.ts';
import type { Severity } from '../report/index.ts';

const CRITICAL: readonly ArgoState[] = ['sync-failed', 'degraded'];

export const argoSeverity = (state: ArgoState): Severity =>
  CRITICAL.includes(state) ? 'critical' : 'warning';
