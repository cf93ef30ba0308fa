import type { CohortChange, CohortMember, NewCohort, PlatformCohort } from '../../src/platform/operations.js';
import { allOrNothing, checkKeys, int, listOf, scalarsOf, text, type DoubleEnv, type WsFunctionHandler } from './double-env.js';
import { invalidParameter, missingRecord } from './moodle-exceptions.js';
import type { PhpValue } from './php-form.js';

/** Every cohort, as the embedded platform holds them (the double's state). */
async function allCohorts(env: DoubleEnv): Promise<readonly PlatformCohort[]> {
  const ids = (await env.store.db.selectFrom('lms_cohort').select('id').execute()).map((row) => String(row.id));
  return env.platform.run('findCohorts', { by: { id: ids } });
}

/** Core's description of a cohort: no context, no component. */
const describe = (cohort: PlatformCohort) => ({
  id: cohort.id, name: cohort.name, idnumber: cohort.idnumber, description: cohort.description, descriptionformat: 1, visible: true, theme: '',
});

async function categoryOf(env: DoubleEnv, value: PhpValue | undefined): Promise<number | null> {
  const type = value as Record<string, string> | undefined;
  if (!type || type.type === 'system') return null;
  const column = type.type === 'idnumber' ? 'idnumber' : 'id';
  const row = await env.store.db.selectFrom('lms_course_categories').select('id').where(column, '=', column === 'id' ? int(type.value, 'categorytype') : type.value!).executeTakeFirst();
  if (!row) throw invalidParameter(`category not exists: category ${type.type} = ${type.value}`);
  return row.id;
}

function refusal(code: string, message: string) {
  return invalidParameter(code === 'PLATFORM_COHORT_IDNUMBER_TAKEN' ? message.replace('Cohort idnumber already exists', 'record already exists: idnumber') : message);
}

const createCohorts: WsFunctionHandler = async (params, env) => {
  const cohorts: NewCohort[] = [];
  for (const item of listOf(params, 'cohorts')) {
    checkKeys(item, ['categorytype', 'name', 'idnumber'], ['description', 'descriptionformat', 'visible', 'theme', 'customfields']);
    cohorts.push({ name: text(item.name), idnumber: text(item.idnumber), description: text(item.description), categoryId: await categoryOf(env, item.categorytype) });
  }
  const results = await allOrNothing(env, 'createCohorts', cohorts, (error) => refusal(error.code, error.message));
  return cohorts.map((cohort, index) => describe({ id: results[index]!.ok ? (results[index] as { value: { id: number } }).value.id : 0, description: '', idnumber: '', categoryId: null, ...cohort }));
};

const updateCohorts: WsFunctionHandler = async (params, env) => {
  const changes: CohortChange[] = [];
  const known = new Set((await allCohorts(env)).map((cohort) => cohort.id));
  for (const item of listOf(params, 'cohorts')) {
    checkKeys(item, ['id', 'categorytype', 'name', 'idnumber'], ['description', 'descriptionformat', 'visible', 'theme', 'customfields']);
    const id = int(item.id, 'id');
    if (!known.has(id)) throw missingRecord('cohort');
    changes.push({
      id, name: text(item.name), idnumber: text(item.idnumber), categoryId: await categoryOf(env, item.categorytype),
      ...(item.description !== undefined ? { description: text(item.description) } : {}),
    });
  }
  await allOrNothing(env, 'updateCohorts', changes, (error) => refusal(error.code, error.message));
  return null;
};

const deleteCohorts: WsFunctionHandler = async (params, env) => {
  const ids = scalarsOf(params, 'cohortids').map((id) => int(id, 'cohortids'));
  await allOrNothing(env, 'deleteCohorts', ids, () => missingRecord('cohort'));
  return null;
};

