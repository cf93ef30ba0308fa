import { useState } from 'react';
import { apiUrl } from '../api/client';

/** A user's picture from the store, or their initials when they have none. */
export function Avatar({ userId, hasPicture, name }: { userId: unknown; hasPicture: boolean; name: string }) {
  const [missing, setMissing] = useState(!hasPicture);
  const initials = name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0]!.toUpperCase()).join('') || '?';
  if (missing) return <span className="avatar avatar-initials" aria-hidden="true">{initials}</span>;
  return <img className="avatar" src={apiUrl(`/data/users/${String(userId)}/picture?size=f2`)} alt="" loading="lazy" onError={() => setMissing(true)} />;
}
