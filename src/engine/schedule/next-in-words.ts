import type { Bilingual } from '../../errors.js';

const plural = (count: number, en: string, fr: string): Bilingual => ({
  en: `${count} ${en}${count === 1 ? '' : 's'}`,
  fr: `${count} ${fr}${count === 1 ? '' : 's'}`,
});

/** How far ahead a time is, in words: `in 45 minutes`, `in 5 hours 30 minutes`, `in 3 days` (`dans …`). */
export function nextInWords(next: Date, now: Date): Bilingual {
  const minutes = Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 60_000));
  let parts: Bilingual[];
  if (minutes < 60) parts = [plural(minutes, 'minute', 'minute')];
  else if (minutes < 48 * 60) {
    const hours = Math.floor(minutes / 60);
    parts = [plural(hours, 'hour', 'heure'), ...(minutes % 60 ? [plural(minutes % 60, 'minute', 'minute')] : [])];
  } else parts = [plural(Math.round(minutes / 1440), 'day', 'jour')];
  return { en: `in ${parts.map((part) => part.en).join(' ')}`, fr: `dans ${parts.map((part) => part.fr).join(' ')}` };
}
