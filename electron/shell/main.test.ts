// The main process's wiring, with 'electron' and the Node services replaced by fakes: what is done
// before `ready`, what is done on it, and that every piece from security.ts is actually installed.
import { EventEmitter } from 'node:events';
import { CALL_NAMES, ipcChannel } from '../../shared/api';
import { CONTENT_SECURITY_POLICY } from '../node/csp';

const h = vi.hoisted(() => {
  // vi.hoisted runs before imports, so the fakes are built from require'd modules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as { EventEmitter: typeof EventEmitter };
  const calls: string[] = [];
  const state = { lock: true, platform: 'linux' };

  class FakeApp extends Emitter {
    ready = false;
    private readyResolve: (() => void) | null = null;
    private readyPromise = new Promise<void>((resolve) => (this.readyResolve = resolve));
    enableSandbox = vi.fn(() => calls.push('enableSandbox'));
    requestSingleInstanceLock = vi.fn(() => state.lock);
    quit = vi.fn(() => calls.push('quit'));
    exit = vi.fn();
    isReady = () => this.ready;
    getPath = vi.fn((name: string) => `/tmp/quaywatch-${name}`);
    whenReady = () => this.readyPromise;
    fireReady() {
      calls.push('ready');
      this.ready = true;
      this.readyResolve?.();
    }
  }

  class FakeWebContents extends Emitter {
    setWindowOpenHandler = vi.fn();
  }

  class FakeBrowserWindow extends Emitter {
    static all: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.all;
    webContents = new FakeWebContents();
    visible = false;
    loadURL = vi.fn(async () => {});
    show = vi.fn(() => (this.visible = true));
    isVisible = () => this.visible;
    isDestroyed = () => false;
    isMinimized = () => false;
    restore = vi.fn();
    focus = vi.fn();
    constructor(public options: Record<string, unknown>) {
      super();
      calls.push('BrowserWindow');
      FakeBrowserWindow.all.push(this);
    }
  }

  const ipcHandlers = new Map<string, unknown>();
  const sessionCaptured: Record<string, unknown> = {};
  const fakeSession = {
    setPermissionRequestHandler: (f: unknown) => (sessionCaptured.permissionRequest = f),
    setPermissionCheckHandler: (f: unknown) => (sessionCaptured.permissionCheck = f),
    setDevicePermissionHandler: (f: unknown) => (sessionCaptured.devicePermission = f),
    webRequest: {
      onBeforeRequest: (f: unknown) => (sessionCaptured.beforeRequest = f),
      onHeadersReceived: (f: unknown) => (sessionCaptured.headersReceived = f),
    },
  };
  const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();

  const electron = {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: unknown) => {
        if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        ipcHandlers.set(channel, fn);
      },
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn((scheme: string, fn: (req: Request) => Promise<Response>) => {
        calls.push(`protocol.handle:${scheme}`);
        protocolHandlers.set(scheme, fn);
      }),
    },
    session: { defaultSession: fakeSession },
    shell: { openExternal: vi.fn(async () => {}) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
    dialog: {
      showErrorBox: vi.fn(),
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/data/rajin.quaywatch'] })),
      showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
    },
  };

  const services = {
    sessions: [] as { opts: unknown; close: ReturnType<typeof vi.fn> }[],
    appHandlerOpts: null as unknown,
    dispatch: vi.fn(async () => ({ ok: true, value: 'dispatched' })),
    keyStores: [] as { dataDir: string; store: { backend: unknown; file?: string } }[],
  };

  return { calls, state, electron, ipcHandlers, sessionCaptured, protocolHandlers, services, FakeBrowserWindow };
});

vi.mock('electron', () => ({ ...h.electron, default: h.electron }));
vi.mock('../node/session', () => ({
  ProjectSession: class {
    close = vi.fn();
    constructor(public opts: unknown) {
      h.services.sessions.push(this);
    }
  },
}));
vi.mock('../node/paths', () => ({ defaultDataDir: () => '/tmp/quaywatch-home' }));
vi.mock('../node/dispatcher', () => ({ createDispatcher: () => h.services.dispatch }));
vi.mock('../node/imagery/tiles', () => ({
  provideKeyStore: (dataDir: string, store: { backend: unknown }) => h.services.keyStores.push({ dataDir, store }),
}));
vi.mock('../node/appHandler', () => ({
  createAppHandler: (opts: unknown) => {
    h.services.appHandlerOpts = opts;
    return async () => new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } });
  },
}));

