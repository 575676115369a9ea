import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The app's chunk (main.tsx loads it with import() once the first calls are out) is named in
 * index.html as a modulepreload, its stylesheet as a preload (not one that would hold up the entry): the browser fetches and compiles it while the
 * small entry runs and the host answers, instead of only once the entry has run.
 */
function preloadApp(): Plugin {
  return {
    name: 'quaywatch-preload-app',
    enforce: 'post',
    transformIndexHtml(_html, ctx) {
      const app = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isDynamicEntry && c.facadeModuleId?.endsWith('/src/app.tsx'));
      if (!app || app.type !== 'chunk') return [];
      const css = [...(app.viteMetadata?.importedCss ?? [])];
      // Not the entry itself (already a script), nor anything it imports (the entry's own preloads).
      const chunks = [app.fileName, ...app.imports].filter((f) => !(ctx.bundle![f] as { isEntry?: boolean }).isEntry);
      return [
        ...chunks.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const })),
        ...css.map((f) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const })),
      ];
    },
  };
}

// The renderer is built once into dist/renderer and served by both hosts from their own origin.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react(), preloadApp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
