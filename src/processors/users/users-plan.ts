import { randomInt } from 'node:crypto';
import { NO_PASSWORD, type NewUser, type PlatformUser, type UserChange, type UserLookupField, type UserProfile } from '../../platform/operations.js';
import type { CredentialsMail, RowDetail } from '../processor.js';
import type { ResolvedEnrolment } from './users-references.js';
import type { UserRow } from './users-row.js';

/** The settings that shape what a row writes. */
export interface UsersPolicy {
  readonly identity: UserLookupField;
  readonly protectEmails: boolean;
  readonly createPasswords: boolean;
  readonly sendPasswords: boolean;
  /** `missingonly`: only fill in what the account lacks. */
  readonly updateMode: 'all' | 'missingonly';
}

/** What one row will write, decided before anything is written. */
export type UserPlan = (
  | { readonly kind: 'create'; readonly userRow: UserRow; readonly user: NewUser; readonly mail?: CredentialsMail; readonly enrolments: readonly ResolvedEnrolment[] }
  | {
      readonly kind: 'update';
      readonly userRow: UserRow;
      readonly current: PlatformUser;
      /** Changes known to differ (the password is checked separately, against its hash). */
      readonly set: UserChange['set'];
      readonly password?: string;
      readonly renameFrom?: string;
      readonly enrolments: readonly ResolvedEnrolment[];
    }
  | { readonly kind: 'delete'; readonly userRow: UserRow; readonly current: PlatformUser }
) & {
  /** Lines the row gets whatever happens (a column it ignored…). */
  readonly notes: readonly RowDetail[];
};

/** Defaults of a new account for the columns a file lacks (spec 3.3): on creation only (decision 26). */
const CREATION_DEFAULTS: Partial<UserProfile> = {
  institution: '',
  department: '',
  city: '',
  country: '',
  lang: 'en',
  maildisplay: 1,
  maildigest: 0,
  timezone: '99',
};

/**
 * A new account: the row's values over the creation defaults, and its password (spec 3.6, corrected): a
 * value is the password (hashed by the platform), `*NOPASS*` is kept, and a missing or empty one is generated
 * when `users_createpasswords` is on (then changed at first login). With `users_sendpasswordtousers`, an
 * account with an e-mail gets its credentials once saved.
 */
export function planCreate(userRow: UserRow, policy: UsersPolicy, enrolments: readonly ResolvedEnrolment[], notes: readonly RowDetail[]): UserPlan {
  const given = userRow.password ?? '';
  const generated = !given && policy.createPasswords ? generatePassword() : undefined;
  const password = given || generated;
  // Built field by field: this runs once per row of files of a million rows.
  const user: Record<string, unknown> = { username: userRow.username };
  for (const field in CREATION_DEFAULTS) user[field] = CREATION_DEFAULTS[field as keyof UserProfile];
  for (const field in userRow.profile) user[field] = userRow.profile[field as keyof UserProfile];
  if (password) user.password = password;
  if (userRow.suspended !== undefined) user.suspended = userRow.suspended;
  for (const _ in userRow.customFields) {
    user.customFields = userRow.customFields;
    break;
  }
  if (generated) user.preferences = { auth_forcepasswordchange: '1' };
  const email = String(userRow.profile.email ?? '');
  // The original never mailed addresses marked NOMAIL / NO MAIL.
  const mailable = email && !/NO ?MAIL/i.test(email);
  const mail: CredentialsMail | undefined =
    policy.sendPasswords && mailable && password && password !== NO_PASSWORD
      ? {
          kind: 'credentials',
          to: email,
          lang: String(user.lang ?? 'en'),
          params: { username: userRow.username, password, firstname: String(user.firstname), lastname: String(user.lastname) },
        }
      : undefined;
  return { kind: 'create', userRow, user: user as unknown as NewUser, ...(mail ? { mail } : {}), enrolments, notes };
}

/**
 * Changes to an existing account: the values that differ (or, in "fill in missing" mode, that the account
 * lacks); never the field it was identified by; the e-mail only when not protected (or empty); an empty
 * password never regenerates anything (decision 28).
 */
export function planUpdate(
  userRow: UserRow,
  current: PlatformUser,
  policy: UsersPolicy,
  context: { renameFrom?: string; customFields: Readonly<Record<string, string>>; enrolments: readonly ResolvedEnrolment[]; notes: readonly RowDetail[] },
): UserPlan {
  const set: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(userRow.profile) as [keyof UserProfile, string | number][]) {
    const existing = current[field];
    if (value === existing) continue;
    if (policy.updateMode === 'missingonly' && (typeof existing === 'number' || existing !== '')) continue;
    if (field === 'email' && (policy.identity === 'email' || (policy.protectEmails && existing !== ''))) continue;
    if (field === 'idnumber' && policy.identity === 'idnumber') continue;
    set[field] = value;
  }
  if (userRow.suspended !== undefined && userRow.suspended !== current.suspended) set.suspended = userRow.suspended;
  if (context.renameFrom) set.username = userRow.username;
  const customFields = Object.fromEntries(
    Object.entries(userRow.customFields).filter(([shortname, value]) => {
      const existing = context.customFields[shortname] ?? '';
      return value !== existing && (policy.updateMode === 'all' || existing === '');
    }),
  );
  if (Object.keys(customFields).length) set.customFields = customFields;
  const password = userRow.password || undefined;
  return {
    kind: 'update',
    userRow,
    current,
    set: set as UserChange['set'],
    ...(password ? { password } : {}),
    ...(context.renameFrom ? { renameFrom: context.renameFrom } : {}),
    enrolments: context.enrolments,
    notes: context.notes,
  };
}

const PASSWORD_SETS = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '*-+=#%&?!'];

/**
 * A random password meeting Moodle's default policy (lower, upper, digit, symbol), without look-alike
 * characters, so that it can be typed from a mail.
 */
export function generatePassword(length = 12): string {
  const all = PASSWORD_SETS.join('');
  const chars = PASSWORD_SETS.map((set) => set[randomInt(set.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
