// Time values the way the Docker Engine and CLI (both Go) read and print them, with nanosecond precision (JavaScript
// dates stop at milliseconds, and the engine's `Created` carries nanoseconds):
// - RFC 3339 timestamps as the engine writes `Created` (`2026-11-29T02:24:48.630431862Z`, or with a local offset);
// - Go's `time.Time.String()`, which `docker network ls --format '{{.CreatedAt}}'` prints;
// - Go durations (`24h`, `1h30m`, `1.5h`) and the engine's `until` filter values (moby api/types/time GetTimestamp).
// Instants are bigint nanoseconds since the Unix epoch.

export interface GoTimestamp {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Digits after the decimal point, as written (at most 9 kept). */
  readonly fraction: string;
  /** Offset east of UTC, in minutes. */
  readonly offsetMinutes: number;
  /** Written with `Z` (Go's UTC location) rather than a numeric offset. */
  readonly utc: boolean;
  readonly epochNanos: bigint;
}

const NANOS_PER_SECOND = 1_000_000_000n;
const NANOS_PER_MILLI = 1_000_000n;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Epoch milliseconds of a wall-clock date in UTC, correct for years below 100 (which `Date.UTC` maps to 19xx). */
function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

function fractionNanos(fraction: string): bigint {
  return fraction ? BigInt(fraction.slice(0, 9).padEnd(9, '0')) : 0n;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string;
}

function validWallClock(w: WallClock): boolean {
  return (
    w.month >= 1 && w.month <= 12 && w.day >= 1 && w.day <= daysInMonth(w.year, w.month) && w.hour <= 23 && w.minute <= 59 && w.second <= 59
  );
}

function epochNanosOf(w: WallClock, offsetMinutes: number): bigint {
  const millis = utcMillis(w.year, w.month, w.day, w.hour, w.minute, w.second);
  return BigInt(millis) * NANOS_PER_MILLI - BigInt(offsetMinutes) * 60n * NANOS_PER_SECOND + fractionNanos(w.fraction);
}

/** `±hh:mm` → minutes east of UTC, or undefined when out of range. */
function parseOffset(text: string): number | undefined {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 timestamp as the engine writes `Created`; undefined when it is not one (or is out of range). */
export function parseRfc3339(text: string): GoTimestamp | undefined {
  const match = RFC3339.exec(text.trim());
  if (!match) return undefined;
  const wall: WallClock = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Number(match[6]),
    fraction: (match[7] ?? '').slice(0, 9),
  };
  if (!validWallClock(wall)) return undefined;
  const utc = match[8] === 'Z';
  const offsetMinutes = utc ? 0 : parseOffset(match[8]!);
  if (offsetMinutes === undefined) return undefined;
  return { ...wall, offsetMinutes, utc, epochNanos: epochNanosOf(wall, offsetMinutes) };
}

/** Epoch nanoseconds of an engine timestamp, or undefined when absent or unreadable. */
export function epochNanosOfTimestamp(text: string | undefined): bigint | undefined {
  return text ? parseRfc3339(text)?.epochNanos : undefined;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
}

/** Go's zero `time.Time`, which the CLI prints when a network has no `Created`. */
export const GO_ZERO_TIME = '0001-01-01 00:00:00 +0000 UTC';

/**
 * Go's `time.Time.String()` ("2006-01-02 15:04:05.999999999 -0700 MST") for a timestamp parsed from the engine's JSON:
 * trailing zeros of the fraction dropped (and the dot with them), the wall clock kept in the offset it was written in.
 * `Z` prints as `+0000 UTC`; a numeric offset prints as Go's fabricated zone, `+0100 +0100` (the CLI prints a zone
 * abbreviation instead only when the offset happens to be its own local zone's).
 */
