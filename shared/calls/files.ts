// Calls that let the user choose files without typing a path. Browser mode lists folders through the
// host (never a file's contents) and the page draws its own file dialog; Electron answers files.choose
// with the OS's own open/save dialogs. FILE_TYPES is the one table of "what a dialog may show".
import { z } from 'zod';
import { call, empty, pathSchema } from './define';
import { FILE_TYPES, type FileTypeId } from '../fileTypes';

export { FILE_TYPES, type FileTypeId };
export const FILE_TYPE_IDS = Object.keys(FILE_TYPES) as [FileTypeId, ...FileTypeId[]];

/** POSIX `/…`, Windows `C:\…` or `\\server\share`: anything else is relative and refused (the host's working folder means nothing to a user). */
export const isAbsolutePath = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
export const absolutePathSchema = pathSchema.refine(isAbsolutePath, 'path must be absolute (start at / or a drive letter)');
const extensionSchema = z.string().regex(/^[a-z0-9]{1,12}$/i, 'an extension is 1–12 letters or digits, without the dot');

export interface FileEntry {
  name: string;
  /** Absolute and normalised. */
  path: string;
  kind: 'folder' | 'file';
  /** Bytes; null for folders. */
  size: number | null;
  /** ISO 8601, UTC. */
  modified: string;
  /** A symbolic link (shown, never followed further than one step). */
  link: boolean;
}

export interface FolderListing {
  /** The folder listed, absolute and normalised. */
  path: string;
  /** Its parent; null at the root. */
  parent: string | null;
  /** Folders first, then files, each by name as people sort them. */
  entries: FileEntry[];
  /** Hidden entries left out (names starting with a dot) when showHidden is off. */
  hidden: number;
  /** Files left out by the type filter. */
  filtered: number;
  /** More than MAX_LISTED entries: the rest are left out (type a name to reach them). */
  truncated: boolean;
}

export interface Place {
  label: string;
  path: string;
  kind: 'home' | 'projects' | 'recent' | 'root';
}

export interface Places {
  home: string;
  /** Home, the projects folder, the file-system root. */
  standard: Place[];
  /** Folders last used to import, export, open or save, newest first (only those that still exist). */
  recent: Place[];
}

export const MAX_LISTED = 5000;

export const CHOOSE_MODES = ['open', 'openMany', 'folder', 'save'] as const;
export type ChooseMode = (typeof CHOOSE_MODES)[number];

export interface Chosen {
  /** Empty when the user cancelled. */
  paths: string[];
  /** Save dialogs: the type the user chose, when the dialog offered several. */
  type?: FileTypeId;
}

export const filesCalls = {
  // One folder's folders and files with size and date; listing only, never a file's contents.
  'files.list': call<FolderListing>()(
    z
      .object({
        path: absolutePathSchema,
        extensions: z.array(extensionSchema).max(32).optional(),
        showHidden: z.boolean().optional(),
      })
      .strict(),
  ),
  // Home, standard folders and recent places for a file dialog's sidebar.
  'files.places': call<Places>()(empty),
  // The desktop app's own open/save dialog (Electron); browser mode has none and refuses it.
  'files.choose': call<Chosen>()(
    z
      .object({
        mode: z.enum(CHOOSE_MODES),
        title: z.string().max(200),
        types: z.array(z.enum(FILE_TYPE_IDS)).max(FILE_TYPE_IDS.length).optional(),
        /** Folder to start in, or (save) the proposed file. */
        defaultPath: absolutePathSchema.optional(),
      })
      .strict(),
  ),
} as const;
