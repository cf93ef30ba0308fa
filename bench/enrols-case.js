import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import SQLite from 'better-sqlite3';
import { openCsvTable } from '../dist/csv/reader.js';
import { createStore } from '../dist/store/database.js';

/**
 * The enrolment case: `users` accounts (idnumber U<n>) and `courses` courses (COURSE<n>, each with its manual
 * instance and context) in the store of a data folder, as a Moodle would hold them before the nightly file.
 */
export async function seedEnrolmentSite(sqlitePath, { users, courses }) {
  const store = await createStore({ sqlitePath });
  await store.close();
  const db = new SQLite(sqlitePath);
  const insertUser = db.prepare("insert into lms_user (username, firstname, lastname, email, idnumber, mnethostid, confirmed) values (?, 'First', 'Last', ?, ?, 1, 1)");
  const insertCourse = db.prepare("insert into lms_course (shortname, fullname, category) values (?, ?, 1)");
  const insertContext = db.prepare('insert into lms_context (contextlevel, instanceid) values (50, ?)');
  const insertInstance = db.prepare("insert into lms_enrol (enrol, courseid, roleid) values ('manual', ?, 5)");
  db.transaction(() => {
    for (let i = 1; i <= users; i++) insertUser.run(`user${i}`, `user${i}@example.edu`, `U${i}`);
    for (let i = 1; i <= courses; i++) {
      const id = Number(insertCourse.run(`COURSE${i}`, `Course ${i}`).lastInsertRowid);
      insertContext.run(id);
      insertInstance.run(id);
    }
  })();
  db.close();
}

/**
 * Writes an enrolment file of `rows` distinct (course, user) pairs: each user in rows/users courses, each row
 * `add` with `manual` and `gaddcreate` of one of ten groups of its course.
 */
export async function generateEnrolsFile(path, { rows, users, courses }) {
  const out = createWriteStream(path);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('cmd;cid;uid;rolename;enrol;gcmd;g1\n');
  const step = Math.floor(courses / Math.ceil(rows / users));
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const user = i % users;
    const course = ((user + Math.floor(i / users) * step) % courses) + 1;
    chunk += `add;COURSE${course};U${user + 1};student;manual;gaddcreate;Group ${(Math.floor(user / courses) % 10) + 1}\n`;
    if (i % 1000 === 999) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
}

/**
 * The raw limit of the enrolment case: the same file read by the same CSV reader, its ids taken from maps
 * loaded beforehand, and the same user-enrolment and role-assignment rows inserted by plain prepared
 * statements in one transaction, into the same tables (same indexes).
 */
export async function measureRawEnrolInsert(csvPath, sqlitePath) {
  const db = new SQLite(sqlitePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const users = new Map(db.prepare('select idnumber, id from lms_user').raw().all());
  const courses = new Map(
    db.prepare("select c.shortname, e.id, ctx.id from lms_course c join lms_enrol e on e.courseid = c.id and e.enrol = 'manual' join lms_context ctx on ctx.instanceid = c.id and ctx.contextlevel = 50")
      .raw()
      .all()
      .map(([shortname, enrolid, contextid]) => [shortname, { enrolid, contextid }]),
  );
  const insertEnrolment = db.prepare('insert into lms_user_enrolments (enrolid, userid, status, timestart, timeend, timecreated, timemodified) values (?, ?, 0, 0, 0, ?, ?)');
  const insertRole = db.prepare("insert into lms_role_assignments (roleid, contextid, userid, component, itemid, timemodified) values (5, ?, ?, '', 0, ?)");
  const started = process.hrtime.bigint();
  const table = await openCsvTable(csvPath, { separator: ';', encoding: 'UTF-8' }, {
    displayName: 'enrols.csv',
    spec: { required: ['cid', 'uid', 'rolename'], optional: ['cmd', 'enrol', 'gcmd', 'g1'] },
  });
  let rows = 0;
  const now = Math.floor(Date.now() / 1000);
  db.exec('begin');
  for await (const batch of table.batches) {
    for (const row of batch) {
      const course = courses.get(row.value('cid'));
      const userId = users.get(row.value('uid'));
      insertEnrolment.run(course.enrolid, userId, now, now);
      insertRole.run(course.contextid, userId, now);
      rows++;
    }
  }
  db.exec('commit');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return { rows, rowsPerSec: rows / seconds };
}
