// When a health report is due: a cron tick (UTC) is turned into the cluster's local date and time with the tz
// database (Intl), never by adding offsets by hand, so daylight saving moves the report with the clock.
//
// The rule: a slot's instant is the first moment the local clock reads `at` or later on that local date. The
// slot is due at the tick that falls in [instant, instant + 15 min). So:
// - an ambiguous local time (the hour repeated when clocks fall back) fires at its first occurrence only;
// - a local time that does not exist (skipped when clocks spring forward, e.g. 02:30 in New York) fires once, at
//   the first tick after the jump (03:00 local).
import type { HealthReportSchedule, Weekday } from './schedule.ts';
import { weekdays } from './schedule.ts';

/** The cron's period (wrangler.toml `*\/15 * * * *`): a slot is due at exactly one tick of it. */
export const TICK_MINUTES = 15;
const TICK_MS = TICK_MINUTES * 60_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** One report's slot: its local date and time, and the instant it was due. */
export interface Slot {
  /** `2026-11-23` (local). */
  date: string;
  /** `0900` (local, as scheduled). */
  time: string;
  timezone: string;
}

interface LocalTime {
  /** The local wall-clock time written as if it were UTC (ms): comparable, and free of offsets. */
  wall: number;
  weekday: Weekday;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, format);
  }
  return format;
}

/** The local wall-clock time of an instant in the zone. */
export function localTime(instant: number, timezone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(new Date(instant)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    (parts.hour ?? 0) % 24,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return { wall, weekday: weekdays[new Date(wall).getUTCDay()] as Weekday };
}

const dayOf = (wall: number) => wall - (((wall % DAY) + DAY) % DAY);
const isoDate = (wall: number) => new Date(wall).toISOString().slice(0, 10);

/**
 * The first instant whose local time reads `wall` or later: the earliest exact match when there is one (the first
 * of a repeated hour), else the moment the clock jumped past it (a skipped hour).
 */
function firstInstantAtOrAfter(wall: number, timezone: string): number {
  // Offsets a day either side bracket any transition near the wall time.
  const offsets = [wall - DAY, wall + DAY].map((t) => localTime(t, timezone).wall - t);
  const exact = offsets
    .map((offset) => wall - offset)
    .filter((instant) => localTime(instant, timezone).wall === wall);
  if (exact.length > 0) return Math.min(...exact);
  // In a gap: the earlier candidate reads before `wall`, the later one after it; find the minute of the jump.
  let before = wall - Math.max(...offsets);
  let after = wall - Math.min(...offsets);
  while (after - before > MINUTE) {
    const middle = before + Math.max(1, Math.floor((after - before) / 2 / MINUTE)) * MINUTE;
    if (localTime(middle, timezone).wall >= wall) after = middle;
    else before = middle;
  }
  return after;
}

const atMinutes = (at: string) => Number(at.slice(0, 2)) * 60 + Number(at.slice(3, 5));

/** The slot of the schedule due at this tick, if any. */
export function dueSlot(tick: Date, schedule: HealthReportSchedule): Slot | undefined {
  const { timezone } = schedule;
  const instant = tick.getTime();
  // The slot of a tick is on the local date of the tick, or of 15 min before it (a slot at 23:50).
  const days = new Set([
    dayOf(localTime(instant, timezone).wall),
    dayOf(localTime(instant - TICK_MS, timezone).wall),
  ]);
  for (const day of days) {
    const wall = day + atMinutes(schedule.at) * MINUTE;
    const due = firstInstantAtOrAfter(wall, timezone);
    if (instant < due || instant >= due + TICK_MS) continue;
    const weekday = weekdays[new Date(day).getUTCDay()] as Weekday;
    if (schedule.weekdays && !schedule.weekdays.includes(weekday)) continue;
    return { date: isoDate(day), time: schedule.at.replace(':', ''), timezone };
  }
  return undefined;
}

/** HEALTH_REPORT_EVERY_TICK (dev and tests): the tick's own 15-minute slot, so every tick is due once. */
export function tickSlot(tick: Date, timezone: string): Slot {
  const { wall } = localTime(tick.getTime(), timezone);
  const slot = wall - (((wall % TICK_MS) + TICK_MS) % TICK_MS);
  const hhmm = new Date(slot).toISOString().slice(11, 16);
  return { date: isoDate(slot), time: hhmm.replace(':', ''), timezone };
}

/** `report:<cluster>:<local date>T<HHMM>`: the same for every firing of one slot (QStash dedup + job ledger). */
export const slotJobId = (cluster: string, slot: Slot) => `report:${cluster}:${slot.date}T${slot.time}`;
