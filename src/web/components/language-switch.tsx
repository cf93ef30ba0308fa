import type { Lang } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** English / Français, as two toggle buttons. */
export function LanguageSwitch({ onChange }: { onChange(lang: Lang): void }) {
  const { lang, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('header.language')}>
      {(['en', 'fr'] as const).map((code) => (
        <button key={code} type="button" lang={code} aria-pressed={lang === code} onClick={() => lang !== code && onChange(code)}>
          {code === 'en' ? 'English' : 'Français'}
        </button>
      ))}
    </div>
  );
}
