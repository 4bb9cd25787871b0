// HEALTH_REPORTS: when and where each cluster's health report goes, validated once, with the defaults of an unset
// setting (every cluster at 09:00 UTC to the alert destinations).
import { z } from 'zod';
import { ChatTarget } from '../chat/index.ts';
import { invalidConfiguration } from '../config/index.ts';
import { parseJsonSetting } from '../validation/index.ts';

/** The days of the week as a schedule names them, in `Date#getUTCDay` order (Sunday first). */
export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

/** Whether the runtime's time zone database knows the zone (Intl throws a RangeError for one it does not). */
function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const HealthReportSchedule = z.strictObject({
  /** Local time of the report, `HH:MM` (24 h). */
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour), e.g. 09:00'),
  /** An IANA time zone (`Asia/Taipei`, `America/New_York`); daylight saving comes from the tz database. */
  timezone: z.string().refine(knownTimeZone, 'must be an IANA time zone, e.g. Asia/Taipei').default('UTC'),
  /** The days it runs (local); unset: every day. */
  weekdays: z.array(z.enum(weekdays)).min(1).optional(),
  /** `slack:C…`, `line:U…`; unset: the alert destinations. */
  to: z.array(ChatTarget).min(1).optional(),
});
export type HealthReportSchedule = z.infer<typeof HealthReportSchedule>;

export const HealthReports = z.record(z.string().min(1), HealthReportSchedule);
export type HealthReports = z.infer<typeof HealthReports>;

/** What an unset HEALTH_REPORTS means for one cluster. */
export const DEFAULT_SCHEDULE: HealthReportSchedule = { at: '09:00', timezone: 'UTC' };

/** Parses HEALTH_REPORTS; the error names the bad field (`HEALTH_REPORTS.prod.timezone: …`). */
export function parseHealthReports(json: string): HealthReports {
  return parseJsonSetting('HEALTH_REPORTS', json, HealthReports, invalidConfiguration);
}

/** Each cluster's schedule: HEALTH_REPORTS when set, else every named cluster at the default. */
export function healthReportSchedules(
  json: string | undefined,
  clusterNames: readonly string[],
): [cluster: string, schedule: HealthReportSchedule][] {
  if (json) return Object.entries(parseHealthReports(json));
  return clusterNames.map((cluster) => [cluster, DEFAULT_SCHEDULE]);
}
