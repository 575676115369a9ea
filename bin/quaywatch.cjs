#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/ by `npm run build` (npm start and npm test build it).
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'electron', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('quaywatch: not built yet. Run `npm run build` in the Quaywatch folder first.\n');
  process.exit(1);
}
require(cli);
