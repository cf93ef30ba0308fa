import { createContext, useContext } from 'react';
import type { Account, Lang } from '../api/types';

export interface SessionState {
  readonly account: Account;
  /** True for administrators: viewers see no write controls. */
  readonly canWrite: boolean;
  /** Changes the account's language (remembered by the service) and the console's. */
  setLanguage(lang: Lang): Promise<void>;
  logOut(): Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

/** The logged-in account; only pages inside the shell call it. */
export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside of a session');
  return session;
}
