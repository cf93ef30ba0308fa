import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, setCsrfToken, setRequestLanguage, setUnauthorizedHandler } from './api/client';
import type { Lang, Session } from './api/types';
import { SessionContext, type SessionState } from './components/session';
import { Shell } from './components/shell';
import { guessLanguage, I18nProvider, rememberLanguage } from './i18n/i18n';
import { useRouter } from './router/router';
import { LoginScene } from './scenes/login-scene';
import { Pages } from './scenes/pages';
import { SetupScene } from './scenes/setup-scene';

type Phase = { kind: 'loading' } | { kind: 'setup' } | { kind: 'login' } | { kind: 'ready'; session: Session };

/** Decides between the first-administrator page, the log-in page and the console, and holds the session. */
export function App() {
  const { location, navigate } = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [visitorLang, setVisitorLang] = useState<Lang>(guessLanguage);
  const lang = phase.kind === 'ready' ? phase.session.account.lang : visitorLang;

  useEffect(() => {
    setRequestLanguage(lang);
    document.documentElement.lang = lang;
  }, [lang]);

  const start = useCallback(async () => {
    const setup = await api<{ needed: boolean }>('GET', '/setup').catch(() => ({ needed: false }));
    if (setup.needed) return setPhase({ kind: 'setup' });
    try {
      const session = await api<Session>('GET', '/session');
      setCsrfToken(session.csrfToken);
      setPhase({ kind: 'ready', session });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) console.error(error);
      setPhase({ kind: 'login' });
    }
  }, []);
  useEffect(() => void start(), [start]);
  useEffect(
    () =>
      setUnauthorizedHandler(() => {
        setCsrfToken('');
        setPhase({ kind: 'login' });
      }),
    [],
  );

  const chooseVisitorLang = (next: Lang) => {
    rememberLanguage(next);
    setVisitorLang(next);
  };

  const onLoggedIn = (session: Session) => {
    setCsrfToken(session.csrfToken);
    rememberLanguage(session.account.lang);
    setPhase({ kind: 'ready', session });
    const back = location.search.get('next');
    if (location.path === '/login' || location.path === '/setup') navigate(back && back.startsWith('/') ? back : '/', { replace: true });
  };

  let content;
  if (phase.kind === 'loading') content = <div className="splash" aria-busy="true" />;
  else if (phase.kind === 'setup') content = <SetupScene onLang={chooseVisitorLang} onDone={onLoggedIn} />;
  else if (phase.kind === 'login') content = <LoginScene onLang={chooseVisitorLang} onDone={onLoggedIn} />;
  else {
    const { session } = phase;
    const state: SessionState = {
      account: session.account,
      canWrite: session.account.role === 'admin',
      setLanguage: async (next) => {
        const answer = await api<{ account?: Session['account'] } | undefined>('PATCH', '/session/lang', { lang: next });
        rememberLanguage(next);
        setPhase({ kind: 'ready', session: { ...session, account: { ...session.account, ...answer?.account, lang: next } } });
      },
      logOut: async () => {
        await api('DELETE', '/session').catch(() => undefined);
        setCsrfToken('');
        setPhase({ kind: 'login' });
        navigate('/login', { replace: true });
      },
    };
    content = (
      <SessionContext.Provider value={state}>
        <Shell>
          <Pages />
        </Shell>
      </SessionContext.Provider>
    );
  }
  return <I18nProvider lang={lang}>{content}</I18nProvider>;
}
