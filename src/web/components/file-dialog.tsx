import { useState } from 'react';
import { api, query } from '../api/client';
import type { FileEntry } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Field } from './field';
import { Modal } from './modal';
import { Notice } from './notice';

/** What the file manager asks in a dialog. */
export type FileDialogKind = { kind: 'folder' } | { kind: 'rename'; entry: FileEntry } | { kind: 'delete'; entry: FileEntry };

/** A path of the file area from its folder and a name. */
export const joinPath = (folder: string, name: string) => (folder ? `${folder}/${name}` : name);

/** New folder, rename or delete, each confirmed in a dialog whose error shows next to its field. */
export function FileDialog({ dialog, folder, onClose, onDone }: { dialog: FileDialogKind; folder: string; onClose(): void; onDone(message: string): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(dialog.kind === 'rename' ? dialog.entry.name : '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (dialog.kind !== 'delete' && !/^[^/\\]+$/.test(name.trim())) return setError(t('files.nameInvalid'));
    setBusy(true);
    try {
      if (dialog.kind === 'folder') {
        await api('POST', '/files/folder', { path: joinPath(folder, name.trim()) });
        onDone(t('files.folderCreated', { name: name.trim() }));
      } else if (dialog.kind === 'rename') {
        await api('POST', '/files/move', { from: joinPath(folder, dialog.entry.name), to: joinPath(folder, name.trim()) });
        onDone(t('files.renamed', { from: dialog.entry.name, to: name.trim() }));
      } else {
        await api('DELETE', `/files${query({ path: joinPath(folder, dialog.entry.name) })}`);
        onDone(t('files.deleted', { name: dialog.entry.name }));
      }
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  };
  if (dialog.kind === 'delete') {
    return (
      <Modal title={t('files.deleteTitle', { name: dialog.entry.name })} submitLabel={t('files.delete')} danger busy={busy} onSubmit={() => void submit()} onClose={onClose}>
        <p>{dialog.entry.type === 'dir' ? t('files.deleteFolderWarning') : t('files.deleteWarning')}</p>
        {error && <Notice kind="error">{error}</Notice>}
      </Modal>
    );
  }
  const title = dialog.kind === 'folder' ? t('files.newFolder') : t('files.renameTitle', { name: dialog.entry.name });
  return (
    <Modal title={title} submitLabel={dialog.kind === 'folder' ? t('common.create') : t('files.rename')} busy={busy} onSubmit={() => void submit()} onClose={onClose}>
      <Field id="file-dialog-name" label={t('files.newName')} error={error}>
        <input id="file-dialog-name" value={name} autoFocus onChange={(e) => { setName(e.target.value); setError(undefined); }} />
      </Field>
    </Modal>
  );
}
