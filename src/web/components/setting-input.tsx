import type { AllowedValue, Setting } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** The form value of a setting: text for inputs and selects, 'true'/'false' for Yes/No. */
export type FormValue = string;

export function toFormValue(setting: Setting): FormValue {
  const value = setting.value ?? (setting.secret ? '' : setting.default);
  return value === null || value === undefined ? '' : String(value);
}

/** The value to send for a form value, typed as the setting expects; a string naming the problem when invalid. */
export function fromFormValue(setting: Setting, value: FormValue, messages: { integer: string; range: string }): { value?: unknown; problem?: string } {
  if (setting.type === 'boolean') return { value: value === 'true' };
  if (setting.type === 'integer') {
    if (!/^-?\d+$/.test(value.trim())) return { problem: messages.integer };
    const number = Number(value);
    if ((setting.min !== undefined && number < setting.min) || (setting.max !== undefined && number > setting.max)) return { problem: messages.range };
    return { value: number };
  }
  return { value };
}

function optionOf(allowed: AllowedValue): { value: string; label?: { en: string; fr: string } } {
  return typeof allowed === 'string' ? { value: allowed } : allowed;
}

/** The control of one setting, by type: text, number, Yes/No, or a list of allowed values. */
export function SettingInput({ setting, value, disabled, invalid, placeholder, onChange }: {
  setting: Setting;
  value: FormValue;
  disabled: boolean;
  invalid: boolean;
  placeholder?: string;
  onChange(value: FormValue): void;
}) {
  const { t, pick } = useI18n();
  const common = {
    id: `setting-${setting.key}`,
    name: setting.key,
    disabled,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? `setting-${setting.key}-error` : undefined,
  };
  if (setting.type === 'boolean') {
    return (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="true">{t('common.yes')}</option>
        <option value="false">{t('common.no')}</option>
      </select>
    );
  }
  if (setting.allowed && setting.allowed.length > 0) {
    const options = setting.allowed.map(optionOf);
    return (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        {!options.some((option) => option.value === value) && <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label ? pick(option.label) : option.value}
          </option>
        ))}
      </select>
    );
  }
  if (setting.type === 'integer') {
    // A text box rather than type="number": the browser would swallow a bad entry instead of letting the form name it.
    return <input {...common} type="text" inputMode="numeric" className="input-narrow" value={value} onChange={(e) => onChange(e.target.value)} />;
  }
  if (setting.secret) {
    return (
      <input
        {...common}
        type="password"
        autoComplete="new-password"
        placeholder={setting.isSet ? t('settings.secretSet') : t('settings.secretUnset')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return <input {...common} type="text" spellCheck={false} placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} />;
}
