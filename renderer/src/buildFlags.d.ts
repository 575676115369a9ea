// Constants the build writes into the renderer (scripts/build.mjs).
/** True only in the test build, which installs `window.__quaywatch` (testHooks.ts). */
declare const __QUAYWATCH_TEST_HOOKS__: boolean;
