// When a cluster's health report is due: once per local day at its time, in its own zone, across daylight saving
// changes (a repeated hour fires once, a skipped time fires at the first tick after the jump), on its weekdays.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../lib/config/index.ts';
import { dueSlot, type HealthReportSchedule, parseHealthReports, slotJobId } from '../../lib/health/index.ts';
import { healthReportJobs } from '../../lib/jobs/index.ts';

const QUARTER = 15 * 60_000;

/** Every 15-minute tick of the UTC day that starts at `fromIso`, for `hours` hours. */
function ticks(fromIso: string, hours = 24): Date[] {
  const start = Date.parse(fromIso);
  return Array.from({ length: (hours * 60) / 15 }, (_, i) => new Date(start + i * QUARTER));
}

const firing = (schedule: HealthReportSchedule, at: Date[]) =>
  at.flatMap((tick) => {
    const slot = dueSlot(tick, schedule);
    return slot ? [{ tick: tick.toISOString(), id: slotJobId('prod', slot) }] : [];
  });

describe('dueSlot', () => {
  it('Asia/Taipei 09:00 fires once across the 96 ticks of a day, at 01:00 UTC', () => {
    const fired = firing({ at: '09:00', timezone: 'Asia/Taipei' }, ticks('2026-11-22T16:00:00Z'));
    expect(fired).toEqual([{ tick: '2026-11-23T01:00:00.000Z', id: 'report:prod:2026-11-23T0900' }]);
  });

  it('America/New_York 01:30 fires once on the spring-forward day and once on the fall-back day', () => {
    const schedule = { at: '01:30', timezone: 'America/New_York' };
    // 2026-03-08: clocks jump 02:00 EST → 03:00 EDT. 01:30 is still EST (06:30 UTC).
    expect(firing(schedule, ticks('2026-03-08T05:00:00Z'))).toEqual([
      { tick: '2026-03-08T06:30:00.000Z', id: 'report:prod:2026-03-08T0130' },
    ]);
    // 2026-11-01: clocks fall back 02:00 EDT → 01:00 EST, so 01:30 happens twice; only the first fires.
    expect(firing(schedule, ticks('2026-11-01T04:00:00Z'))).toEqual([
      { tick: '2026-11-01T05:30:00.000Z', id: 'report:prod:2026-11-01T0130' },
    ]);
  });

  it('02:30 on the spring-forward day (a local time that does not exist) fires once, at the next valid tick', () => {
    const fired = firing({ at: '02:30', timezone: 'America/New_York' }, ticks('2026-03-08T05:00:00Z'));
    // 07:00 UTC is 03:00 EDT, the first moment the clock reads 02:30 or later that day.
    expect(fired).toEqual([{ tick: '2026-03-08T07:00:00.000Z', id: 'report:prod:2026-03-08T0230' }]);
  });

  it('fires once a day over a week that crosses a daylight-saving change, each at its local time', () => {
    const fired = firing({ at: '09:00', timezone: 'Europe/Berlin' }, ticks('2026-10-22T00:00:00Z', 7 * 24));
    expect(fired.map((f) => f.tick)).toEqual([
      '2026-10-22T07:00:00.000Z',
      '2026-10-23T07:00:00.000Z',
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-10-27T08:00:00.000Z',
      '2026-10-28T08:00:00.000Z',
    ]);
  });

  it('respects weekdays (local): Mon–Fri in Taipei skips the weekend', () => {
    const fired = firing(
      { at: '09:00', timezone: 'Asia/Taipei', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      ticks('2026-11-20T16:00:00Z', 7 * 24), // Sat 2026-11-21 00:00 Taipei, for a week
    );
    expect(fired.map((f) => f.id)).toEqual([
      'report:prod:2026-11-23T0900',
      'report:prod:2026-11-24T0900',
      'report:prod:2026-11-25T0900',
      'report:prod:2026-11-26T0900',
      'report:prod:2026-11-27T0900',
    ]);
  });

  it('a slot late in the evening is found from the tick just after local midnight', () => {
    const fired = firing({ at: '23:50', timezone: 'UTC' }, ticks('2026-11-23T00:00:00Z', 48));
    expect(fired).toEqual([
      { tick: '2026-11-23T00:00:00.000Z', id: 'report:prod:2026-11-22T2350' },
      { tick: '2026-11-24T00:00:00.000Z', id: 'report:prod:2026-11-23T2350' },
    ]);
  });
});

describe('HEALTH_REPORTS', () => {
  it('names the bad field', () => {
    expect(() => parseHealthReports('{"prod":{"at":"9am","timezone":"Asia/Taipei"}}')).toThrow(
      /HEALTH_REPORTS\.prod\.at: must be HH:MM/,
    );
    expect(() => parseHealthReports('{"prod":{"at":"09:00","timezone":"Mars/Olympus"}}')).toThrow(
      /HEALTH_REPORTS\.prod\.timezone: must be an IANA time zone/,
    );
    expect(() => parseHealthReports('{"prod":{"at":"09:00","to":["teams:X"]}}')).toThrow(
      /HEALTH_REPORTS\.prod\.to\[0\]: must be <channel>:<id>/,
    );
    expect(() => parseHealthReports('{')).toThrow(ConfigError);
  });

  it('without it, every configured cluster gets one at 09:00 UTC to the alert destinations', () => {
    const config = loadConfig({
      CLUSTERS: JSON.stringify({
        prod: { proxyUrl: 'http://prod.test', key: 'k'.repeat(16) },
        staging: { proxyUrl: 'http://staging.test', key: 'k'.repeat(16) },
      }),
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_CHANNEL: 'C-ALERTS',
    });
    const at = new Date('2026-11-23T09:00:00Z');
    const jobs = healthReportJobs({ cron: '*/15 * * * *', at }, config);
    expect(jobs.map((job) => [job.id, job.replyTo])).toEqual([
      ['report:prod:2026-11-23T0900', [{ channel: 'slack', to: 'C-ALERTS' }]],
      ['report:staging:2026-11-23T0900', [{ channel: 'slack', to: 'C-ALERTS' }]],
    ]);
    expect(healthReportJobs({ cron: '*/15 * * * *', at: new Date('2026-11-23T09:15:00Z') }, config)).toEqual(
      [],
    );
  });

  it('sends to its own targets, and the dev switch makes every tick due (same id within a tick slot)', () => {
    const config = loadConfig({
      HEALTH_REPORTS: JSON.stringify({
        prod: { at: '09:00', timezone: 'Asia/Taipei', to: ['line:U123', 'slack:C9'] },
      }),
      HEALTH_REPORT_EVERY_TICK: 'true',
      REPORT_QUIET: 'true',
    });
    const first = healthReportJobs({ cron: '*/15 * * * *', at: new Date('2026-11-23T03:07:00Z') }, config);
    const again = healthReportJobs({ cron: '*/15 * * * *', at: new Date('2026-11-23T03:14:59Z') }, config);
    expect(first.map((job) => [job.id, job.replyTo, job.quiet])).toEqual([
      [
        'report:prod:2026-11-23T1100',
        [
          { channel: 'line', to: 'U123' },
          { channel: 'slack', to: 'C9' },
        ],
        true,
      ],
    ]);
    expect(again.map((job) => job.id)).toEqual(first.map((job) => job.id));
  });
});
