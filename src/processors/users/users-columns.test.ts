import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { csv, runFile, usersByName } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';

const FULL_HEADER =
  'username;firstname;lastname;email;idnumber;auth;institution;department;city;country;lang;timezone;phone1;phone2;address;url;description;mailformat;maildisplay;maildigest;autosubscribe;trackforums;suspended;mnethostid';

for (const kind of DATABASES) {
  describe(`users file columns on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    it('writes every optional column, normalised as Moodle stores it', async () => {
      engine = await openTestEngine(kind);
      const { lines } = await runFile(engine, csv(
        FULL_HEADER,
        'JDoe;Jean;Dupont;jean@example.fr;1001;nologin;Lycée Hugo;Maths;Lyon;fr;FR_utf8;Europe/Paris;0102030405;0607080910;1 rue Haute;https://example.fr;Prof;0;2;1;0;1;1;1',
      ));
      expect(lines).toEqual(['line 2 [created] User account added: jdoe (Jean Dupont)']);
      expect((await usersByName(engine)).get('jdoe')).toMatchObject({
        firstname: 'Jean', lastname: 'Dupont', email: 'jean@example.fr', idnumber: '1001', auth: 'nologin', institution: 'Lycée Hugo',
        department: 'Maths', city: 'Lyon', country: 'FR', lang: 'fr', timezone: 'Europe/Paris', phone1: '0102030405', phone2: '0607080910',
        address: '1 rue Haute', url: 'https://example.fr', description: 'Prof', mailformat: 0, maildisplay: 2, maildigest: 1,
        autosubscribe: 0, trackforums: 1, suspended: 1, mnethostid: 1, confirmed: 1, deleted: 0,
      });
    });

    it('applies the defaults on creation only, and an empty value never erases one', async () => {
      engine = await openTestEngine(kind);
      await runFile(engine, csv('username;firstname;lastname', 'jdoe;Jean;Dupont'));
      expect((await usersByName(engine)).get('jdoe')).toMatchObject({ city: '', country: '', lang: 'en', maildisplay: 1, maildigest: 0, timezone: '99', auth: 'manual' });
      await runFile(engine, csv('username;firstname;lastname;lang;city', 'jdoe;Jean;Dupont;fr;Lyon'));
      const { lines } = await runFile(engine, csv('username;firstname;lastname;city', 'jdoe;Jean;Dupont;'));
      expect(lines).toEqual(['line 2 [unchanged] User account unchanged: jdoe']);
      expect((await usersByName(engine)).get('jdoe')).toMatchObject({ lang: 'fr', city: 'Lyon', maildisplay: 1 });
    });

    it('refuses a bad value with the column and the expected form, and goes on with the next rows', async () => {
      engine = await openTestEngine(kind);
      const { lines, run } = await runFile(engine, csv(
        'username;firstname;lastname;country;lang;timezone;maildisplay;suspended;auth;mnethostid;email',
        'a1;A;A;France;;;;;;;',
        'a2;A;A;;fr-FR;;;;;;',
        'a3;A;A;;;Mars/Base;;;;;',
        'a4;A;A;;;;3;;;;',
        'a5;A;A;;;;;maybe;;;',
        'a6;A;A;;;;;;LDAP!;;',
        'a7;A;A;;;;;;;2;',
        'a8;A;A;;;;;;;;a8@',
        ';A;A;;;;;;;;',
        'ok;O;K;fr;fr;99;0;0;manual;1;ok@example.org',
      ));
      expect(lines).toEqual([
        'line 2 [error] column country: "France" is not valid; expected a two-letter ISO country code such as FR',
        'line 3 [error] column lang: "fr-FR" is not valid; expected a language code such as fr or en_us',
        'line 4 [error] column timezone: "Mars/Base" is not valid; expected 99 (the site\'s) or a zone such as Europe/Paris',
        'line 5 [error] column maildisplay: "3" is not valid; expected 0, 1, 2',
        'line 6 [error] column suspended: "maybe" is not valid; expected 1 or 0 (yes or no)',
        'line 7 [error] column auth: "LDAP!" is not valid; expected an authentication plugin name such as manual, ldap or cas',
        'line 8 [error] column mnethostid: "2" is another MNet host; only local accounts (1) can be provisioned',
        'line 9 [error] column email: "a8@" is not an e-mail address',
        'line 10 [error] column username: a value is required',
        'line 11 [created] User account added: ok (O K)',
      ]);
      expect(run.counters).toMatchObject({ read: 10, ok: 1, errors: 9 });
    });

    it('names every problem of a row at once, and counts the row as one error with one tryback row', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ filefailed: true });
      const { lines, run } = await runFile(engine, csv(
        'username;firstname;lastname;email;country;lang;suspended;course1;start1',
        'Bad User;;Martin;not-an-email;XX1;zz-ZZ;maybe;ALG101;someday',
      ));
      expect(lines).toEqual([
        'line 2 [error] column firstname: a value is required',
        'line 2 [error] column username: "bad user" is not a valid username (lower-case letters, digits and the characters _ - . @ only)',
        'line 2 [error] column email: "not-an-email" is not an e-mail address',
        'line 2 [error] column country: "XX1" is not valid; expected a two-letter ISO country code such as FR',
        'line 2 [error] column lang: "zz-ZZ" is not valid; expected a language code such as fr or en_us',
        'line 2 [error] column suspended: "maybe" is not valid; expected 1 or 0 (yes or no)',
        'line 2 [error] column start1: "someday" is not a date; expected YYYY-MM-DD, YYYY-MM-DD hh:mm[:ss] or a Unix timestamp',
      ]);
      expect(run.counters).toMatchObject({ read: 1, ok: 0, errors: 1 });
      // The tryback file holds the row once, as it was, under its header.
      expect(readFileSync(join(engine.folder.files, run.trybackPath!), 'utf8').trim().split(/\r?\n/)).toEqual([
        'username;firstname;lastname;email;country;lang;suspended;course1;start1',
        'Bad User;;Martin;not-an-email;XX1;zz-ZZ;maybe;ALG101;someday',
      ]);
    });

    it('creates a missing custom profile field once, saves values, and compares them on the next run', async () => {
      engine = await openTestEngine(kind);
      const file = csv('username;firstname;lastname;profile_field_dept;profile_field_site', 'jdoe;J;D;Maths;Lyon', 'asmith;A;S;Physique;');
      const { report, lines } = await runFile(engine, file);
      expect(report.match(/custom profile field "(\w+)" did not exist: created as a text field/g)).toEqual([
        'custom profile field "dept" did not exist: created as a text field',
        'custom profile field "site" did not exist: created as a text field',
      ]);
      expect(lines).toEqual(['line 2 [created] User account added: jdoe (J D)', 'line 3 [created] User account added: asmith (A S)']);
      const data = await engine.store.db
        .selectFrom('lms_user_info_data as d')
        .innerJoin('lms_user_info_field as f', 'f.id', 'd.fieldid')
        .innerJoin('lms_user as u', 'u.id', 'd.userid')
        .select(['u.username', 'f.shortname', 'd.data'])
        .orderBy('u.username')
        .orderBy('f.shortname')
        .execute();
      expect(data).toEqual([
        { username: 'asmith', shortname: 'dept', data: 'Physique' },
        { username: 'jdoe', shortname: 'dept', data: 'Maths' },
        { username: 'jdoe', shortname: 'site', data: 'Lyon' },
      ]);
      expect((await runFile(engine, file)).lines).toEqual(['line 2 [unchanged] User account unchanged: jdoe', 'line 3 [unchanged] User account unchanged: asmith']);
      const changed = await runFile(engine, csv('username;firstname;lastname;profile_field_dept', 'jdoe;J;D;Chimie'));
      expect(changed.lines).toEqual(['line 2 [updated] User account changed: J D as [jdoe] (): profile_field_dept']);
      expect(changed.report).not.toContain('did not exist');
    });

    it('suspends and reactivates through the suspended column, and counts it', async () => {
      engine = await openTestEngine(kind);
      await runFile(engine, csv('username;firstname;lastname', 'jdoe;J;D'));
      const suspended = await runFile(engine, csv('username;firstname;lastname;suspended', 'jdoe;J;D;1'));
      expect(suspended.lines).toEqual(['line 2 [updated] User account changed: J D as [jdoe] (): suspended']);
      expect(suspended.run.counters.entities).toMatchObject({ 'user.updated': 1, 'user.suspended': 1 });
      const restored = await runFile(engine, csv('username;firstname;lastname;suspended', 'jdoe;J;D;no'));
      expect(restored.run.counters.entities).toMatchObject({ 'user.updated': 1, 'user.restored': 1 });
      expect((await usersByName(engine)).get('jdoe')!.suspended).toBe(0);
    });

    it('says once that a column Moodle 5 no longer has, or MNet propagation, is ignored', async () => {
      engine = await openTestEngine(kind);
      const { report, lines } = await runFile(engine, csv('username;firstname;lastname;icq;wwwroot1', 'jdoe;J;D;12345;https://a.example', 'asmith;A;S;678;'));
      expect(report.match(/column icq is ignored: Moodle 5 has no such user field/g)).toHaveLength(1);
      expect(report.match(/column wwwroot1 is ignored: propagating accounts to remote MNet hosts is not supported/g)).toHaveLength(1);
      expect(lines).toHaveLength(2);
    });
  });
}
