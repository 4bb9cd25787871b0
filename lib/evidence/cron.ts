// Cron schedules as Kubernetes CronJobs read them (robfig/cron standard parser): five fields, names, ranges,
// steps, lists, the @yearly…@hourly macros and @every. Answers when a schedule fires next, in UTC or a time zone.

export interface CronSchedule {
  /** Allowed values per field; a Set per field, the star flags keep Vixie cron's day-of-month/day-of-week rule. */
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  dayIsStar: boolean;
  weekdayIsStar: boolean;
  /** `@every 1h30m`: a fixed period from the previous run instead of fields. */
  everyMs?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class CronError extends Error {}

function value(token: string, min: number, max: number, names?: string[]): number {
  const named = names?.indexOf(token.toLowerCase()) ?? -1;
  const number = named >= 0 ? named + (names === MONTHS ? 1 : 0) : Number(token);
  if (!/^\d+$/.test(token) && named < 0) throw new CronError(`'${token}' is not a value`);
  if (number < min || number > max) throw new CronError(`${token} is outside ${min}-${max}`);
  return number;
}

function field(
  text: string,
  min: number,
  max: number,
  names?: string[],
): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronError(`step '${stepText}' in '${text}'`);
    let low: number;
    let high: number;
    if (range === '*' || range === '?') {
      [low, high] = [min, max];
      if (stepText === undefined) star = true;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [low, high] = [value(a, min, max, names), value(b, min, max, names)];
      if (low > high) throw new CronError(`range '${range}' runs backwards`);
    } else {
      low = value(range, min, max, names);
      high = stepText === undefined ? low : max;
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return { values, star };
}

function parseDuration(text: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  const rest = text.replace(/(\d+(?:\.\d+)?)(ms|h|m|s)/g, (_all, n: string, unit: string) => {
    total += Number(n) * (units[unit] ?? 0);
    return '';
  });
  if (rest !== '' || total <= 0) throw new CronError(`'@every ${text}' is not a duration`);
  return total;
}

export function parseCron(schedule: string): CronSchedule {
  const trimmed = schedule.trim().replace(/^(TZ|CRON_TZ)=\S+\s+/, '');
  if (trimmed.startsWith('@every ')) {
    const none = new Set<number>();
    return {
      minutes: none,
      hours: none,
      days: none,
      months: none,
      weekdays: none,
      dayIsStar: true,
      weekdayIsStar: true,
      everyMs: parseDuration(trimmed.slice(7).trim()),
    };
  }
  const expanded = MACROS[trimmed.toLowerCase()] ?? trimmed;
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5) throw new CronError(`'${schedule}' has ${fields.length} fields, not 5`);
  const [m = '', h = '', dom = '', mon = '', dow = ''] = fields;
  const weekdays = field(dow, 0, 7, WEEKDAYS);
  if (weekdays.values.delete(7)) weekdays.values.add(0); // 7 is Sunday too
  const days = field(dom, 1, 31);
  return {
    minutes: field(m, 0, 59).values,
    hours: field(h, 0, 23).values,
    days: days.values,
    months: field(mon, 1, 12, MONTHS).values,
    weekdays: weekdays.values,
    dayIsStar: days.star,
    weekdayIsStar: weekdays.star,
  };
}

interface Wall {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

/** Wall-clock fields of an instant in a time zone (UTC when none). */
function wallOf(instant: number, timeZone?: string): Wall {
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    const d = new Date(instant);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
    };
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** The instant at which a time zone's wall clock shows `wall` (the later one across a DST change). */
function instantOf(wall: Wall, timeZone?: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC') return asUtc;
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const shown = wallOf(guess, timeZone);
    const shownUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
    guess += asUtc - shownUtc;
  }
  return guess;
}

function dayMatches(schedule: CronSchedule, wall: Wall): boolean {
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  const byDay = schedule.days.has(wall.day);
  const byWeekday = schedule.weekdays.has(weekday);
  // Vixie cron: when both are restricted either may match; when one is '*', the other decides.
  if (schedule.dayIsStar || schedule.weekdayIsStar) return byDay && byWeekday;
  return byDay || byWeekday;
}

/** The first time after `after` (ms since epoch) at which the schedule fires; undefined if none within 5 years. */
export function nextRun(schedule: CronSchedule, after: number, timeZone?: string): number | undefined {
  if (schedule.everyMs) return after + schedule.everyMs;
  const start = wallOf(after, timeZone);
  const limit = start.year + 5;
  // Walk the wall clock field by field (month, day, hour, minute), skipping whole units that cannot match.
  const cursor = new Date(Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute + 1));
  while (cursor.getUTCFullYear() <= limit) {
    const wall: Wall = {
      year: cursor.getUTCFullYear(),
      month: cursor.getUTCMonth() + 1,
      day: cursor.getUTCDate(),
      hour: cursor.getUTCHours(),
      minute: cursor.getUTCMinutes(),
    };
    if (!schedule.months.has(wall.month)) {
      cursor.setUTCMonth(cursor.getUTCMonth() + 1, 1);
      cursor.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(schedule, wall)) {
      cursor.setUTCDate(cursor.getUTCDate() + 1);
      cursor.setUTCHours(0, 0, 0, 0);
    } else if (!schedule.hours.has(wall.hour)) {
      cursor.setUTCHours(cursor.getUTCHours() + 1, 0, 0, 0);
    } else if (!schedule.minutes.has(wall.minute)) {
      cursor.setUTCMinutes(cursor.getUTCMinutes() + 1, 0, 0);
    } else {
      const instant = instantOf(wall, timeZone);
      if (instant > after) return instant;
      cursor.setUTCMinutes(cursor.getUTCMinutes() + 1, 0, 0);
    }
  }
  return undefined;
}
