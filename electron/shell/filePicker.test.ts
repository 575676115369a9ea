// files.choose in the desktop app: the OS's own open and save dialogs, with 'electron' replaced by a
// fake dialog module that records what the analyst would be shown and answers as they would.
import type { BrowserWindow } from 'electron';
import type { FileTypeId } from '../../shared/calls/files';

const h = vi.hoisted(() => ({
  dialog: {
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: ['/data/orders/a.tif', '/data/orders/b.tif'] })),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePath: '/home/ana/out/rajin' })),
  },
}));
vi.mock('electron', () => ({ dialog: h.dialog, default: { dialog: h.dialog } }));

const { createDialogPicker } = await import('./filePicker');

const win = { id: 1 } as unknown as BrowserWindow;
const picker = createDialogPicker(() => win);
const choose = (mode: 'open' | 'openMany' | 'folder' | 'save', types?: FileTypeId[], defaultPath?: string) => picker.choose({ mode, title: 'Choose', types, defaultPath });

beforeEach(() => {
  h.dialog.showOpenDialog.mockClear();
  h.dialog.showSaveDialog.mockClear();
});

describe('the desktop app\'s file dialogs', () => {
  it('opens several imagery files through the OS dialog, attached to the window, filtered by type', async () => {
    const r = await choose('openMany', ['imagery'], '/data/orders');
    expect(r).toEqual({ paths: ['/data/orders/a.tif', '/data/orders/b.tif'] });
    expect(h.dialog.showOpenDialog).toHaveBeenCalledExactlyOnceWith(win, {
      title: 'Choose',
      defaultPath: '/data/orders',
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Imagery (GeoTIFF, MBTiles, Planet order .zip, STAC .json)', extensions: ['tif', 'tiff', 'mbtiles', 'zip', 'json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
  });

  it('chooses a Planet order folder with a folder dialog', async () => {
    await choose('folder');
    expect(h.dialog.showOpenDialog.mock.calls[0]![1]).toMatchObject({ properties: ['openDirectory'] });
    expect(h.dialog.showOpenDialog.mock.calls[0]![1]).not.toHaveProperty('filters');
  });

  it('gives no path when the analyst cancels', async () => {
    h.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await choose('open', ['project'])).toEqual({ paths: [] });
    h.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await choose('save', ['gpkg'])).toEqual({ paths: [] });
  });

  it('saves with the format\'s filter and adds its extension when the name has none', async () => {
    const r = await choose('save', ['gpkg'], '/home/ana/out/rajin.gpkg');
    expect(r).toEqual({ paths: ['/home/ana/out/rajin.gpkg'], type: 'gpkg' });
    expect(h.dialog.showSaveDialog).toHaveBeenCalledExactlyOnceWith(win, expect.objectContaining({
      defaultPath: '/home/ana/out/rajin.gpkg',
      filters: [{ name: 'GeoPackage', extensions: ['gpkg'] }],
    }));
    h.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/ana/out/report.PDF' });
    expect(await choose('save', ['pdf'])).toEqual({ paths: ['/home/ana/out/report.PDF'], type: 'pdf' });
  });
});
