// Browser mode's file dialog, drawn by the app since a page cannot learn where a file is on disk: a path
// bar (breadcrumbs, or a typed path), up-folder, the folder's files with size and date, a type filter,
// places and recent places, the keyboard of a desktop dialog (arrows, Enter, Backspace, Esc) and
// double-click. The host lists folders (files.list); it never reads a file here.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FileEntry, FolderListing, Places } from '../../../shared/calls/files';
import { FILE_TYPES, type FileTypeId } from '../../../shared/fileTypes';
import { ApiCallError, call } from '../api/client';
import { fmtBytes } from '../components/OutputFileField';
import { folderOf, joinPath } from '../components/outputPaths';
import { startFolderOf, useFileDialog, type ChooseOptions } from './chooseFiles';
import './fileDialog.css';

const ALL = 'all' as const;
type Filter = FileTypeId | typeof ALL;

/** Mounted once by App: the dialog while a chooser waits for an answer. */
export function FileDialogHost() {
  const request = useFileDialog((s) => s.request);
  return request ? <FileDialog key={`${request.title}-${request.mode}`} request={request} /> : null;
}

const isAbsolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
const extOf = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
const nameOf = (p: string) => p.slice(folderOf(p).length).replace(/^[\\/]/, '');

/** "2025-01-14 01:38" in UTC, as every date in the app. */
const fmtDate = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** "/home/ana/orders" → [["/", "/"], ["home", "/home"], …]. */
function crumbs(p: string): { label: string; path: string }[] {
  const parts = p.split(/[\\/]/).filter(Boolean);
  const drive = /^[A-Za-z]:/.test(p);
  const out = drive ? [] : [{ label: '/', path: '/' }];
  let acc = drive ? '' : '';
  for (const part of parts) {
    acc = drive && !acc ? `${part}\\` : joinPath(acc || '/', part);
    out.push({ label: part, path: acc });
  }
  return out;
}

function withTypeExtension(name: string, type: Filter): string {
  if (type === ALL) return name;
  const exts: readonly string[] = FILE_TYPES[type].extensions;
  if (exts.includes(extOf(name))) return name;
  const known = Object.values(FILE_TYPES).flatMap((t) => t.extensions as readonly string[]);
  const base = known.includes(extOf(name)) ? name.slice(0, -extOf(name).length - 1) : name;
  return `${base}.${exts[0]}`;
}

