// Builds the app once before the end-to-end run, if sources changed since the last build.
export default async function globalSetup() {
  // @ts-expect-error: plain ESM build script, no type declarations
  const { buildAll, needsBuild } = await import('../../scripts/build.mjs');
  // The test build: tests read the page through its test hook (renderer/src/testHooks.ts).
  if (needsBuild({ testHooks: true })) await buildAll({ testHooks: true });
}
