/** Small line icons drawn inline, so that they do not depend on the fonts of the machine. */
export function FolderIcon() {
  return (
    <svg className="icon icon-folder" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M1.5 3.5h4.2l1.5 1.6h7.3v7.4a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z" />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg className="icon icon-file" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3" />
    </svg>
  );
}
