import { describe, expect, it } from 'vitest';
import { createDateReader } from './dates.js';

describe('dates in every accepted form', () => {
  const paris = createDateReader('Europe/Paris');

  it('reads a day as its midnight in the zone, summer and winter', () => {
    expect(paris.read('2026-09-01')).toBe(Date.UTC(2026, 7, 31, 22) / 1000);
    expect(paris.read('2026-01-15')).toBe(Date.UTC(2026, 0, 14, 23) / 1000);
  });

  it('reads wall times with or without seconds, with a space or a T', () => {
    expect(paris.read('2026-09-01 08:30')).toBe(Date.UTC(2026, 8, 1, 6, 30) / 1000);
    expect(paris.read('2026-09-01T08:30:15')).toBe(Date.UTC(2026, 8, 1, 6, 30, 15) / 1000);
  });

  it('settles the daylight-saving changes', () => {
    expect(paris.read('2026-03-29 03:30')).toBe(Date.UTC(2026, 2, 29, 1, 30) / 1000);
    expect(paris.read('2026-10-25 01:59')).toBe(Date.UTC(2026, 9, 24, 23, 59) / 1000);
  });

  it('takes Unix timestamps as they are, whatever the zone', () => {
    expect(paris.read('1788220800')).toBe(1788220800);
    expect(createDateReader('UTC').read('0')).toBe(0);
  });

  it('answers null for anything else, never now or 0', () => {
    for (const bad of ['', 'tomorrow', '01/09/2026', '2026-02-30', '2026-13-01', '2026-09-01 24:00', '2026-9-1', '-5']) {
      expect(paris.read(bad)).toBeNull();
    }
  });

  it('refuses a zone that does not exist with a message naming it', () => {
    expect(() => createDateReader('Mars/Olympus')).toThrow('Setting dates_timezone: "Mars/Olympus" is not a time zone');
    expect(createDateReader('UTC').read('2026-09-01')).toBe(Date.UTC(2026, 8, 1) / 1000);
  });
});
