import type { RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../store/database.js';
import { padToBucket, selectIn, selectPairs, type InList } from './sql-helpers.js';

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

describe('lookups by list and by pairs on SQLite', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ sqlitePath: ':memory:' });
    const rows = Array.from({ length: 3000 }, (_, index) => ({ groupid: 1 + (index % 3), userid: 1 + index, component: '', itemid: 0, timeadded: 0 }));
    for (let start = 0; start < rows.length; start += 500) await store.db.insertInto('lms_groups_members').values(rows.slice(start, start + 500)).execute();
  });
  afterAll(() => store.close());

  it('finds the same rows through one JSON parameter as through chunked lists, repeats and misses included', async () => {
    const { db, sqlite } = store;
    const users = [...Array.from({ length: 2500 }, (_, index) => 2 * index + 1), 5, 5, 999_999];
    const byUser = (part: InList<number>) =>
      db.selectFrom('lms_groups_members').select(['groupid', 'userid']).where('userid', 'in', part).orderBy('userid').execute();
    const chunked = await selectIn(users, byUser);
    expect(chunked).toHaveLength(1500);
    expect(await selectIn(users, byUser, sqlite)).toEqual(chunked);
    expect(await selectIn([], byUser, sqlite)).toEqual([]);

    const pairs = [...users.map((userId) => [1 + ((userId - 1) % 3), userId] as const), [2, 1] as const, [1, 1] as const];
    const byPair = (condition: RawBuilder<boolean>) =>
      db.selectFrom('lms_groups_members').select(['groupid', 'userid']).where(condition).orderBy('userid').execute();
    const probed = await selectPairs(pairs, ['groupid', 'userid'], byPair);
    expect(probed).toEqual(chunked);
    expect(await selectPairs(pairs, ['groupid', 'userid'], byPair, sqlite)).toEqual(probed);
    expect(await selectPairs([], ['groupid', 'userid'], byPair, sqlite)).toEqual([]);
  });
});
