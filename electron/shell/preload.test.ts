// The preload, bundled as the build bundles it and run as Electron's sandbox runs it (only
// 'electron' can be required), with a fake contextBridge capturing what reaches the page.
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { CALL_NAMES, ipcChannel } from '../../shared/api';

const PRELOAD = path.join(__dirname, 'preload.ts');

async function bundlePreload(): Promise<string> {
  const result = await build({
    entryPoints: [PRELOAD],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

interface Exposure {
  key: string;
  api: Record<string, unknown>;
}

async function runPreload(invokeImpl: (channel: string, ...args: unknown[]) => Promise<unknown>) {
  const code = await bundlePreload();
  const exposures: Exposure[] = [];
  const ipcRenderer = {
    invoke: vi.fn(invokeImpl),
    send: vi.fn(),
    sendSync: vi.fn(),
    on: vi.fn(),
    postMessage: vi.fn(),
  };
  const webUtils = {
    getPathForFile: vi.fn((file: { name: string }) => {
      if (typeof file !== 'object' || file === null || !('size' in file)) throw new TypeError('Error processing argument at index 0');
      return file.name === 'pasted.png' ? '' : `/data/orders/${file.name}`;
    }),
  };
  const fakeElectron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposures.push({ key, api }),
    },
    ipcRenderer,
    webUtils,
  };
  const required: string[] = [];
  // Electron's sandboxed preload has a `require` that knows 'electron' (and a few polyfills); the
  // bundle may ask for nothing else.
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return fakeElectron;
    throw new Error(`module not found in the sandbox: ${id}`);
  };
  const module = { exports: {} };
  vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
  return { exposures, ipcRenderer, webUtils, required };
}

/** Every value reachable from `root`, own properties and prototypes included. */
function reachable(root: unknown): unknown[] {
  const seen = new Set<unknown>();
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) continue;
    seen.add(v);
    for (const key of Reflect.ownKeys(v)) {
      const desc = Object.getOwnPropertyDescriptor(v, key);
      if (desc && 'value' in desc) stack.push(desc.value);
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== Function.prototype) stack.push(proto);
  }
  return [...seen];
}

describe('preload', () => {
  it('requires nothing but electron and exposes window.quaywatch once', async () => {
    const { exposures, required } = await runPreload(async () => ({ ok: true, value: null }));
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(exposures.map((e) => e.key)).toEqual(['quaywatch']);
  });

  it('exposes one function per call of the contract, plus host and pathForFile, and nothing else', async () => {
    const { exposures } = await runPreload(async () => ({ ok: true, value: null }));
    const api = exposures[0]!.api;
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'host', 'pathForFile'].sort());
    expect(api.host).toBe('electron');
    for (const name of CALL_NAMES) expect(typeof api[name]).toBe('function');
    for (const banned of ['ipcRenderer', 'invoke', 'send', 'on', 'require']) expect(api).not.toHaveProperty(banned);
  });

  it('never hands the page ipcRenderer, webUtils or any of their methods', async () => {
    const { exposures, ipcRenderer, webUtils } = await runPreload(async () => ({ ok: true, value: null }));
    const values = reachable(exposures[0]!.api);
    const forbidden = [ipcRenderer, ...Object.values(ipcRenderer), webUtils, ...Object.values(webUtils)];
    for (const f of forbidden) expect(values).not.toContain(f);
  });

  it('each function invokes its own channel with the request', async () => {
    const { exposures, ipcRenderer } = await runPreload(async (channel, req) => ({ ok: true, value: { channel, req } }));
    const api = exposures[0]!.api as Record<string, (req: unknown) => Promise<unknown>>;
    for (const name of CALL_NAMES) {
      ipcRenderer.invoke.mockClear();
      const req = { probe: name };
      const result = await api[name]!(req);
      expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(ipcChannel(name), req);
      expect(result).toEqual({ ok: true, value: { channel: ipcChannel(name), req } });
    }
  });

  it('pathForFile gives a dropped file\'s path from webUtils, and \'\' for files not on disk or non-files', async () => {
    const { exposures, webUtils } = await runPreload(async () => ({ ok: true, value: null }));
    const pathForFile = exposures[0]!.api.pathForFile as (file: unknown) => string;
    expect(pathForFile({ name: '20250114_013845_12_2461.tif', size: 10 })).toBe('/data/orders/20250114_013845_12_2461.tif');
    expect(webUtils.getPathForFile).toHaveBeenCalledOnce();
    expect(pathForFile({ name: 'pasted.png', size: 10 })).toBe('');
    expect(pathForFile('not a file')).toBe('');
  });

  it('turns a failed invoke into an error result instead of a rejection', async () => {
    const { exposures } = await runPreload(async () => {
      throw new Error("No handler registered for 'qw:app.info'");
    });
    const api = exposures[0]!.api as Record<string, (req: unknown) => Promise<unknown>>;
    await expect(api['app.info']!({})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
