import { useEffect, useRef, useState } from 'react';
import { api, query } from '../api/client';
import type { DataPage } from '../api/types';
import { Avatar } from '../components/avatar';
import { ErrorNotice } from '../components/notice';
import { Pager } from '../components/pager';
import { PageHeader } from '../components/shell';
import { useLoad } from '../components/use-load';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import { Link, useRouter } from '../router/router';

const PAGE_SIZE = 50;

/** The browsable entities; members are reached from their cohort or group, subcategories from their category. */
const ENTITIES = ['users', 'courses', 'categories', 'cohorts', 'enrolments', 'groups'] as const;
/** What a row opens: the rows of other entities whose parent it is (the API's `parent` filter). */
const CHILDREN: Record<string, readonly { readonly entity: string; readonly label: MessageKey }[]> = {
  categories: [{ entity: 'categories', label: 'data.open.subcategories' }, { entity: 'courses', label: 'data.open.courses' }],
  courses: [{ entity: 'enrolments', label: 'data.open.enrolments' }, { entity: 'groups', label: 'data.open.groups' }],
  cohorts: [{ entity: 'cohort-members', label: 'data.open.members' }],
  groups: [{ entity: 'group-members', label: 'data.open.members' }],
};
/** The tab an entity shows under: members under their cohorts or groups. */
const TAB_OF: Record<string, string> = { 'cohort-members': 'cohorts', 'group-members': 'groups' };

function cell(row: DataPage['rows'][number], column: string, index: number): unknown {
  return Array.isArray(row) ? row[index] : (row as Record<string, unknown>)[column];
}

/** First and last name of a user row, else its username, for the initials of a missing picture. */
function personName(row: DataPage['rows'][number], columns: readonly string[]): string {
  const value = (column: string) => String(cell(row, column, columns.indexOf(column)) ?? '');
  return `${value('firstname')} ${value('lastname')}`.trim() || value('username');
}

function show(value: unknown, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  return String(value);
}

/** The embedded store's data, one entity at a time, searched and paged by the server (index-backed, fast on a million rows). */
export function DataScene({ entity }: { entity: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { location, navigate } = useRouter();
  const q = location.search.get('q') ?? '';
  const parent = location.search.get('parent') ?? '';
  const page = Number(location.search.get('page') ?? 1) || 1;
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q, entity]);
  // Keyset paging: a page reached with "Next" starts after the last id of the page before, which stays fast a million
  // rows deep; a page opened directly (a link, a reload) falls back to its offset.
  const cursors = useRef(new Map<string, number>());
  const view = `${entity}|${q}|${parent}`;
  const data = useLoad(async () => {
    const after = cursors.current.get(`${view}|${page}`);
    const answer = await api<DataPage>('GET', `/data/${entity}${query({ q, parent, pageSize: PAGE_SIZE, ...(after === undefined ? { page } : { after }) })}`);
    const last = answer.rows.at(-1);
    const lastId = last === undefined ? undefined : Number(Array.isArray(last) ? last[answer.columns.indexOf('id')] : (last as Record<string, unknown>).id);
    if (lastId !== undefined && Number.isFinite(lastId)) cursors.current.set(`${view}|${page + 1}`, lastId);
    return answer;
  }, [entity, q, page, parent]);
  const go = (change: { q?: string; page?: number; parent?: string }, target = entity) =>
    navigate(`/data/${target}${query({ q: change.q ?? (target === entity ? q : ''), page: change.page ?? 1, parent: change.parent ?? (target === entity ? parent : '') })}`);
  const columns = data.data?.columns ?? [];
  const idIndex = columns.indexOf('id');
  const children = CHILDREN[entity] ?? [];
  const pictureIndex = columns.indexOf('picture');
  const title = i18n.label(`data.${entity}`, entity);

  return (
    <>
      <PageHeader title={t('data.title')} subtitle={t('data.intro')} />
      <nav className="tabs" aria-label={t('data.entities')}>
        {ENTITIES.map((name) => (
          <Link key={name} to={`/data/${name}`} aria-current={(TAB_OF[entity] ?? entity) === name ? 'page' : undefined}>
            {t(`data.${name}` as MessageKey)}
          </Link>
        ))}
      </nav>
      <div className="toolbar">
        <form role="search" onSubmit={(e) => { e.preventDefault(); go({ q: search.trim() }); }}>
          <input type="search" value={search} aria-label={t('data.searchIn', { entity: title })} placeholder={t('data.search')} onChange={(e) => setSearch(e.target.value)} />
          <button type="submit" className="button-secondary">{t('data.searchButton')}</button>
        </form>
        {parent && (
          <span className="chip">
            {t('data.within', { entity: title, id: parent })}
            <button type="button" className="link" onClick={() => go({ parent: '' })} aria-label={t('data.clearParent')}>✕</button>
          </span>
        )}
      </div>
      <ErrorNotice error={data.error} />
      <div className="table-scroll">
        <table className="table table-compact" aria-busy={data.loading} aria-label={title}>
          <thead>
            <tr>
              {entity === 'users' && <th scope="col"><span className="visually-hidden">{t('data.picture')}</span></th>}
              {columns.map((column) => <th key={column} scope="col">{column}</th>)}
              {children.length > 0 && <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {(data.data?.rows ?? []).map((row, rowIndex) => {
              const id = idIndex >= 0 ? cell(row, 'id', idIndex) : undefined;
              return (
                <tr key={String(id ?? rowIndex)}>
                  {entity === 'users' && (
                    <td className="avatar-cell">
                      {id !== undefined && <Avatar userId={id} hasPicture={pictureIndex < 0 || Number(cell(row, 'picture', pictureIndex)) > 0} name={personName(row, columns)} />}
                    </td>
                  )}
                  {columns.map((column, index) => <td key={column}>{show(cell(row, column, index), t('common.yes'), t('common.no'))}</td>)}
                  {children.length > 0 && (
                    <td className="row-actions">
                      {id !== undefined &&
                        children.map((child) => (
                          <button key={child.entity} type="button" className="button-small button-ghost" onClick={() => go({ parent: String(id) }, child.entity)}>
                            {t(child.label)}
                          </button>
                        ))}
                    </td>
                  )}
                </tr>
              );
            })}
            {data.data && data.data.rows.length === 0 && (
              <tr><td colSpan={columns.length + 2} className="empty">{q ? t('data.noMatch', { q }) : t('data.empty')}</td></tr>
            )}
          </tbody>
        </table>
      </div>
      {data.data && <Pager page={page} pageSize={PAGE_SIZE} total={data.data.total} onPage={(next) => go({ page: next })} />}
    </>
  );
}
