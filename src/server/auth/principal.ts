import type { Lang } from '../../errors.js';

export const ROLES = ['admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who makes a request: a logged-in account (browser session) or an API token. */
export type Principal =
  | {
      readonly kind: 'session';
      readonly role: Role;
      readonly accountId: number;
      readonly username: string;
      readonly lang: Lang;
      readonly csrfToken: string;
      readonly sessionHash: string;
    }
  | { readonly kind: 'token'; readonly role: Role; readonly tokenId: number; readonly name: string };

/** The cookie that carries the session id. */
export const SESSION_COOKIE = 'tool_sync_session';
