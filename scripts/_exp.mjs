import { build } from 'esbuild';
import path from 'node:path';
import { nodeEntryOptions } from './build.mjs';
const zodEn = { name: 'zod-en', setup(b) { b.onResolve({ filter: /locales\/index\.js$/ }, (a) => a.importer.includes('/zod/') ? { path: 'zod-locales', namespace: 'zodloc', pluginData: path.dirname(path.resolve(a.resolveDir, a.path)) } : undefined);
  b.onLoad({ filter: /.*/, namespace: 'zodloc' }, (a) => ({ contents: `export { default as en } from './en.js';`, resolveDir: path.join(a.pluginData) })); } };
const o = nodeEntryOptions('electron/host/main.ts', 'dist/electron/host.cjs');
const mode = process.argv[2];
await build({ ...o, outfile: '/tmp/su/exp/host-' + mode + '.cjs', plugins: [...o.plugins, ...(mode !== 'base' ? [zodEn] : [])], external: [...o.external, ...(mode === 'ext' ? ['proj4', 'geotiff', 'svg-to-pdfkit', 'csv-parse', 'csv-stringify', 'yauzl', 'yazl', 'csv-parse/sync', 'csv-stringify/sync'] : [])] });
