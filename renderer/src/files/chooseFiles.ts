// The one way the renderer asks the user for files: the desktop app's own dialogs (files.choose, through
// the preload), or in browser mode the app's FileDialog over the host's folder listing. Either way the
// caller gets absolute paths, or none when the user cancelled.
import { create } from 'zustand';
import type { ChooseMode, Chosen } from '../../../shared/calls/files';
import { FILE_TYPES, type FileTypeId } from '../../../shared/fileTypes';
import { call } from '../api/client';
import { folderOf } from '../components/outputPaths';

export interface ChooseOptions {
  mode: ChooseMode;
  title: string;
  /** The types offered (the first is selected); open dialogs add "All files". */
  types?: FileTypeId[];
  /** The folder to start in, or (save) the proposed file. */
  start?: string;
}

interface FileDialogState {
  request: (ChooseOptions & { resolve(c: Chosen): void }) | null;
  /** The folder the dialog showed last, where the next one starts when the caller proposes none. */
  lastFolder: string;
  /** Set by the mounted dialog: it owns the keyboard while open. */
  onKey: ((e: KeyboardEvent) => void) | null;
  finish(c: Chosen, folder?: string): void;
}

export const useFileDialog = create<FileDialogState>((set, get) => ({
  request: null,
  lastFolder: '',
  onKey: null,
  finish: (c, folder) => {
    get().request?.resolve(c);
    set({ request: null, ...(folder ? { lastFolder: folder } : {}) });
  },
}));

export const fileDialogOpen = () => useFileDialog.getState().request !== null;

const isAbsolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);

export async function chooseFiles(opts: ChooseOptions): Promise<Chosen> {
  if (window.quaywatch) {
    const start = opts.start && isAbsolute(opts.start) ? opts.start : undefined;
    return call('files.choose', { mode: opts.mode, title: opts.title, ...(opts.types ? { types: opts.types } : {}), ...(start ? { defaultPath: start } : {}) });
  }
  useFileDialog.getState().request?.resolve({ paths: [] });
  return new Promise<Chosen>((resolve) => useFileDialog.setState({ request: { ...opts, resolve } }));
}

/** The one path a single-choice dialog gave, or null when cancelled. */
export async function chooseFile(opts: ChooseOptions): Promise<{ path: string; type?: FileTypeId } | null> {
  const r = await chooseFiles(opts);
  return r.paths[0] ? { path: r.paths[0], ...(r.type ? { type: r.type } : {}) } : null;
}

/** The start folder of a proposed path: a folder as is, a file's folder. */
export const startFolderOf = (p: string) => (p.endsWith('/') || p.endsWith('\\') ? p.replace(/[\\/]+$/, '') || '/' : folderOf(p));

export const extensionsOf = (t: FileTypeId): readonly string[] => FILE_TYPES[t].extensions;

/**
 * Owns the keyboard while a file dialog is open: installed before every other key handler, so neither the
 * workbench's shortcuts, the review keys nor the dialog underneath see a key meant for the file dialog.
 */
export function installFileDialogKeys() {
  window.addEventListener(
    'keydown',
    (e) => {
      const s = useFileDialog.getState();
      if (!s.request) return;
      e.stopImmediatePropagation();
      s.onKey?.(e);
    },
    true,
  );
}