async function startMain() {
  await import('./main');
  h.electron.app.fireReady();
  // Let whenReady().then(start) run.
  await new Promise((r) => setTimeout(r, 0));
}

const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;

beforeAll(async () => {
  Object.defineProperty(process, 'platform', { value: 'linux' });
  await startMain();
});
afterAll(() => {
  Object.defineProperty(process, 'platform', platform);
});

describe('main process', () => {
  it('registers the privileged scheme and enables the sandbox before ready', () => {
    const { calls } = h;
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('ready'));
    expect(calls.indexOf('enableSandbox')).toBeLessThan(calls.indexOf('ready'));
    expect(h.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'quaywatch', privileges: expect.objectContaining({ standard: true, secure: true, stream: true }) }),
    ]);
    expect(h.electron.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('opens one project session for the electron host', () => {
    expect(h.services.sessions).toHaveLength(1);
    expect(h.services.sessions[0]!.opts).toMatchObject({ dataDir: '/tmp/quaywatch-home', host: 'electron' });
    expect((h.services.sessions[0]!.opts as { author: string }).author).toEqual(expect.any(String));
  });

  it('answers files.choose with the OS\'s own dialogs, attached to the main window', async () => {
    const picker = (h.services.sessions[0]!.opts as { picker: { choose(req: unknown): Promise<unknown> } }).picker;
    await expect(picker.choose({ mode: 'open', title: 'Open project', types: ['project'] })).resolves.toEqual({ paths: ['/data/rajin.quaywatch'] });
    expect(h.electron.dialog.showOpenDialog).toHaveBeenCalledWith(h.FakeBrowserWindow.all[0], expect.objectContaining({ title: 'Open project' }));
  });

  it('keeps tile API keys with safeStorage, in userData, for the session\'s data folder', () => {
    expect(h.electron.app.getPath).toHaveBeenCalledWith('userData');
    expect(h.services.keyStores).toHaveLength(1);
    expect(h.services.keyStores[0]).toMatchObject({
      dataDir: '/tmp/quaywatch-home',
      store: { backend: { kind: 'os-keystore' }, file: '/tmp/quaywatch-userData/tile-keys.safestorage.json' },
    });
  });

  it('serves the renderer from quaywatch:// with the CSP on every response', async () => {
    expect(h.electron.protocol.handle).toHaveBeenCalledWith('quaywatch', expect.any(Function));
    expect(h.services.appHandlerOpts).toMatchObject({ rendererDir: expect.stringMatching(/renderer$/) });
    const res = await h.protocolHandlers.get('quaywatch')!(new Request('quaywatch://app/index.html'));
    expect(res.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('installs the session guards on the default session', () => {
    for (const key of ['permissionRequest', 'permissionCheck', 'devicePermission', 'beforeRequest', 'headersReceived']) {
      expect(h.sessionCaptured[key], key).toEqual(expect.any(Function));
    }
  });

  it('registers one IPC handler per call, after the guards and before the window', () => {
    expect([...h.ipcHandlers.keys()].sort()).toEqual(CALL_NAMES.map(ipcChannel).sort());
    expect(h.calls.indexOf('protocol.handle:quaywatch')).toBeLessThan(h.calls.indexOf('BrowserWindow'));
  });

  it('creates a hardened, hidden window with the bundled preload and loads the app page', () => {
    const [win] = h.FakeBrowserWindow.all;
    expect(h.FakeBrowserWindow.all).toHaveLength(1);
    expect(win!.options).toMatchObject({
      show: false,
      backgroundColor: '#111418',
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: expect.stringMatching(/preload\.cjs$/),
      },
    });
    expect(win!.loadURL).toHaveBeenCalledWith('quaywatch://app/index.html');
    expect(win!.show).not.toHaveBeenCalled();
    win!.emit('ready-to-show');
    expect(win!.show).toHaveBeenCalledOnce();
  });

  it('hardens every webContents that is created', () => {
    const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler: ReturnType<typeof vi.fn> };
    contents.setWindowOpenHandler = vi.fn();
    h.electron.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    let prevented = false;
    contents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => unknown;
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
  });

  it('quits when the last window closes, and closes the project session on quit', () => {
    h.electron.app.emit('window-all-closed');
    expect(h.electron.app.quit).toHaveBeenCalled();
    h.electron.app.emit('will-quit');
    expect(h.services.sessions[0]!.close).toHaveBeenCalledOnce();
  });
});
