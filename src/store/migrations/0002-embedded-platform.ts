import { sql, type Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/** Moodle's standard roles, with Moodle's ids and shortnames. */
const STANDARD_ROLES = [
  ['manager', 'Manager'],
  ['coursecreator', 'Course creator'],
  ['editingteacher', 'Teacher'],
  ['teacher', 'Non-editing teacher'],
  ['student', 'Student'],
  ['guest', 'Guest'],
  ['user', 'Authenticated user'],
  ['frontpage', 'Authenticated user on site home'],
] as const;

/** The embedded platform: Moodle's data model for users, categories, courses, enrolments, roles, groups, cohorts. */
export async function up(db: Kysely<any>, types: ColumnTypes): Promise<void> {
  const { int } = types;
  const table = (name: string) => types.id(db.schema.createTable(name));

  await table('lms_user')
    .addColumn('auth', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suspended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mnethostid', int, (c) => c.notNull().defaultTo(1))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('idnumber', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('firstname', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lastname', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone1', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone2', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('institution', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('department', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('city', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('country', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('99'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mailformat', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('maildisplay', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('maildigest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('autosubscribe', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('trackforums', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('picture', int, (c) => c.notNull().defaultTo(0))
    .addColumn('timecreated', int, (c) => c.notNull().defaultTo(0))
    .addColumn('timemodified', int, (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('lms_user_mnethost_username', ['mnethostid', 'username'])
    .execute();
  await db.schema.createIndex('lms_user_idnumber').on('lms_user').column('idnumber').execute();
  await db.schema.createIndex('lms_user_email').on('lms_user').expression(sql`lower(email)`).execute();

  await table('lms_user_info_field')
    .addColumn('shortname', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('datatype', 'text', (c) => c.notNull().defaultTo('text'))
    .execute();
  await table('lms_user_info_data')
    .addColumn('userid', int, (c) => c.notNull())
    .addColumn('fieldid', int, (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('lms_user_info_data_user_field', ['userid', 'fieldid'])
    .execute();
  await table('lms_user_preferences')
    .addColumn('userid', int, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addUniqueConstraint('lms_user_preferences_user_name', ['userid', 'name'])
    .execute();
  await db.schema
    .createTable('lms_user_picture')
    .addColumn('userid', int, (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('mimetype', 'text', (c) => c.notNull())
    .addColumn('content', types.binary, (c) => c.notNull())
    .addColumn('timemodified', int, (c) => c.notNull())
    .addPrimaryKeyConstraint('lms_user_picture_pk', ['userid', 'variant'])
    .execute();

  await table('lms_context')
    .addColumn('contextlevel', 'integer', (c) => c.notNull())
    .addColumn('instanceid', int, (c) => c.notNull())
    .addUniqueConstraint('lms_context_level_instance', ['contextlevel', 'instanceid'])
    .execute();

  await table('lms_course_categories')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('idnumber', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('parent', int, (c) => c.notNull().defaultTo(0))
    .addColumn('sortorder', int, (c) => c.notNull().defaultTo(0))
    .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('path', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('timemodified', int, (c) => c.notNull().defaultTo(0))
    .execute();

  await table('lms_course')
    .addColumn('category', int, (c) => c.notNull())
    .addColumn('sortorder', int, (c) => c.notNull().defaultTo(0))
    .addColumn('fullname', 'text', (c) => c.notNull())
    .addColumn('shortname', 'text', (c) => c.notNull().unique())
    .addColumn('idnumber', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('format', 'text', (c) => c.notNull().defaultTo('topics'))
    .addColumn('startdate', int, (c) => c.notNull().defaultTo(0))
    .addColumn('enddate', int, (c) => c.notNull().defaultTo(0))
    .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('timecreated', int, (c) => c.notNull().defaultTo(0))
    .addColumn('timemodified', int, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('lms_course_idnumber').on('lms_course').column('idnumber').execute();
  await table('lms_course_sections')
    .addColumn('course', int, (c) => c.notNull())
    .addColumn('section', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('lms_course_sections_course_section', ['course', 'section'])
    .execute();

  await table('lms_enrol')
    .addColumn('enrol', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('courseid', int, (c) => c.notNull())
    .addColumn('sortorder', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'text')
    .addColumn('roleid', int, (c) => c.notNull().defaultTo(0))
    .addColumn('enrolstartdate', int, (c) => c.notNull().defaultTo(0))
    .addColumn('enrolenddate', int, (c) => c.notNull().defaultTo(0))
    .addColumn('customint1', int)
    .addColumn('customint2', int)
    .addColumn('timecreated', int, (c) => c.notNull().defaultTo(0))
    .addColumn('timemodified', int, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('lms_enrol_course').on('lms_enrol').column('courseid').execute();
  await table('lms_user_enrolments')
    .addColumn('enrolid', int, (c) => c.notNull())
    .addColumn('userid', int, (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('timestart', int, (c) => c.notNull().defaultTo(0))
    .addColumn('timeend', int, (c) => c.notNull().defaultTo(0))
    .addColumn('timecreated', int, (c) => c.notNull().defaultTo(0))
    .addColumn('timemodified', int, (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('lms_user_enrolments_enrol_user', ['enrolid', 'userid'])
    .execute();
  await db.schema.createIndex('lms_user_enrolments_user').on('lms_user_enrolments').column('userid').execute();

  await table('lms_role')
    .addColumn('shortname', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('archetype', 'text', (c) => c.notNull())
    .addColumn('sortorder', 'integer', (c) => c.notNull())
    .execute();
  await table('lms_role_assignments')
    .addColumn('roleid', int, (c) => c.notNull())
    .addColumn('contextid', int, (c) => c.notNull())
    .addColumn('userid', int, (c) => c.notNull())
    .addColumn('component', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('itemid', int, (c) => c.notNull().defaultTo(0))
    .addColumn('timemodified', int, (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('lms_role_assignments_unique', ['roleid', 'contextid', 'userid', 'component', 'itemid'])
    .execute();
  await db.schema.createIndex('lms_role_assignments_user').on('lms_role_assignments').column('userid').execute();

  for (const name of ['lms_groups', 'lms_groupings']) {
    await table(name)
      .addColumn('courseid', int, (c) => c.notNull())
      .addColumn('idnumber', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('timecreated', int, (c) => c.notNull().defaultTo(0))
      .addColumn('timemodified', int, (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex(`${name}_course`).on(name).column('courseid').execute();
  }
  await table('lms_groupings_groups')
    .addColumn('groupingid', int, (c) => c.notNull())
    .addColumn('groupid', int, (c) => c.notNull())
    .addUniqueConstraint('lms_groupings_groups_unique', ['groupingid', 'groupid'])
    .execute();
  await table('lms_groups_members')
    .addColumn('groupid', int, (c) => c.notNull())
    .addColumn('userid', int, (c) => c.notNull())
    .addColumn('component', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('itemid', int, (c) => c.notNull().defaultTo(0))
    .addColumn('timeadded', int, (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('lms_groups_members_unique', ['groupid', 'userid'])
    .execute();

  await table('lms_cohort')
    .addColumn('contextid', int, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('idnumber', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('component', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('timecreated', int, (c) => c.notNull().defaultTo(0))
    .addColumn('timemodified', int, (c) => c.notNull().defaultTo(0))
    .execute();
  await table('lms_cohort_members')
    .addColumn('cohortid', int, (c) => c.notNull())
    .addColumn('userid', int, (c) => c.notNull())
    .addColumn('timeadded', int, (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('lms_cohort_members_unique', ['cohortid', 'userid'])
    .execute();

  await seed(db);
}

/** What a fresh Moodle holds: the system context, the standard roles and the "Miscellaneous" category. */
async function seed(db: Kysely<any>): Promise<void> {
  await db.insertInto('lms_context').values({ contextlevel: 10, instanceid: 0 }).execute();
  await db
    .insertInto('lms_role')
    .values(STANDARD_ROLES.map(([shortname, name], index) => ({ shortname, name, archetype: shortname, sortorder: index + 1 })))
    .execute();
  const now = Math.floor(Date.now() / 1000);
  await db
    .insertInto('lms_course_categories')
    .values({ name: 'Miscellaneous', parent: 0, sortorder: 10000, depth: 1, path: '/1', timemodified: now })
    .execute();
  await db.insertInto('lms_context').values({ contextlevel: 40, instanceid: 1 }).execute();
}
