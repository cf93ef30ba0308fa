import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';

/** A message band: an error of the API, a success, or plain information. */
export function Notice({ kind, children }: { kind: 'error' | 'success' | 'info' | 'warning'; children: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function ErrorNotice({ error }: { error: ApiError | undefined }) {
  if (!error) return null;
  return <Notice kind="error">{error.message}</Notice>;
}
