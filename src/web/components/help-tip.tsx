import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n';

/** The "?" next to a field: shows its help text below the label, like the original's help buttons. */
export function HelpTip({ label, help }: { label: string; help: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="help-tip"
        aria-expanded={open}
        aria-controls={id}
        aria-label={t('help.about', { label })}
        title={t('help.about', { label })}
        onClick={() => setOpen(!open)}
      >
        ?
      </button>
      {open && (
        <div id={id} className="help-text" role="note">
          {help}
        </div>
      )}
    </>
  );
}
