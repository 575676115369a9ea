// The Electron security checklist, asserted on the functions the shell is built from, with fake
// webContents, session and ipcMain objects that capture the handlers the shell installs.
import { EventEmitter } from 'node:events';
import type { IpcMain, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { CALL_NAMES, ipcChannel, type ApiResult } from '../../shared/api';
import { CONTENT_SECURITY_POLICY } from '../node/csp';
import {
  APP_ORIGIN,
  APP_PRIVILEGED_SCHEME,
  APP_SCHEME,
  APP_START_URL,
  ELECTRON_FUSES,
  REFUSED_SENDER_MESSAGE,
  browserWindowOptions,
  hardenWebContents,
  installSessionGuards,
  isAppUrl,
  isBlockedRequestUrl,
  isTrustedSender,
  isVettedExternalUrl,
  registerIpcHandlers,
  webPreferences,
  withContentSecurityPolicy,
} from './security';

// ---- fakes -------------------------------------------------------------------------------------

type WindowOpenHandler = (details: { url: string }) => { action: string };

class FakeContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** Emits a navigation-like event the way Electron does; true when the shell prevented it. */
  attempt(eventName: string, url: string): boolean {
    let prevented = false;
    const event = { url, preventDefault: () => (prevented = true) };
    this.emit(eventName, event, url);
    return prevented;
  }
}

function hardened(openExternal = vi.fn()) {
  const contents = new FakeContents();
  hardenWebContents(contents as unknown as WebContents, { openExternal });
  return { contents, openExternal };
}

type PermissionRequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (res: { responseHeaders?: Record<string, string | string[]>; cancel?: boolean }) => void,
) => void;
type BeforeRequestListener = (details: { url: string }, callback: (res: { cancel?: boolean }) => void) => void;

function fakeSession() {
  const captured: {
    permissionRequest?: PermissionRequestHandler;
    permissionCheck?: (...args: unknown[]) => boolean;
    devicePermission?: (...args: unknown[]) => boolean;
    headersReceived?: HeadersListener;
    beforeRequest?: BeforeRequestListener;
  } = {};
  const session = {
    setPermissionRequestHandler: (h: PermissionRequestHandler) => (captured.permissionRequest = h),
    setPermissionCheckHandler: (h: (...args: unknown[]) => boolean) => (captured.permissionCheck = h),
    setDevicePermissionHandler: (h: (...args: unknown[]) => boolean) => (captured.devicePermission = h),
    webRequest: {
      onHeadersReceived: (h: HeadersListener) => (captured.headersReceived = h),
      onBeforeRequest: (h: BeforeRequestListener) => (captured.beforeRequest = h),
    },
  };
  installSessionGuards(session as unknown as Session);
  return captured;
}

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<ApiResult<unknown>>;

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    // Electron throws on a second handler for one channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}
const appMainFrame: FakeFrame = { url: `${APP_ORIGIN}/index.html`, parent: null };
const senderEvent = (frame: FakeFrame | null) => ({ senderFrame: frame }) as unknown as IpcMainInvokeEvent;

// ---- window ------------------------------------------------------------------------------------

