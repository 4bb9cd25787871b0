// ROUTES: an ordered list of rules, each a match (source × severity × namespace × cluster) and where it goes.
import { z } from 'zod';
import { ChatTarget } from '../chat/index.ts';
import { ReportSource, Severity } from '../report/index.ts';

/**
 * One value or a list of them (`"critical"` or `["critical", "warning"]`): the rule matches any of them. A single
 * value is read as a list of one, so a bad one is named with the values allowed (`ROUTES[0].source[0]: …`).
 */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(item).min(1));

const pattern = z.string().min(1).max(253);

export const RouteRule = z.strictObject({
  /** Where the event came from (lib/report's sources); unset: any. */
  source: oneOrMany(ReportSource).optional(),
  /** An alert's `severity` label; Argo CD: critical for sync-failed and degraded, else warning. Unset: any. */
  severity: oneOrMany(Severity).optional(),
  /** Glob(s) on the namespace (`prod-*`); an event about no namespace never matches a rule that names one. */
  namespace: oneOrMany(pattern).optional(),
  /** Glob(s) on the cluster's name (CLUSTERS' names, or CLUSTER_NAME). */
  cluster: oneOrMany(pattern).optional(),
  /** Where a matching event goes. */
  to: z.array(ChatTarget).min(1),
  /** `true`: after sending here, go on looking for further matching rules (the default is: first match wins). */
  continue: z.boolean().default(false),
});
export type RouteRule = z.infer<typeof RouteRule>;

export const Routes = z.array(RouteRule);
export type Routes = z.infer<typeof Routes>;

/** What a route is chosen by: facts of the event, never its free text. */
export interface RouteEvent {
  source: ReportSource;
  /** Free text for alerts (their label); only `critical`, `warning` and `info` can match a rule. */
  severity?: string;
  namespace?: string;
  cluster: string;
}
