/**
 * IANA time zones inside the sandbox. The JavaScript engine of a componentize-js guest
 * (StarlingMonkey) has no `Intl` at all, so `Intl.DateTimeFormat({ timeZone })` cannot be used: the
 * zone rules come from `@js-joda/timezone`, which bundles the IANA database (2026a for 2.25.2) as
 * plain data. Renewing the database means updating that package.
 */
import { DayOfWeek, Instant, LocalDate, LocalDateTime, LocalTime, ZonedDateTime, ZoneId, ZoneOffset } from '@js-joda/core';
import '@js-joda/timezone';

/** What the tools say about one moment in one zone (the fields of mcp-server-time's `TimeResult`). */
export interface TimeResult {
  timezone: string;
  datetime: string;
  day_of_week: string;
  is_dst: boolean;
}

/**
 * Every zone name of the database. Computed at module load, which componentize-js runs at build
 * time (a pre-initialised snapshot), so the first call does not pay for unpacking the database.
 */
const KNOWN_ZONES = new Set([...ZoneId.getAvailableZoneIds(), 'UTC']);

/**
 * The zone named `name`, an IANA name such as `Europe/Paris` or `UTC`. Only names of the database
 * are accepted (not offsets such as `+02:00`), like the reference server's `ZoneInfo(name)`.
 */
export function zoneNamed(name: string): ZoneId {
  if (!KNOWN_ZONES.has(name)) {
    throw new Error(`Invalid timezone: "${name}" is not an IANA time zone name (for example America/New_York, Europe/London, Asia/Kolkata or UTC)`);
  }
  return ZoneId.of(name);
}

/** `+HH:MM` (or `+HH:MM:SS`), as Python's `isoformat` writes an offset; never `Z`. */
function offsetText(offset: ZoneOffset): string {
  const total = offset.totalSeconds();
  const sign = total < 0 ? '-' : '+';
  const magnitude = Math.abs(total);
  const two = (n: number) => String(n).padStart(2, '0');
  const seconds = magnitude % 60;
  return `${sign}${two(Math.floor(magnitude / 3600))}:${two(Math.floor((magnitude % 3600) / 60))}${seconds ? `:${two(seconds)}` : ''}`;
}

/** ISO 8601 to the second with the offset: `2024-07-01T08:00:00-04:00`. */
function isoText(moment: ZonedDateTime): string {
  const local = moment.toLocalDateTime().withNano(0);
  const time = local.toLocalTime();
  return `${local.toLocalDate().toString()}T${time.toString().length === 5 ? `${time.toString()}:00` : time.toString()}${offsetText(moment.offset())}`;
}

/** `Monday`, from js-joda's `MONDAY`. */
function dayName(day: DayOfWeek): string {
  const upper = day.name();
  return upper.charAt(0) + upper.slice(1).toLowerCase();
}

/**
 * Whether daylight saving time is in force at `moment`. @js-joda/timezone keeps offsets but not the
 * database's DST flag, so the standard offset is taken as the smaller of the offsets in mid-January
 * and mid-July of that year (the same rule as moment-timezone): a zone is in DST when its offset is
 * above it. Zones without DST have equal offsets and are never in DST. (Europe/Dublin, whose
 * database rules call winter time the "negative" DST, reads as DST in summer, as people expect.)
 */
function inDaylightSaving(moment: ZonedDateTime): boolean {
  const rules = moment.zone().rules();
  const year = moment.year();
  const at = (month: number) => rules.offset(LocalDateTime.of(year, month, 15, 12, 0).atZone(ZoneOffset.UTC).toInstant()).totalSeconds();
  return moment.offset().totalSeconds() > Math.min(at(1), at(7));
}

/** The fields of `moment`, labelled with the zone name as the caller gave it. */
export function describe(moment: ZonedDateTime, timezone: string): TimeResult {
  return { timezone, datetime: isoText(moment), day_of_week: dayName(moment.dayOfWeek()), is_dst: inDaylightSaving(moment) };
}

/** Now, in `zone`. */
export function now(zone: ZoneId): ZonedDateTime {
  return ZonedDateTime.ofInstant(Instant.now(), zone);
}

/** Parses `HH:MM` (24-hour; one-digit hours allowed, like Python's `strptime("%H:%M")`). */
export function parseTime(text: string): LocalTime {
  const match = /^(\d{1,2}):(\d{1,2})$/.exec(text);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) throw new Error('Invalid time format. Expected HH:MM [24-hour format]');
  return LocalTime.of(hour, minute);
}

/** Parses an ISO date `YYYY-MM-DD`. */
export function parseDate(text: string): LocalDate {
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error('shape');
    return LocalDate.parse(text);
  } catch {
    throw new Error(`Invalid date "${text}". Expected YYYY-MM-DD`);
  }
}

/**
 * `time` on `date` in `zone`. A wall-clock time skipped by a clock change (02:30 on a spring-forward
 * day) is refused, as the reference server does; in a repeated hour (fall back) the earlier of the
 * two moments is taken, like Python's default `fold=0`.
 */
export function atZone(date: LocalDate, time: LocalTime, zone: ZoneId, zoneName: string, timeText: string): ZonedDateTime {
  const local = LocalDateTime.of(date, time);
  if (zone.rules().validOffsets(local).length === 0) {
    throw new Error(`Invalid time: ${timeText} does not exist in ${zoneName} on ${date.toString()} (skipped by a clock change)`);
  }
  return ZonedDateTime.of(local, zone);
}

/** The difference of two offsets in hours, written like the reference: `+1.0h`, `-4.0h`, `+5.75h`, `+5.5h`. */
export function hoursDifference(from: ZonedDateTime, to: ZonedDateTime): string {
  const hours = (to.offset().totalSeconds() - from.offset().totalSeconds()) / 3600;
  const sign = hours < 0 ? '-' : '+';
  if (Number.isInteger(hours)) return `${sign}${Math.abs(hours).toFixed(1)}h`;
  return `${sign}${Math.abs(hours).toFixed(2).replace(/0+$/, '').replace(/\.$/, '')}h`;
}