function FileDialog({ request }: { request: ChooseOptions & { resolve: unknown } }) {
  const { mode, title, types = [] } = request;
  const finish = useFileDialog((s) => s.finish);
  const saving = mode === 'save';
  const [places, setPlaces] = useState<Places | null>(null);
  const [folder, setFolder] = useState('');
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>(types[0] ?? ALL);
  const [showHidden, setShowHidden] = useState(false);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [cursor, setCursor] = useState(-1);
  const [typing, setTyping] = useState(false);
  const [typed, setTyped] = useState('');
  const [name, setName] = useState(() => (saving && request.start && !/[\\/]$/.test(request.start) ? nameOf(request.start) : ''));
  const listRef = useRef<HTMLDivElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const cancel = useCallback(() => finish({ paths: [] }, folder), [finish, folder]);

  // Where to start: the caller's folder, else where the last dialog was, else home.
  useEffect(() => {
    let live = true;
    void call('files.places', {}).then((p) => {
      if (!live) return;
      setPlaces(p);
      const proposed = request.start && isAbsolute(request.start) ? (saving || /[\\/]$/.test(request.start) ? startFolderOf(request.start) : request.start) : '';
      setFolder(proposed || useFileDialog.getState().lastFolder || p.home);
    }, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [request.start, saving]);

  const extensions = useMemo(() => (filter === ALL || mode === 'folder' ? undefined : [...FILE_TYPES[filter].extensions]), [filter, mode]);

  useEffect(() => {
    if (!folder) return;
    let live = true;
    setError(null);
    void call('files.list', { path: folder, showHidden, ...(extensions ? { extensions } : {}) }).then(
      (l) => {
        if (!live) return;
        setListing(l);
        setSelected(new Set());
        setCursor(l.entries.length ? 0 : -1);
        if (l.path !== folder) setFolder(l.path);
      },
      (e: unknown) => live && setError(e instanceof ApiCallError || e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [folder, showHidden, extensions]);

  const entries = useMemo(() => (mode === 'folder' ? (listing?.entries ?? []).filter((e) => e.kind === 'folder') : (listing?.entries ?? [])), [listing, mode]);
  const here = listing?.path ?? folder;

  const go = (p: string) => {
    setTyping(false);
    setFolder(p);
  };
  const up = () => listing?.parent && go(listing.parent);

  const saveName = withTypeExtension(name.trim(), filter);
  const existing = saving && saveName ? entries.find((e) => e.kind === 'file' && e.name === saveName) : undefined;

  const choose = (picked: FileEntry[]) => {
    if (saving) {
      const n = picked[0]?.kind === 'file' ? picked[0].name : saveName;
      if (!n) return nameRef.current?.focus();
      const target = isAbsolute(n) ? n : joinPath(here, n);
      return finish({ paths: [target], ...(filter !== ALL ? { type: filter } : {}) }, folderOf(target));
    }
    if (mode === 'folder') return finish({ paths: [picked[0]?.kind === 'folder' ? picked[0].path : here] }, here);
    const files = picked.filter((e) => e.kind === 'file');
    if (files.length) finish({ paths: (mode === 'openMany' ? files : files.slice(0, 1)).map((e) => e.path) }, here);
  };

  /** Enter or double-click on an entry: a folder opens (or is chosen, in a folder dialog's button), a file is chosen. */
  const activate = (e: FileEntry) => {
    if (e.kind === 'folder') go(e.path);
    else choose([e]);
  };

  const submitTyped = async () => {
    const p = typed.trim();
    if (!p) return setTyping(false);
    if (!isAbsolute(p)) return setError(`"${p}" is not a full path: start it at / (or a drive letter).`);
    // A folder opens; anything else is taken as a file in its folder.
    try {
      await call('files.list', { path: p });
      go(p);
    } catch {
      if (saving) {
        setName(nameOf(p));
        go(folderOf(p));
      } else choose([{ name: nameOf(p), path: p, kind: 'file', size: null, modified: '', link: false }]);
    }
  };

  const picked = () => [...selected].sort((a, b) => a - b).map((i) => entries[i]!).filter(Boolean);
  const primaryLabel = saving ? 'Save' : mode === 'folder' ? 'Choose folder' : 'Open';
  const canChoose = saving ? !!saveName : mode === 'folder' ? true : picked().some((e) => e.kind === 'file');

  // The dialog owns the keyboard (chooseFiles.installFileDialogKeys): keys reach it here, whatever has focus.
  const keyRef = useRef<(e: KeyboardEvent) => void>(() => {});
  keyRef.current = (e) => {
    const target = e.target as HTMLElement | null;
    const inField = !!target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
    if (e.key === 'Escape') {
      e.preventDefault();
      if (typing) setTyping(false);
      else cancel();
      return;
    }
    if (e.key === 'l' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      setTyped(here);
      setTyping(true);
      return;
    }
    if (inField) {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      if (target?.dataset.testid === 'file-dialog-location') void submitTyped();
      else if (target?.dataset.testid === 'file-dialog-name') choose([]);
      return;
    }
    if (target?.tagName === 'BUTTON' && (e.key === 'Enter' || e.key === ' ')) return; // the button's own click
    const n = entries.length;
    const move = (to: number) => {
      e.preventDefault();
      const i = Math.max(0, Math.min(n - 1, to));
      setCursor(i);
      setSelected(new Set([i]));
      if (saving && entries[i]?.kind === 'file') setName(entries[i]!.name);
      listRef.current?.querySelector(`[data-index="${i}"]`)?.scrollIntoView({ block: 'nearest' });
    };
    if (e.key === 'ArrowDown' && n) move(cursor + 1);
    else if (e.key === 'ArrowUp' && n) move(cursor - 1);
    else if (e.key === 'Home' && n) move(0);
    else if (e.key === 'End' && n) move(n - 1);
    else if (e.key === 'Backspace' || (e.key === 'ArrowUp' && e.altKey)) {
      e.preventDefault();
      up();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const cur = entries[cursor];
      if (cur && selected.has(cursor)) {
        if (cur.kind === 'folder' && !(mode === 'folder' && e.ctrlKey)) go(cur.path);
        else if (mode === 'openMany' && picked().length > 1) choose(picked());
        else activate(cur);
      } else if (canChoose) choose(picked());
    }
  };
  useEffect(() => {
    useFileDialog.setState({ onKey: (e) => keyRef.current(e) });
    return () => useFileDialog.setState({ onKey: null });
  }, []);

  // Focus the list once it has entries (a save dialog: the name field), so the keys work at once.
  useEffect(() => {
    if (saving) nameRef.current?.focus();
    else listRef.current?.focus();
  }, [saving, listing]);

  const clickRow = (i: number, ev: React.MouseEvent) => {
    setCursor(i);
    const e = entries[i]!;
    if (mode === 'openMany' && (ev.ctrlKey || ev.metaKey)) {
      const next = new Set(selected);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      setSelected(next);
    } else if (mode === 'openMany' && ev.shiftKey && cursor >= 0) {
      const [a, b] = [Math.min(cursor, i), Math.max(cursor, i)];
      setSelected(new Set(Array.from({ length: b - a + 1 }, (_, k) => a + k)));
    } else setSelected(new Set([i]));
    if (saving && e.kind === 'file') setName(e.name);
  };

  const filters: Filter[] = mode === 'folder' ? [] : saving ? (types.length ? types : [ALL]) : [...types, ALL];
  const chooseFilter = (f: Filter) => {
    setFilter(f);
    if (saving && name.trim()) setName(withTypeExtension(name.trim(), f));
  };

  const placeButton = (p: { label: string; path: string; kind: string }) => (
    <button
      type="button"
      key={`${p.kind}-${p.path}`}
      className={`fd-place${p.path === here ? ' current' : ''}`}
      title={p.path}
      data-testid={`file-dialog-place-${p.kind}`}
      data-path={p.path}
      onClick={() => go(p.path)}
    >
      <span className={`fd-icon ${p.kind === 'root' ? 'drive' : p.kind === 'home' ? 'home' : 'folder'}`} aria-hidden />
      <span className="fd-place-label">{p.label}</span>
    </button>
  );

  return (
    <div className="modal-backdrop fd-backdrop" onMouseDown={cancel}>
      <div className="file-dialog" role="dialog" aria-modal="true" aria-label={title} data-testid="file-dialog" data-mode={mode} onMouseDown={(e) => e.stopPropagation()}>
        <header className="fd-title">{title}</header>
        <div className="fd-bar">
          <button type="button" className="fd-up" onClick={up} disabled={!listing?.parent} title="Up to the parent folder (Backspace)" aria-label="Up" data-testid="file-dialog-up">
            ↑
          </button>
          {typing ? (
            <input
              autoFocus
              className="mono fd-location"
              data-testid="file-dialog-location"
              aria-label="Location"
              spellCheck={false}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onBlur={() => setTyping(false)}
            />
          ) : (
            <nav className="fd-crumbs" aria-label="Path" data-testid="file-dialog-path" data-path={here}>
              {crumbs(here).map((c, i, all) => (
                <button type="button" key={c.path} className={i === all.length - 1 ? 'fd-crumb current' : 'fd-crumb'} onClick={() => go(c.path)}>
                  {c.label}
                </button>
              ))}
              <button
                type="button"
                className="fd-type-path"
                title="Type a path (Ctrl+L)"
                data-testid="file-dialog-type-path"
                onClick={() => {
                  setTyped(here);
                  setTyping(true);
                }}
              >
                Type a path…
              </button>
            </nav>
          )}
        </div>
        <div className="fd-body">
          <aside className="fd-sidebar" aria-label="Places">
            <div className="fd-heading">Places</div>
            {places?.standard.map(placeButton)}
            {!!places?.recent.length && <div className="fd-heading">Recent</div>}
            {places?.recent.map(placeButton)}
          </aside>
          <div className="fd-main">
            <div className="fd-row fd-head" aria-hidden>
              <span>Name</span>
              <span className="fd-size">Size</span>
              <span className="fd-date">Modified (UTC)</span>
            </div>
            <div
              className="fd-list"
              role="listbox"
              aria-multiselectable={mode === 'openMany'}
              aria-label="Files"
              tabIndex={0}
              ref={listRef}
              data-testid="file-dialog-list"
            >
              {error ? (
                <p className="fd-empty error" role="alert" data-testid="file-dialog-error">
                  {error}
                </p>
              ) : entries.length === 0 && listing ? (
                <p className="fd-empty muted">{listing.filtered ? `No ${filter === ALL ? '' : `${FILE_TYPES[filter as FileTypeId].label} `}files here (${listing.filtered} other file${listing.filtered === 1 ? '' : 's'}).` : 'This folder is empty.'}</p>
              ) : (
                entries.map((e, i) => (
                  <div
                    key={e.path}
                    role="option"
                    aria-selected={selected.has(i)}
                    data-index={i}
                    data-kind={e.kind}
                    data-testid="file-dialog-entry"
                    data-name={e.name}
                    className={`fd-row${selected.has(i) ? ' selected' : ''}${i === cursor ? ' cursor' : ''}${existing === e ? ' exists' : ''}`}
                    onClick={(ev) => clickRow(i, ev)}
                    onDoubleClick={() => activate(e)}
                  >
                    <span className="fd-name">
                      <span className={`fd-icon ${e.kind === 'folder' ? 'folder' : 'file'}`} aria-hidden />
                      <span className="fd-label">{e.name}</span>
                      {e.link && <span className="muted small"> ↪</span>}
                    </span>
                    <span className="fd-size muted">{e.size === null ? '' : fmtBytes(e.size)}</span>
                    <span className="fd-date muted">{fmtDate(e.modified)}</span>
                  </div>
                ))
              )}
            </div>
            <div className="fd-status small muted" data-testid="file-dialog-status">
              {listing && !error && (
                <>
                  {entries.length} item{entries.length === 1 ? '' : 's'}
                  {listing.truncated && ' (the first 5000: type a name to reach others)'}
                  <label className="fd-hidden">
                    <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} data-testid="file-dialog-hidden" /> Show hidden files
                    {!showHidden && listing.hidden > 0 && ` (${listing.hidden})`}
                  </label>
                </>
              )}
            </div>
          </div>
        </div>
        <footer className="fd-footer">
          {saving && (
            <label className="fd-field">
              <span>Name</span>
              <input ref={nameRef} className="mono" data-testid="file-dialog-name" value={name} spellCheck={false} onChange={(e) => setName(e.target.value)} />
            </label>
          )}
          {filters.length > 0 && (
            <label className="fd-field">
              <span>{saving ? 'Format' : 'Show'}</span>
              <select data-testid="file-dialog-type" value={filter} onChange={(e) => chooseFilter(e.target.value as Filter)}>
                {filters.map((f) => (
                  <option key={f} value={f}>
                    {f === ALL ? 'All files' : `${FILE_TYPES[f].label} (${FILE_TYPES[f].extensions.map((x) => `.${x}`).join(', ')})`}
                  </option>
                ))}
              </select>
            </label>
          )}
          {existing && (
            <p className="fd-exists small" role="status" data-testid="file-dialog-exists">
              {existing.name} is already in this folder: you will be asked before it is replaced.
            </p>
          )}
          {saving && saveName && saveName !== name.trim() && !existing && <p className="small muted fd-saved-as">Saved as {saveName}</p>}
          <div className="fd-actions">
            <button type="button" onClick={cancel} data-testid="file-dialog-cancel">
              Cancel
            </button>
            <button type="button" className="primary" disabled={!canChoose} onClick={() => choose(picked())} data-testid="file-dialog-choose">
              {primaryLabel}
            </button>
          </div>
        </footer>
      </div>
    </div>
  );
}