describe('window options', () => {
  it('isolates and sandboxes the page, with no Node anywhere', () => {
    const prefs = webPreferences('/app/dist/electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    });
    // Nothing that would loosen the above may creep in.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('opens a dark, titled window that stays hidden until it has painted', () => {
    const opts = browserWindowOptions('/p/preload.cjs');
    expect(opts).toMatchObject({ title: 'Quaywatch', backgroundColor: '#111418', show: false });
    expect(opts.width).toBeGreaterThanOrEqual(1024);
    expect(opts.height).toBeGreaterThanOrEqual(700);
    expect(opts.webPreferences).toEqual(webPreferences('/p/preload.cjs'));
  });

  it('serves the app from its own privileged scheme, not file://', () => {
    expect(APP_SCHEME).toBe('quaywatch');
    expect(APP_ORIGIN).toBe('quaywatch://app');
    expect(APP_START_URL).toBe('quaywatch://app/index.html');
    expect(APP_PRIVILEGED_SCHEME).toEqual({
      scheme: 'quaywatch',
      privileges: expect.objectContaining({
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        corsEnabled: false,
        bypassCSP: false,
        allowServiceWorkers: false,
      }),
    });
  });
});

describe('isAppUrl', () => {
  it.each(['quaywatch://app/index.html', 'quaywatch://app/', 'quaywatch://app/imagery/s1.tif?x=1#y', 'QUAYWATCH://APP/index.html'])(
    'accepts %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );
  it.each([
    'https://evil.example/',
    'file:///etc/passwd',
    'quaywatch://evil/index.html',
    'quaywatch://app.evil.example/',
    'quaywatch://app:8080/',
    'quaywatch://user:pw@app/',
    'http://app/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    '',
    'not a url',
  ])('rejects %s', (url) => expect(isAppUrl(url)).toBe(false));
  it('rejects non-strings', () => {
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl({ toString: () => 'quaywatch://app/' })).toBe(false);
  });
});

// ---- navigation and new windows ----------------------------------------------------------------

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s away from the app is prevented', (eventName) => {
    const { contents } = hardened();
    expect(contents.attempt(eventName, 'https://evil.example')).toBe(true);
    expect(contents.attempt(eventName, 'http://evil.example/x')).toBe(true);
    expect(contents.attempt(eventName, 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt(eventName, 'javascript:alert(1)')).toBe(true);
    expect(contents.attempt(eventName, 'quaywatch://other/index.html')).toBe(true);
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s within the app is allowed', (eventName) => {
    const { contents } = hardened();
    expect(contents.attempt(eventName, 'quaywatch://app/index.html')).toBe(false);
    expect(contents.attempt(eventName, 'quaywatch://app/index.html?project=x')).toBe(false);
  });

  it('reads the URL from the event details when the legacy argument is absent', () => {
    const { contents } = hardened();
    let prevented = false;
    contents.emit('will-navigate', { url: 'https://evil.example', preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('refuses every <webview>', () => {
    const { contents } = hardened();
    expect(contents.attempt('will-attach-webview', 'quaywatch://app/index.html')).toBe(true);
  });

  it('denies every new window and hands only vetted https links to the browser', async () => {
    const { contents, openExternal } = hardened();
    const open = contents.windowOpenHandler;
    expect(open).not.toBeNull();
    for (const url of [
      'https://www.example.org/port/rotterdam',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://example.org/',
      'quaywatch://app/index.html',
      'data:text/html,hi',
      'https://user:pw@example.org/',
    ]) {
      expect(open!({ url })).toEqual({ action: 'deny' });
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://www.example.org/port/rotterdam');
  });

  it('survives a failing openExternal', async () => {
    const openExternal = vi.fn().mockRejectedValue(new Error('no browser'));
    const { contents } = hardened(openExternal);
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0));
    expect(openExternal).toHaveBeenCalledOnce();
  });
});

describe('isVettedExternalUrl', () => {
  it.each(['https://example.org/', 'https://example.org/a?b=c#d', 'https://sub.example.org:8443/x'])('vets %s', (url) => {
    expect(isVettedExternalUrl(url)).toBe(true);
  });
  it.each([
    'http://example.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\nscript:alert(1)',
    ' https://example.org/',
    'data:text/html,<h1>x</h1>',
    'https://user@example.org/',
    'https://user:pw@example.org/',
    'https://localhost/',
    'https://127.0.0.1:4173/',
    'https://[::1]/',
    'smb://server/share',
    'quaywatch://app/index.html',
    'https://',
    '',
  ])('refuses %j', (url) => expect(isVettedExternalUrl(url)).toBe(false));
});

// ---- session: permissions, requests, CSP ---------------------------------------------------------

describe('installSessionGuards', () => {
  it('denies every permission request and check', () => {
    const captured = fakeSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'unknown']) {
      const callback = vi.fn();
      captured.permissionRequest!({}, permission, callback, { requestingUrl: APP_START_URL });
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(captured.permissionCheck!({}, permission, APP_ORIGIN, {})).toBe(false);
    }
    expect(captured.devicePermission!({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
  });

  it('cancels requests to the network and to file://', () => {
    const captured = fakeSession();
    const decide = (url: string) => {
      let response: { cancel?: boolean } | undefined;
      captured.beforeRequest!({ url }, (r) => (response = r));
      return response?.cancel === true;
    };
    expect(decide('https://evil.example/x.js')).toBe(true);
    expect(decide('http://127.0.0.1:9/')).toBe(true);
    expect(decide('wss://evil.example/')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('quaywatch://app/assets/index.js')).toBe(false);
    expect(decide('quaywatch://app/imagery/scene-1.tif')).toBe(false);
    expect(decide('blob:quaywatch://app/6f1c')).toBe(false);
    expect(decide('data:image/png;base64,AAAA')).toBe(false);
    expect(isBlockedRequestUrl('::not a url::')).toBe(true);
  });

  it('puts the CSP on app responses, replacing any other policy', () => {
    const captured = fakeSession();
    let response: { responseHeaders?: Record<string, string | string[]> } | undefined;
    captured.headersReceived!(
      {
        url: 'quaywatch://app/index.html',
        responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["script-src * 'unsafe-eval'"] },
      },
      (r) => (response = r),
    );
    const headers = response!.responseHeaders!;
    const cspHeaders = Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy');
    expect(cspHeaders).toEqual(['Content-Security-Policy']);
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-type']).toEqual(['text/html']);
  });

  it('leaves other responses untouched (they are cancelled before they get here)', () => {
    const captured = fakeSession();
    const callback = vi.fn();
    captured.headersReceived!({ url: 'https://evil.example/', responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({});
  });
});

describe('the Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

  it('allows no eval and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*/);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is added to every response of the app handler', async () => {
    const handler = withContentSecurityPolicy(async () => new Response('bytes', { status: 206, headers: { 'Content-Range': 'bytes 0-4/10' } }));
    const res = await handler(new Request('quaywatch://app/imagery/s.tif'));
    expect(res.status).toBe(206);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-range')).toBe('bytes 0-4/10');
    expect(await res.text()).toBe('bytes');
  });
});

// ---- IPC ---------------------------------------------------------------------------------------

describe('isTrustedSender', () => {
  it('trusts only the main frame of the app page', () => {
    expect(isTrustedSender(senderEvent(appMainFrame))).toBe(true);
    expect(isTrustedSender(senderEvent({ url: 'https://evil.example/', parent: null }))).toBe(false);
    expect(isTrustedSender(senderEvent({ url: 'file:///index.html', parent: null }))).toBe(false);
    expect(isTrustedSender(senderEvent({ url: 'quaywatch://app/frame.html', parent: appMainFrame }))).toBe(false);
    expect(isTrustedSender(senderEvent(null))).toBe(false);
    expect(isTrustedSender({} as IpcMainInvokeEvent)).toBe(false);
  });

  it('refuses a destroyed frame', () => {
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(event as unknown as IpcMainInvokeEvent)).toBe(false);
  });
});

describe('registerIpcHandlers', () => {
  function setup() {
    const ipc = new FakeIpcMain();
    const dispatch = vi.fn(async (name: string, payload: unknown): Promise<ApiResult<unknown>> => ({ ok: true, value: { name, payload } }));
    const unregister = registerIpcHandlers(ipc as unknown as IpcMain, dispatch);
    return { ipc, dispatch, unregister };
  }

  it('registers exactly one handler per call, on its own channel, and no catch-all', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(CALL_NAMES.map(ipcChannel).sort());
    expect(ipc.handlers.size).toBe(CALL_NAMES.length);
  });

  it('lets the app page reach the dispatcher with the name and payload', async () => {
    const { ipc, dispatch } = setup();
    const payload = { path: '/tmp/harbour.quaywatch' };
    const result = await ipc.handlers.get(ipcChannel('project.open'))!(senderEvent(appMainFrame), payload);
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('project.open', payload);
    expect(result).toEqual({ ok: true, value: { name: 'project.open', payload } });
  });

  it.each([
    ['a foreign page', { url: 'https://evil.example/', parent: null }],
    ['a subframe of the app', { url: 'quaywatch://app/index.html', parent: appMainFrame }],
    ['a file:// page', { url: 'file:///tmp/index.html', parent: null }],
    ['a gone frame', null],
  ] as const)('refuses %s without dispatching', async (_label, frame) => {
    const { ipc, dispatch } = setup();
    for (const name of CALL_NAMES) {
      const result = await ipc.handlers.get(ipcChannel(name))!(senderEvent(frame as FakeFrame | null), {});
      expect(result).toEqual({ ok: false, error: { code: 'internal', message: REFUSED_SENDER_MESSAGE } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing dispatcher into an error result', async () => {
    const ipc = new FakeIpcMain();
    registerIpcHandlers(ipc as unknown as IpcMain, async () => {
      throw new Error('boom');
    });
    const result = await ipc.handlers.get(ipcChannel('app.info'))!(senderEvent(appMainFrame), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('removes every handler it registered', () => {
    const { ipc, unregister } = setup();
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });
});

// ---- fuses -------------------------------------------------------------------------------------

describe('ELECTRON_FUSES', () => {
  it('turns off Node entry points and turns on cookie encryption and asar integrity', () => {
    expect(ELECTRON_FUSES).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
