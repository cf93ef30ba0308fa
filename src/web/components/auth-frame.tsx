import type { ReactNode } from 'react';
import type { Lang } from '../api/types';
import { LanguageSwitch } from './language-switch';

/** The centred card of the pages shown before log-in (first administrator, log-in). */
export function AuthFrame({ title, intro, onLang, children }: { title: string; intro?: string; onLang(lang: Lang): void; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="auth-top">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true">⇄</span> tool-sync
          </span>
          <LanguageSwitch onChange={onLang} />
        </div>
        <h1>{title}</h1>
        {intro && <p className="auth-intro">{intro}</p>}
        {children}
      </div>
    </main>
  );
}