export function goTimeString(time: GoTimestamp): string {
  const fraction = time.fraction.replace(/0+$/, '');
  const offset = formatOffset(time.offsetMinutes);
  return (
    `${pad(time.year, 4)}-${pad(time.month, 2)}-${pad(time.day, 2)} ${pad(time.hour, 2)}:${pad(time.minute, 2)}:${pad(time.second, 2)}` +
    `${fraction ? `.${fraction}` : ''} ${offset} ${time.utc ? 'UTC' : offset}`
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Durations

const DURATION_UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: NANOS_PER_SECOND,
  m: 60n * NANOS_PER_SECOND,
  h: 3600n * NANOS_PER_SECOND,
};
const MAX_DURATION = (1n << 63n) - 1n;

/** Go's `time.ParseDuration`, in nanoseconds: `300ms`, `-1.5h`, `2h45m`; undefined when Go would reject it. */
export function parseGoDuration(text: string): bigint | undefined {
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return undefined;
  let total = 0n;
  const component = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (rest) {
    const match = component.exec(rest);
    if (!match) return undefined;
    const whole = match[1] ?? '';
    const fraction = match[2] ?? '';
    if (!whole && !fraction) return undefined;
    const unit = DURATION_UNITS[match[3]!]!;
    let value = BigInt(whole || '0') * unit;
    if (fraction) value += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    total += value;
    if (total > MAX_DURATION) return undefined;
    rest = rest.slice(match[0].length);
  }
  return negative ? -total : total;
}

// ---------------------------------------------------------------------------------------------------------------
// The engine's `until` filter

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function epochNanosOfDate(date: Date): bigint {
  return BigInt(date.getTime()) * NANOS_PER_MILLI;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/**
 * A time layout of moby's GetTimestamp as a regular expression: date, then optional `T` hour, minutes, seconds and
 * fraction (only those the layout has), then a zone when the layout has one. Go's `15` takes one or two digits.
 */
function layoutPattern(time: 'none' | 'h' | 'hm' | 'hms' | 'hmsf', zone: boolean): RegExp {
  const parts = ['(\\d{4})-(\\d{2})-(\\d{2})'];
  if (time !== 'none') parts.push('T(\\d{1,2})');
  if (time === 'hm' || time === 'hms' || time === 'hmsf') parts.push(':(\\d{2})');
  if (time === 'hms' || time === 'hmsf') parts.push(':(\\d{2})');
  if (time === 'hmsf') parts.push('(?:\\.(\\d+))?');
  if (zone) parts.push('(Z|[+-]\\d{2}:\\d{2})');
  return new RegExp(`^${parts.join('')}$`);
}

function parseWithLayout(value: string, pattern: RegExp, zone: boolean, localOffsetMinutes: number): bigint | undefined {
  const match = pattern.exec(value);
  if (!match) return undefined;
  const groups = match.slice(1);
  const zoneText = zone ? groups.pop() : undefined;
  const [year, month, day, hour, minute, second, fraction] = groups;
  const wall: WallClock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    fraction: (fraction ?? '').slice(0, 9),
  };
  if (!validWallClock(wall)) return undefined;
  const offset = zoneText === undefined ? localOffsetMinutes : zoneText === 'Z' ? 0 : parseOffset(zoneText);
  if (offset === undefined) return undefined;
  return epochNanosOf(wall, offset);
}

export type UntilResult = { readonly cutoffNanos: bigint } | { readonly error: string };

/**
 * The cutoff of a prune `until` filter, as moby computes it (api/types/time GetTimestamp, then ParseTimestamps):
 * a Go duration counts back from `now` and is truncated to whole seconds; RFC 3339-like timestamps (`2026-01-02`,
 * `2026-01-02T10`, `2026-01-02T10:04`, `2026-01-02T10:04:05.5`, each optionally with `Z` or `±hh:mm`) without a zone
 * are read in `localOffsetMinutes` (the engine uses its own local zone); anything else without a dash is a Unix
 * timestamp `seconds[.nanoseconds]`. The value `0` is the Unix epoch, not a zero duration.
 */
export function parseUntil(value: string, now: Date, localOffsetMinutes: number = -now.getTimezoneOffset()): UntilResult {
  const invalid = (why: string): UntilResult => ({ error: `invalid value for 'until' filter: ${why}` });
  if (value !== '0') {
    const duration = parseGoDuration(value);
    if (duration !== undefined) {
      const seconds = floorDiv(epochNanosOfDate(now) - duration, NANOS_PER_SECOND);
      return { cutoffNanos: seconds * NANOS_PER_SECOND };
    }
  }

  const parseInLocation = !/[zZ+]/.test(value) && count(value, '-') !== 3;
  let pattern: RegExp;
  if (value.includes('.')) {
    pattern = layoutPattern('hmsf', !parseInLocation);
  } else if (value.includes('T')) {
    let colons = count(value, ':');
    if (!parseInLocation && !/[zZ]/.test(value) && colons > 0) colons--;
    pattern = layoutPattern(colons === 0 ? 'h' : colons === 1 ? 'hm' : 'hms', !parseInLocation);
  } else {
    pattern = layoutPattern('none', !parseInLocation);
  }
  const parsed = parseWithLayout(value, pattern, !parseInLocation, localOffsetMinutes);
  if (parsed !== undefined) return { cutoffNanos: parsed };

  if (value.includes('-')) return invalid(`cannot parse "${value}" as a timestamp`);
  const unix = /^\+?(\d+)(?:\.(\d+))?$/.exec(value);
  if (!unix) return invalid(`failed to parse value as time or duration: "${value}"`);
  return { cutoffNanos: BigInt(unix[1]!) * NANOS_PER_SECOND + fractionNanos(unix[2] ?? '') };
}
