// Electron's main process: a thin shell that wires the Node services (the same ones the browser-mode
// host and the CLI use) to one hardened window. Every security decision lives in security.ts.
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session as electronSession, shell } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { createAppHandler } from '../node/appHandler';
import { createDispatcher } from '../node/dispatcher';
import { provideKeyStore } from '../node/imagery/tiles';
import { defaultDataDir } from '../node/paths';
import { ProjectSession } from '../node/session';
import {
  APP_PRIVILEGED_SCHEME,
  APP_SCHEME,
  APP_START_URL,
  PRELOAD_FILE,
  browserWindowOptions,
  hardenWebContents,
  installSessionGuards,
  registerIpcHandlers,
  vettedExternalUrl,
  withContentSecurityPolicy,
} from './security';
import { openSafeStorageKeyStore } from './safeStorageKeys';
import { createDialogPicker } from './filePicker';

const log = (line: string) => console.log(`[quaywatch] ${line}`);

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the edit history still needs a name.
    return process.env.USER || process.env.USERNAME || 'analyst';
  }
}

let mainWindow: BrowserWindow | null = null;
let projectSession: ProjectSession | null = null;

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(browserWindowOptions(path.join(__dirname, PRELOAD_FILE)));
  win.once('ready-to-show', () => win.show());
  // If the page never paints (a broken build), show the window anyway rather than nothing at all.
  win.webContents.once('did-fail-load', (_event, code, description) => {
    log(`The page failed to load (${code} ${description})`);
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  win.webContents.on('render-process-gone', (_event, details) => log(`Renderer gone: ${details.reason}`));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_START_URL);
  return win;
}

function start(): void {
  const dataDir = defaultDataDir();
  // Tile API keys sealed by safeStorage (the OS keystore) where it can; else the Node keystore and its warning.
  const keyStore = openSafeStorageKeyStore(safeStorage, app.getPath('userData'));
  if (keyStore) provideKeyStore(dataDir, keyStore);
  // The OS's own open/save dialogs answer files.choose, attached to the main window.
  const picker = createDialogPicker(() => mainWindow);
  const session = new ProjectSession({ dataDir, author: currentUser(), host: 'electron', picker });
  projectSession = session;

  installSessionGuards(electronSession.defaultSession);
  const rendererDir = path.join(__dirname, '../renderer');
  protocol.handle(APP_SCHEME, withContentSecurityPolicy(createAppHandler({ rendererDir, session })));
  registerIpcHandlers(ipcMain, createDispatcher(session), log);

  mainWindow = createMainWindow();
}

// Before anything else: privileged schemes and the sandbox must be set before `ready`.
protocol.registerSchemesAsPrivileged([APP_PRIVILEGED_SCHEME]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another Quaywatch owns the data folder; it is told via 'second-instance' and comes forward.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Every webContents, including any the app did not mean to create, is locked to the app's origin.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      openExternal: async (url) => {
        // Vetted again at the last moment: nothing reaches the OS that did not pass the check.
        const vetted = vettedExternalUrl(url);
        if (vetted !== null) await shell.openExternal(vetted);
      },
      log,
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });

  app.on('will-quit', () => {
    projectSession?.close();
    projectSession = null;
  });

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log(`Could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      // A window-less app that just exits looks like a crash; say why first.
      dialog.showErrorBox('Quaywatch could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}
