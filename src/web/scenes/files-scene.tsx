import { useRef, useState, type DragEvent } from 'react';
import { api, apiUrl, ApiError, query } from '../api/client';
import type { FileEntry } from '../api/types';
import { FilePreview } from '../components/file-preview';
import { FileDialog, joinPath, type FileDialogKind } from '../components/file-dialog';
import { FileIcon, FolderIcon } from '../components/icons';
import { ErrorNotice, Notice } from '../components/notice';
import { useSession } from '../components/session';
import { PageHeader } from '../components/shell';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { useRouter } from '../router/router';


/** The file manager of the command file area: folders, upload (several files, drag and drop), download, rename, delete, preview. */
export function FilesScene() {
  const i18n = useI18n();
  const { t } = i18n;
  const { canWrite } = useSession();
  const { location, navigate } = useRouter();
  const folder = (location.search.get('path') ?? '').replace(/^\/+|\/+$/g, '');
  const listing = useLoad(() => api<{ path: string; entries: FileEntry[] }>('GET', `/files${query({ path: folder })}`), [folder]);
  const [preview, setPreview] = useState<string>();
  const [dialog, setDialog] = useState<FileDialogKind>();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  const open = (path: string) => {
    setPreview(undefined);
    navigate(`/files${query({ path })}`);
  };

  const upload = async (files: FileList | File[]) => {
    const list = [...files];
    if (list.length === 0) return;
    const form = new FormData();
    for (const file of list) form.append('file', file, file.name);
    setMessage(undefined);
    try {
      await api('POST', `/files${query({ path: folder })}`, form);
      setMessage({ kind: 'success', text: t('files.uploaded', { count: list.length }) });
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof ApiError && error.status === 413 ? t('files.tooLarge') : (error as Error).message });
    }
    listing.reload();
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (canWrite) void upload(event.dataTransfer.files);
  };

  const crumbs = folder ? folder.split('/') : [];
  const entries = [...(listing.data?.entries ?? [])].sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'dir' ? -1 : 1));

  return (
    <div
      className={`files-page${dragging ? ' files-dragging' : ''}`}
      onDragOver={(event) => { if (canWrite) { event.preventDefault(); setDragging(true); } }}
      onDragLeave={(event) => { if (event.currentTarget === event.target) setDragging(false); }}
      onDrop={onDrop}
    >
      <PageHeader
        title={t('files.title')}
        subtitle={t('files.intro')}
        actions={canWrite && (
          <>
            <button type="button" className="button-secondary" onClick={() => setDialog({ kind: 'folder' })}>
              + {t('files.newFolder')}
            </button>
            <button type="button" className="button-primary" onClick={() => picker.current?.click()}>
              ⤒ {t('files.upload')}
            </button>
            <input ref={picker} type="file" multiple hidden aria-label={t('files.upload')} onChange={(e) => { if (e.target.files) void upload(e.target.files); e.target.value = ''; }} />
          </>
        )}
      />
      <nav className="breadcrumbs" aria-label={t('files.location')}>
        <button type="button" className="link" onClick={() => open('')}>{t('files.root')}</button>
        {crumbs.map((part, index) => (
          <span key={index}>
            <span aria-hidden="true"> / </span>
            <button type="button" className="link" aria-current={index === crumbs.length - 1 ? 'page' : undefined} onClick={() => open(crumbs.slice(0, index + 1).join('/'))}>
              {part}
            </button>
          </span>
        ))}
      </nav>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <ErrorNotice error={listing.error} />
      {canWrite && <p className="drop-hint">{t('files.dropHint')}</p>}
      <div>
        <table className="table files-table">
          <thead>
            <tr>
              <th scope="col">{t('files.name')}</th>
              <th scope="col" className="numeric">{t('files.size')}</th>
              <th scope="col">{t('files.modified')}</th>
              <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {folder && (
              <tr>
                <td colSpan={4}>
                  <button type="button" className="link" onClick={() => open(crumbs.slice(0, -1).join('/'))}>↰ {t('files.up')}</button>
                </td>
              </tr>
            )}
            {entries.map((entry) => {
              const path = joinPath(folder, entry.name);
              return (
                <tr key={entry.name} className={preview === path ? 'row-selected' : undefined}>
                  <td>
                    {entry.type === 'dir' ? (
                      <button type="button" className="link file-name" onClick={() => open(path)}>
                        <FolderIcon /> {entry.name}
                      </button>
                    ) : /\.(csv|txt)$/i.test(entry.name) ? (
                      <button type="button" className="link file-name" title={t('files.preview')} onClick={() => setPreview(path)}>
                        <FileIcon /> {entry.name}
                      </button>
                    ) : (
                      <span className="file-name"><FileIcon /> {entry.name}</span>
                    )}
                  </td>
                  <td className="numeric">{entry.type === 'file' ? i18n.size(entry.size) : ''}</td>
                  <td className="nowrap">{i18n.date(entry.modified)}</td>
                  <td className="row-actions">
                    {entry.type === 'file' && (
                      <a className="button-small button-ghost" href={apiUrl(`/files/content${query({ path })}`)} download={entry.name} aria-label={t('files.downloadNamed', { name: entry.name })}>
                        {t('files.download')}
                      </a>
                    )}
                    {canWrite && (
                      <>
                        <button type="button" className="button-small button-ghost" aria-label={t('files.renameNamed', { name: entry.name })} onClick={() => setDialog({ kind: 'rename', entry })}>
                          {t('files.rename')}
                        </button>
                        <button type="button" className="button-small button-ghost button-ghost-danger" aria-label={t('files.deleteNamed', { name: entry.name })} onClick={() => setDialog({ kind: 'delete', entry })}>
                          {t('files.delete')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
            {listing.data && entries.length === 0 && (
              <tr>
                <td colSpan={4} className="empty">{t('files.empty')}</td>
              </tr>
            )}
          </tbody>
        </table>
        {preview && <FilePreview path={preview} onClose={() => setPreview(undefined)} />}
      </div>
      {dialog && (
        <FileDialog
          dialog={dialog}
          folder={folder}
          onClose={() => setDialog(undefined)}
          onDone={(text) => {
            setDialog(undefined);
            setMessage({ kind: 'success', text });
            if (dialog.kind !== 'folder' && preview === joinPath(folder, dialog.entry.name)) setPreview(undefined);
            listing.reload();
          }}
        />
      )}
    </div>
  );
}
