// When a CronJob's schedule fires next: the standard five fields, names, steps, Vixie day rules, macros,
// @every and time zones — what "has not run when due" is measured against.
import { describe, expect, it } from 'vitest';
import { CronError, nextRun, parseCron } from '../../lib/evidence/index.ts';

const next = (schedule: string, after: string, timeZone?: string) => {
  const at = nextRun(parseCron(schedule), Date.parse(after), timeZone);
  return at === undefined ? undefined : new Date(at).toISOString();
};

describe('nextRun', () => {
  it.each([
    ['*/15 * * * *', '2026-11-23T10:07:00Z', '2026-11-23T10:15:00.000Z'],
    ['0 * * * *', '2026-11-23T10:00:00Z', '2026-11-23T11:00:00.000Z'],
    ['30 2 * * *', '2026-11-23T10:00:00Z', '2026-11-24T02:30:00.000Z'],
    // Weekdays only, every 6 hours: Friday evening → Monday midnight.
    ['0 */6 * * 1-5', '2026-11-27T18:30:00Z', '2026-11-30T00:00:00.000Z'],
    ['0 9 * * MON,WED', '2026-11-23T09:00:00Z', '2026-11-25T09:00:00.000Z'],
    ['0 0 1 JAN *', '2026-11-23T00:00:00Z', '2027-01-01T00:00:00.000Z'],
    ['@monthly', '2026-11-23T00:00:00Z', '2026-12-01T00:00:00.000Z'],
    ['@weekly', '2026-11-23T00:00:00Z', '2026-11-29T00:00:00.000Z'],
    ['0 12 * * 7', '2026-11-23T00:00:00Z', '2026-11-29T12:00:00.000Z'],
    // Both day fields restricted: either matches (the 1st, or any Monday).
    ['0 0 1 * 1', '2026-11-24T00:00:00Z', '2026-11-30T00:00:00.000Z'],
    // Day of week '*': the day of month alone decides.
    ['0 0 30 * *', '2026-11-24T00:00:00Z', '2026-11-30T00:00:00.000Z'],
    ['0 0 31 2 *', '2026-11-24T00:00:00Z', undefined],
    ['5/20 * * * *', '2026-11-23T10:26:00Z', '2026-11-23T10:45:00.000Z'],
  ])('%s after %s → %s', (schedule, after, expected) => {
    expect(next(schedule, after)).toBe(expected);
  });

  it('fires @every a fixed period after the last run', () => {
    expect(next('@every 1h30m', '2026-11-23T10:00:00Z')).toBe('2026-11-23T11:30:00.000Z');
  });

  it('reads the schedule in the CronJob time zone', () => {
    // 09:00 in Taipei (UTC+8) is 01:00 UTC.
    expect(next('0 9 * * *', '2026-11-23T02:00:00Z', 'Asia/Taipei')).toBe('2026-11-24T01:00:00.000Z');
    // New York in winter is UTC-5: 02:30 local is 07:30 UTC.
    expect(next('30 2 * * *', '2026-11-23T10:00:00Z', 'America/New_York')).toBe('2026-11-24T07:30:00.000Z');
  });

  it('refuses what is not a schedule, naming the problem', () => {
    expect(() => parseCron('* * * *')).toThrow(CronError);
    expect(() => parseCron('61 * * * *')).toThrow(/outside 0-59/);
    expect(() => parseCron('0 0 * * FUNDAY')).toThrow(/not a value/);
    expect(() => parseCron('0 5-1 * * *')).toThrow(/backwards/);
  });
});
