// The OS's own open and save dialogs behind the contract's files.choose: Electron's dialog module, with
// one filter per file type from shared/calls/files.ts, attached to the app's window.
import { dialog, type BrowserWindow, type FileFilter, type OpenDialogOptions } from 'electron';
import { FILE_TYPES, type Chosen, type FileTypeId } from '../../shared/calls/files';
import type { ParsedRequestOf } from '../../shared/api';
import type { FilePicker } from '../node/files/picker';

/** One filter per type, in the order given, then "All files" for open dialogs. */
export function dialogFilters(types: readonly FileTypeId[] = [], withAll: boolean): FileFilter[] {
  const filters: FileFilter[] = types.map((t) => ({ name: FILE_TYPES[t].label, extensions: [...FILE_TYPES[t].extensions] }));
  if (withAll || !filters.length) filters.push({ name: 'All files', extensions: ['*'] });
  return filters;
}

/** The extension a saved file gets when the user typed none: the first type's first extension. */
function withTypeExtension(file: string, type: FileTypeId | undefined): string {
  if (!type) return file;
  const exts: readonly string[] = FILE_TYPES[type].extensions;
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  return ext && exts.includes(ext) ? file : `${file}.${exts[0]}`;
}

export function createDialogPicker(window: () => BrowserWindow | null): FilePicker {
  return {
    async choose(req: ParsedRequestOf<'files.choose'>): Promise<Chosen> {
      const win = window();
      if (req.mode === 'save') {
        const options = { title: req.title, defaultPath: req.defaultPath, filters: dialogFilters(req.types, false), properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
        const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        if (r.canceled || !r.filePath) return { paths: [] };
        const type = req.types?.[0];
        return { paths: [withTypeExtension(r.filePath, type)], ...(type ? { type } : {}) };
      }
      const properties: OpenDialogOptions['properties'] =
        req.mode === 'folder' ? ['openDirectory'] : req.mode === 'openMany' ? ['openFile', 'multiSelections'] : ['openFile'];
      const options: OpenDialogOptions = {
        title: req.title,
        defaultPath: req.defaultPath,
        properties,
        ...(req.mode === 'folder' ? {} : { filters: dialogFilters(req.types, true) }),
      };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return { paths: r.canceled ? [] : r.filePaths };
    },
  };
}
