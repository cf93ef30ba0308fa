import { describe, expect, it } from 'vitest';
import { padToBucket } from './sql-helpers.js';

describe('padToBucket', () => {
  it('keeps short lists and exact sizes, and pads others with their last value by at most an eighth', () => {
    expect(padToBucket([1, 2, 3])).toEqual([1, 2, 3]);
    expect(padToBucket([...Array(16).keys()])).toHaveLength(16);
    const padded = padToBucket([...Array(1001).keys()]);
    expect(padded).toHaveLength(1024);
    expect(padded.slice(1001)).toEqual(Array(23).fill(1000));
    for (let length = 9; length <= 2000; length++) {
      const size = padToBucket([...Array(length).keys()]).length;
      expect(size).toBeGreaterThanOrEqual(length);
      expect(size).toBeLessThanOrEqual(Math.ceil(length * 1.125) + 1);
    }
    const sizes = new Set(Array.from({ length: 1993 }, (_, index) => padToBucket([...Array(index + 8).keys()]).length));
    expect(sizes.size).toBeLessThan(70);
  });
});
