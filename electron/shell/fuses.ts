// The Electron fuses of a packaged Quaywatch: switches baked into the binary that no flag or
// environment variable can turn back. No imports, so scripts/electron-fuses.cjs (the
// electron-builder afterPack hook) can load this file with esbuild alone.

/**
 * Named as electron-builder's `electronFuses` option names them (FuseOptionsV1), so the same object
 * could be pasted into electron-builder.yml; scripts/electron-fuses.cjs maps the names onto
 * @electron/fuses' FuseV1Options.
 */
export const ELECTRON_FUSES = {
  /** ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node interpreter. */
  runAsNode: false,
  enableCookieEncryption: true,
  /** NODE_OPTIONS=--require=… would run foreign code inside the app. */
  enableNodeOptionsEnvironmentVariable: false,
  /** --inspect would let any local process attach a debugger to the main process. */
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  /** Together with integrity validation: only the validated app.asar can be loaded. */
  onlyLoadAppFromAsar: true,
  /** The page is served from quaywatch://, never file://, so file:// needs no extra powers. */
  grantFileProtocolExtraPrivileges: false,
} as const satisfies Record<string, boolean>;

export type ElectronFuseName = keyof typeof ELECTRON_FUSES;
