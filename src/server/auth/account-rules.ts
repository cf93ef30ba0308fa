import { ROLES } from './principal.js';

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;

/** JSON schemas of account fields, shared by the setup, account and token routes. */
export const USERNAME_SCHEMA = { type: 'string', pattern: '^[A-Za-z0-9._@-]{1,64}$' } as const;
export const PASSWORD_SCHEMA = { type: 'string', minLength: 1, maxLength: 1024 } as const;
export const ROLE_SCHEMA = { type: 'string', enum: [...ROLES] } as const;
export const LANG_SCHEMA = { type: 'string', enum: ['en', 'fr'] } as const;
