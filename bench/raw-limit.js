import SQLite from 'better-sqlite3';
import { openCsvTable } from '../dist/csv/reader.js';
import { createStore } from '../dist/store/database.js';

/**
 * The raw limit of the users case: the same rows parsed by the same CSV reader and inserted into the same
 * table (same indexes) by a plain prepared statement in one transaction. Nothing a real run can beat.
 */
export async function measureRawUserInsert(csvPath, sqlitePath) {
  const store = await createStore({ sqlitePath });
  await store.close();
  const db = new SQLite(sqlitePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = db.prepare(
    'insert into lms_user (username, firstname, lastname, email, idnumber, mnethostid, confirmed, timecreated, timemodified) values (?, ?, ?, ?, ?, 1, 1, ?, ?)',
  );
  const started = process.hrtime.bigint();
  const table = await openCsvTable(csvPath, { separator: ';', encoding: 'UTF-8' }, {
    displayName: 'users.csv',
    spec: { required: ['username', 'firstname', 'lastname'], optional: ['email', 'idnumber'] },
  });
  let rows = 0;
  db.exec('begin');
  const now = Math.floor(Date.now() / 1000);
  for await (const batch of table.batches) {
    for (const row of batch) {
      insert.run(row.value('username'), row.value('firstname'), row.value('lastname'), row.value('email'), row.value('idnumber'), now, now);
      rows++;
    }
  }
  db.exec('commit');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return { rows, rowsPerSec: rows / seconds };
}
