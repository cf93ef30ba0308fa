import { useI18n } from '../i18n/i18n';

/** Previous / next over a paged list, with the range shown. */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage(page: number): void }) {
  const { t, number } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <span>{t('pager.range', { first: number(first), last: number(last), total: number(total) })}</span>
      <button type="button" className="button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ‹ {t('pager.previous')}
      </button>
      <span>{t('pager.page', { page: number(page), pages: number(pages) })}</span>
      <button type="button" className="button-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pager.next')} ›
      </button>
    </nav>
  );
}
