// The packaging hook scripts/electron-fuses.cjs turns ELECTRON_FUSES into @electron/fuses' config.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ELECTRON_FUSES } from './fuses';

const require = createRequire(import.meta.url);
const hook = require('../../scripts/electron-fuses.cjs') as {
  loadElectronFuses(): Record<string, boolean>;
  toFuseConfig(fuses: Record<string, boolean>, pkg: unknown): Record<string, unknown>;
  electronBinaryPath(ctx: unknown): string;
};

// The shape of @electron/fuses 1.x: a TypeScript numeric enum (name → index and index → name).
const FuseV1Options: Record<string, number | string> = {};
[
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
].forEach((name, i) => {
  FuseV1Options[name] = i;
  FuseV1Options[i] = name;
});
const fakeFusesPackage = { FuseVersion: { V1: '1' }, FuseV1Options };

function realFusesPackage(): unknown {
  try {
    return require('@electron/fuses');
  } catch {
    return null;
  }
}

describe('scripts/electron-fuses.cjs', () => {
  it('loads the fuses from electron/shell/fuses.ts', () => {
    expect(hook.loadElectronFuses()).toEqual(ELECTRON_FUSES);
  });

  it('maps them onto the fuse wire: Node entry points off, cookie encryption and asar integrity on', () => {
    expect(hook.toFuseConfig(hook.loadElectronFuses(), fakeFusesPackage)).toEqual({
      version: '1',
      0: false, // RunAsNode
      1: true, // EnableCookieEncryption
      2: false, // EnableNodeOptionsEnvironmentVariable
      3: false, // EnableNodeCliInspectArguments
      4: true, // EnableEmbeddedAsarIntegrityValidation
      5: true, // OnlyLoadAppFromAsar
      7: false, // GrantFileProtocolExtraPrivileges
    });
  });

  it.skipIf(realFusesPackage() === null)('agrees with the installed @electron/fuses', () => {
    const pkg = realFusesPackage() as { FuseV1Options: Record<string, number> };
    const config = hook.toFuseConfig(ELECTRON_FUSES, pkg);
    expect(config[pkg.FuseV1Options.RunAsNode!]).toBe(false);
    expect(config[pkg.FuseV1Options.EnableCookieEncryption!]).toBe(true);
    expect(config[pkg.FuseV1Options.EnableEmbeddedAsarIntegrityValidation!]).toBe(true);
    expect(config[pkg.FuseV1Options.OnlyLoadAppFromAsar!]).toBe(true);
  });

  it('refuses a fuse it does not know rather than skipping it', () => {
    expect(() => hook.toFuseConfig({ enableEverything: true }, fakeFusesPackage)).toThrow(/unknown fuse "enableEverything"/);
  });

  it('finds the packaged binary on each platform', () => {
    const packager = { appInfo: { productFilename: 'Quaywatch' }, executableName: 'quaywatch' };
    const at = (electronPlatformName: string) => hook.electronBinaryPath({ appOutDir: '/out', electronPlatformName, packager });
    expect(at('linux')).toBe(path.join('/out', 'quaywatch'));
    expect(at('win32')).toBe(path.join('/out', 'Quaywatch.exe'));
    expect(at('darwin')).toBe(path.join('/out', 'Quaywatch.app'));
  });
});
