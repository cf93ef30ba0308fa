import type { ProcessorInfo } from '../api/types';
import { EN, type MessageKey } from '../i18n/en';
import type { I18n } from '../i18n/i18n';

/** The name of a processor action in the current language (`users/delete` → "Delete users"); the raw name if unknown. */
export function actionLabel(i18n: I18n, action: Pick<ProcessorInfo, 'name'> | string): string {
  const name = typeof action === 'string' ? action : action.name;
  const key = `action.${name}`;
  return key in EN ? i18n.t(key as MessageKey) : name;
}
