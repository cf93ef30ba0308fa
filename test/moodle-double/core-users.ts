import { PICTURE_VARIANTS } from '../../src/platform/picture-entities.js';
import { convertPicture } from '../../src/processors/userpictures/picture-image.js';
import type { NewUser, UserChange } from '../../src/platform/operations.js';
import { allOrNothing, checkKeys, int, listOf, scalarsOf, text, type DoubleEnv, type WsFunctionHandler } from './double-env.js';
import { invalidParameter, missingRecord } from './moodle-exceptions.js';
import type { PhpValue } from './php-form.js';

const PROFILE = ['firstname', 'lastname', 'email', 'auth', 'idnumber', 'maildisplay', 'city', 'country', 'timezone', 'description',
  'firstnamephonetic', 'lastnamephonetic', 'middlename', 'alternatename', 'interests', 'institution', 'department', 'phone1', 'phone2',
  'address', 'lang', 'calendartype', 'theme', 'mailformat'];
const NUMERIC = new Set(['maildisplay', 'mailformat']);

/** Custom fields Moodle knows; unknown shortnames are silently ignored by core_user_create_users/update_users. */
async function knownFields(env: DoubleEnv): Promise<Set<string>> {
  return new Set((await env.store.db.selectFrom('lms_user_info_field').select('shortname').execute()).map((row) => row.shortname));
}

