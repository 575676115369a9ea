// The file browser mode starts (dist/electron/host.cjs): it only runs the host's bundle (hostApp.cjs, built
// from main.ts, beside it) through V8's code cache kept in the data folder (node/codeCache.ts), so a start
// after the first skips compiling the bundle. Kept this small because it is compiled at every start.
import path from 'node:path';
import { runWithCodeCache } from '../node/codeCache';
import { defaultDataDir } from '../node/paths';

runWithCodeCache(path.join(__dirname, 'hostApp.cjs'), path.join(defaultDataDir(), 'code-cache'));
