// electron-builder afterPack hook: flips the Electron fuses of the packaged binary to the values in
// electron/shell/fuses.ts (one source of truth, also unit-tested). afterPack runs before signing,
// which is when fuses must be flipped. Usage in electron-builder.yml:  afterPack: scripts/electron-fuses.cjs
'use strict';
const path = require('node:path');

const FUSES_SOURCE = path.join(__dirname, '..', 'electron', 'shell', 'fuses.ts');

/** ELECTRON_FUSES from fuses.ts, compiled on the fly with esbuild (a dev dependency, present when packaging). */
function loadElectronFuses() {
  const esbuild = require('esbuild');
  const { outputFiles } = esbuild.buildSync({
    entryPoints: [FUSES_SOURCE],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', outputFiles[0].text)(mod, mod.exports);
  return mod.exports.ELECTRON_FUSES;
}

/** electron-builder's option names (camelCase) → @electron/fuses' FuseV1Options keys. */
const FUSE_OPTION_KEYS = {
  runAsNode: 'RunAsNode',
  enableCookieEncryption: 'EnableCookieEncryption',
  enableNodeOptionsEnvironmentVariable: 'EnableNodeOptionsEnvironmentVariable',
  enableNodeCliInspectArguments: 'EnableNodeCliInspectArguments',
  enableEmbeddedAsarIntegrityValidation: 'EnableEmbeddedAsarIntegrityValidation',
  onlyLoadAppFromAsar: 'OnlyLoadAppFromAsar',
  loadBrowserProcessSpecificV8Snapshot: 'LoadBrowserProcessSpecificV8Snapshot',
  grantFileProtocolExtraPrivileges: 'GrantFileProtocolExtraPrivileges',
};

/** The @electron/fuses config for the given fuse values; an unknown name is an error, not a silent skip. */
function toFuseConfig(fuses, { FuseVersion, FuseV1Options }) {
  const config = { version: FuseVersion.V1 };
  for (const [name, value] of Object.entries(fuses)) {
    const key = FUSE_OPTION_KEYS[name];
    if (key === undefined || FuseV1Options[key] === undefined) {
      throw new Error(`electron-fuses: unknown fuse "${name}"; update scripts/electron-fuses.cjs.`);
    }
    config[FuseV1Options[key]] = value;
  }
  return config;
}

/** The packaged Electron binary in appOutDir, as @electron/fuses expects it (the .app on macOS). */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

function loadFusesPackage() {
  try {
    return require('@electron/fuses');
  } catch (err) {
    // A package without its fuses would ship with RunAsNode on: refuse rather than build it.
    throw new Error(
      'electron-fuses: @electron/fuses is not installed, so the package cannot be hardened. ' +
        'Add "@electron/fuses": "^1.8.0" to devDependencies and run npm install. ' +
        `(${err && err.message})`,
    );
  }
}

async function afterPack(context) {
  const fusesPackage = loadFusesPackage();
  const config = toFuseConfig(loadElectronFuses(), fusesPackage);
  const binary = electronBinaryPath(context);
  console.log(`electron-fuses: flipping fuses of ${binary}`);
  await fusesPackage.flipFuses(binary, config);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.loadElectronFuses = loadElectronFuses;
module.exports.toFuseConfig = toFuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
