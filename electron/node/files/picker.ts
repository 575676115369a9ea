// What a host with its own file dialogs provides (Electron's shell implements it with dialog.showOpenDialog
// and showSaveDialog); the browser-mode host has none, and its page draws its own dialog over files.list.
import type { ParsedRequestOf } from '../../../shared/api';
import type { Chosen } from '../../../shared/calls/files';

export interface FilePicker {
  choose(req: ParsedRequestOf<'files.choose'>): Promise<Chosen>;
}
