import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';

const KNOWN = ['queued', 'running', 'succeeded', 'succeeded_with_errors', 'failed', 'cancelled'] as const;

/** A run's status as a coloured badge. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const known = (KNOWN as readonly string[]).includes(status);
  return <span className={`badge badge-${known ? status : 'other'}`}>{known ? t(`status.${status}` as MessageKey) : status}</span>;
}