/** core_cohort_search_cohorts: a substring of name, idnumber or description; limitnum 0 for every match. */
const searchCohorts: WsFunctionHandler = async (params, env) => {
  const query = text(params.query).toLowerCase();
  const matches = (await allCohorts(env)).filter((cohort) => [cohort.name, cohort.idnumber, cohort.description].some((value) => value.toLowerCase().includes(query)));
  const limit = Number(text(params.limitnum) || '25');
  return { cohorts: (limit ? matches.slice(0, limit) : matches).map(describe) };
};

const cohortMembers: WsFunctionHandler = async (params, env) => {
  const ids = scalarsOf(params, 'cohortids').map((id) => int(id, 'cohortids'));
  const known = new Set((await allCohorts(env)).map((cohort) => cohort.id));
  if (ids.some((id) => !known.has(id))) throw missingRecord('cohort');
  const members = await env.platform.run('findCohortMembers', { cohortIds: ids });
  return ids.map((cohortid) => ({ cohortid, userids: members.filter((member) => member.cohortId === cohortid).map((member) => member.userId) }));
};

/** core_cohort_add_cohort_members: each member on its own; unknown cohort or user and already a member are warnings. */
const addCohortMembers: WsFunctionHandler = async (params, env) => {
  const cohorts = await allCohorts(env);
  const warnings: { warningcode: string; message: string }[] = [];
  for (const item of listOf(params, 'members')) {
    checkKeys(item, ['cohorttype', 'usertype'], []);
    const cohortType = item.cohorttype as Record<string, string>;
    const userType = item.usertype as Record<string, string>;
    const cohort = cohorts.find((candidate) => String(cohortType.type === 'idnumber' ? candidate.idnumber : candidate.id) === cohortType.value);
    if (!cohort) {
      warnings.push({ warningcode: '2', message: `cohort ${cohortType.type}=${cohortType.value} not exists` });
      continue;
    }
    const column = userType.type === 'username' ? 'username' : 'id';
    const user = await env.store.db.selectFrom('lms_user').select('id').where(column, '=', column === 'id' ? Number(userType.value) : userType.value!).where('deleted', '=', 0).executeTakeFirst();
    if (!user) {
      warnings.push({ warningcode: '2', message: `user ${userType.type}=${userType.value} not exists` });
      continue;
    }
    const [result] = await env.platform.run('addCohortMembers', [{ cohortId: cohort.id, userId: user.id }]);
    if (result?.ok && !result.value.added) warnings.push({ warningcode: '3', message: `record already exists: cohortid=${cohort.id} userid=${user.id}` });
  }
  return { warnings };
};

/** core_cohort_delete_cohort_members: ALL; an unknown cohort or user throws, a user not a member is no error. */
const deleteCohortMembers: WsFunctionHandler = async (params, env) => {
  const known = new Set((await allCohorts(env)).map((cohort) => cohort.id));
  const members: CohortMember[] = [];
  for (const item of listOf(params, 'members')) {
    checkKeys(item, ['cohortid', 'userid'], []);
    const member = { cohortId: int(item.cohortid, 'cohortid'), userId: int(item.userid, 'userid') };
    if (!known.has(member.cohortId)) throw missingRecord('cohort');
    if (!(await env.store.db.selectFrom('lms_user').select('id').where('id', '=', member.userId).where('deleted', '=', 0).executeTakeFirst())) throw missingRecord('user');
    members.push(member);
  }
  await env.platform.run('removeCohortMembers', members);
  return null;
};

export const CORE_COHORT_FUNCTIONS: Record<string, WsFunctionHandler> = {
  core_cohort_create_cohorts: createCohorts,
  core_cohort_update_cohorts: updateCohorts,
  core_cohort_delete_cohorts: deleteCohorts,
  core_cohort_search_cohorts: searchCohorts,
  core_cohort_get_cohort_members: cohortMembers,
  core_cohort_add_cohort_members: addCohortMembers,
  core_cohort_delete_cohort_members: deleteCohortMembers,
};