function pairs(value: PhpValue | undefined, known?: Set<string>): Record<string, string> | undefined {
  if (!Array.isArray(value)) return undefined;
  const entries = (value as Record<string, string>[]).filter((pair) => !known || known.has(pair.type!)).map((pair) => [pair.type!, pair.value ?? '']);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function profileOf(item: Record<string, PhpValue>): Record<string, string | number> {
  return Object.fromEntries(PROFILE.filter((key) => item[key] !== undefined && ['firstname', 'lastname', 'email', 'auth', 'idnumber', 'city', 'country',
    'timezone', 'description', 'institution', 'department', 'phone1', 'phone2', 'address', 'lang', 'maildisplay', 'mailformat'].includes(key))
    .map((key) => [key, NUMERIC.has(key) ? Number(item[key]) : text(item[key])]));
}

const usernameTaken = (username: string) => invalidParameter(`Username already exists: ${username}`);

/** core_user_create_users: ALL; usernames must be clean; internal auth needs a password or createpassword. */
const createUsers: WsFunctionHandler = async (params, env) => {
  const known = await knownFields(env);
  const users: NewUser[] = listOf(params, 'users').map((item) => {
    checkKeys(item, ['username', 'firstname', 'lastname', 'email'], [...PROFILE, 'password', 'createpassword', 'customfields', 'preferences']);
    const username = text(item.username);
    if (username !== username.toLowerCase()) throw invalidParameter('The username must be in lower case');
    const auth = text(item.auth) || 'manual';
    if (auth === 'manual' && item.password === undefined && text(item.createpassword) !== '1') {
      throw invalidParameter('Invalid password: you must provide a password, or set createpassword.');
    }
    const customFields = pairs(item.customfields, known);
    // createpassword: Moodle mails a generated password and forces its change at first login.
    const preferences = { ...pairs(item.preferences), ...(text(item.createpassword) === '1' ? { auth_forcepasswordchange: '1' } : {}) };
    return {
      username, ...profileOf(item), auth,
      ...(item.password !== undefined ? { password: text(item.password) } : {}),
      ...(customFields ? { customFields } : {}),
      ...(Object.keys(preferences).length ? { preferences } : {}),
    };
  });
  const results = await allOrNothing(env, 'createUsers', users, (error, index) =>
    error.code === 'PLATFORM_USERNAME_TAKEN' ? usernameTaken(users[index]!.username) : invalidParameter(error.message));
  return results.map((result, index) => ({ id: result.ok ? result.value.id : 0, username: users[index]!.username }));
};

/** core_user_update_users: ITEM, each user on its own; refusals come back as warnings naming the user id. */
const updateUsers: WsFunctionHandler = async (params, env) => {
  const known = await knownFields(env);
  const warnings: { item: string; itemid: number; warningcode: string; message: string }[] = [];
  for (const item of listOf(params, 'users')) {
    checkKeys(item, ['id'], [...PROFILE, 'username', 'password', 'suspended', 'userpicture', 'customfields', 'preferences']);
    const id = int(item.id, 'id');
    const customFields = pairs(item.customfields, known);
    const preferences = pairs(item.preferences);
    const change: UserChange = {
      id,
      set: {
        ...profileOf(item),
        ...(item.username !== undefined ? { username: text(item.username) } : {}),
        ...(item.password !== undefined ? { password: text(item.password) } : {}),
        ...(item.suspended !== undefined ? { suspended: text(item.suspended) === '1' } : {}),
        ...(customFields ? { customFields } : {}),
        ...(preferences ? { preferences } : {}),
      },
    };
    const [result] = await env.platform.run('updateUsers', [change]);
    if (result?.ok && item.userpicture !== undefined) {
      const warning = await setPicture(env, id, int(item.userpicture, 'userpicture'));
      if (warning) warnings.push({ item: 'user', itemid: id, ...warning });
    }
    if (result && !result.ok) {
      const warningcode = result.error.code === 'PLATFORM_USER_NOT_FOUND' ? 'invaliduserid' : result.error.code === 'PLATFORM_USERNAME_TAKEN' ? 'usernameexists' : 'updateusersfailed';
      warnings.push({ item: 'user', itemid: id, warningcode, message: warningcode === 'invaliduserid' ? 'Invalid user ID' : result.error.message });
    }
  }
  return { warnings };
};

/**
 * `userpicture`: a draft area's image becomes the user's picture: Moodle's process_new_icon makes every size from
 * it (the double with the pictures processor's own conversion, which does what process_new_icon does); bytes it
 * cannot decode, the placeholders of the platform contract, are kept as uploaded for each size. 0 deletes the
 * picture. Only GIF, JPEG and PNG are processed.
 */
async function setPicture(env: DoubleEnv, userId: number, draftItemId: number): Promise<{ warningcode: string; message: string } | undefined> {
  if (draftItemId === 0) {
    await env.store.db.deleteFrom('lms_user_picture').where('userid', '=', userId).execute();
    await env.store.db.updateTable('lms_user').set({ picture: 0 }).where('id', '=', userId).execute();
    return undefined;
  }
  const image = env.drafts.get(draftItemId)?.find((file) => ['image/gif', 'image/jpeg', 'image/png'].includes(file.mimetype));
  if (!image) return { warningcode: 'invalidpicture', message: 'The picture could not be processed' };
  const converted = await convertPicture(image.content);
  const mimetype = image.mimetype === 'image/jpeg' ? 'image/jpeg' : 'image/png';
  const files = converted.ok ? converted.files : PICTURE_VARIANTS.map((variant) => ({ variant, mimetype, content: image.content }));
  const [result] = await env.platform.run('setUserPictures', [{ userId, files }]);
  return result?.ok ? undefined : { warningcode: 'invaliduserid', message: 'Invalid user ID' };
}

/** core_user_delete_users: ALL; an unknown or deleted id throws. */
const deleteUsers: WsFunctionHandler = async (params, env) => {
  const ids = scalarsOf(params, 'userids').map((id) => int(id, 'userids'));
  await allOrNothing(env, 'deleteUsers', ids, () => missingRecord('user'));
  return null;
};

/** core_user_get_users_by_field: values must be clean for the field, or the whole call throws; matching is exact. */
const usersByField: WsFunctionHandler = async (params, env) => {
  const field = text(params.field);
  if (!['id', 'idnumber', 'username', 'email'].includes(field)) throw invalidParameter(`Invalid field: ${field}`);
  const values = scalarsOf(params, 'values');
  for (const value of values) {
    if (field === 'id' && !/^\d+$/.test(value)) throw invalidParameter(`The value "${value}" is not a valid id`);
    if (field === 'username' && value !== value.toLowerCase()) throw invalidParameter(`The username "${value}" must be in lower case`);
  }
  const found = await env.platform.run('findUsers', { by: { [field]: values } });
  const exact = found.filter((user) => field === 'id' || values.includes(String(user[field as 'email'])));
  const shortnames = [...(await knownFields(env))];
  const custom = await env.platform.run('findUserCustomFields', { userIds: exact.map((user) => user.id), shortnames });
  return exact.map((user) => ({
    id: user.id, username: user.username, firstname: user.firstname, lastname: user.lastname, fullname: `${user.firstname} ${user.lastname}`,
    email: user.email, idnumber: user.idnumber, auth: user.auth, suspended: user.suspended, confirmed: true, lang: user.lang, timezone: user.timezone,
    mailformat: user.mailformat, description: user.description, descriptionformat: 1, city: user.city, country: user.country,
    institution: user.institution, department: user.department, phone1: user.phone1, phone2: user.phone2, address: user.address,
    profileimageurl: 'https://moodle.test/theme/image.php/boost/core/1/u/f1',
    customfields: custom.filter((value) => value.userId === user.id).map((value) => ({ type: 'text', value: value.value, displayvalue: value.value, name: value.shortname, shortname: value.shortname })),
  }));
};

export const CORE_USER_FUNCTIONS: Record<string, WsFunctionHandler> = {
  core_user_create_users: createUsers,
  core_user_update_users: updateUsers,
  core_user_delete_users: deleteUsers,
  core_user_get_users_by_field: usersByField,
};

