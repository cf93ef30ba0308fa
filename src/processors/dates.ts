import { createError } from '../errors.js';

export const DATES_INVALID_TIMEZONE = createError(
  'DATES_INVALID_TIMEZONE',
  {
    en: 'Setting dates_timezone: "{zone}" is not a time zone; use a name such as Europe/Paris, or leave it empty for the server\'s.',
    fr: 'Réglage dates_timezone : « {zone} » n’est pas un fuseau horaire ; utilisez un nom comme Europe/Paris, ou laissez vide pour celui du serveur.',
  },
  400,
);

/** The date forms every date column accepts (decision 20), for messages. */
export const DATE_FORMS = 'YYYY-MM-DD, YYYY-MM-DD hh:mm[:ss] or a Unix timestamp';

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads dates in a time zone: `YYYY-MM-DD`, `YYYY-MM-DD hh:mm[:ss]` (wall time in the zone) and Unix timestamps
 * (seconds), as Unix seconds. An unparsable value is `null`, never "now" or 0 (the original's defect 20).
 *
 * @example
 * createDateReader('Europe/Paris').read('2026-09-01') // 1756677600
 */
export function createDateReader(zone: string): { read(value: string): number | null } {
  const timeZone = zone || Intl.DateTimeFormat().resolvedOptions().timeZone;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw DATES_INVALID_TIMEZONE({ zone });
  }
  /** Milliseconds the zone is ahead of UTC at a given instant. */
  const offsetAt = (instant: number): number => {
    const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - Math.floor(instant / 1000) * 1000;
  };
  return {
    read(value) {
      const text = value.trim();
      if (/^\d{1,12}$/.test(text)) return Number(text);
      const match = DATE.exec(text);
      if (!match) return null;
      const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
      const wall = Date.UTC(year!, month! - 1, day!, hour, minute, second);
      const check = new Date(wall);
      // Date.UTC rolls 2026-02-30 over to March: such a date is not a date.
      if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
      // The offset at the guessed instant, then again at the result, settles daylight-saving changes.
      let instant = wall - offsetAt(wall);
      instant = wall - offsetAt(instant);
      return Math.floor(instant / 1000);
    },
  };
}
