// `quaywatch scenes import FILE PATH…` (Planet order folders or zips, GeoTIFF/COG, MBTiles, STAC) and
// `quaywatch scenes import FILE --template URL --acquired UTC-TIME [--item-id ID]`: the app's importers, headless.
import { namesZone } from '../../../shared/dates';
import { readAcquired } from '../../node/imagery/common';
import { addTemplateScene, importScenes } from '../../node/imagery/importScenes';
import { keyStoreFor } from '../../node/imagery/tiles';
import { defaultDataDir } from '../../node/paths';
import { ProjectStore } from '../../node/store/projectStore';
import { QuaywatchError } from '../../node/errors';
import { cliOpenOptions, parseCommandArgs, UsageError, type Command } from '../cliIo';

export const scenesImportCommand: Command = {
  words: ['scenes', 'import'],
  usage: 'scenes import FILE PATH… [--acquired UTC-TIME] | FILE --template URL --acquired UTC-TIME [--item-id ID] [--json]',
  details: [
    'PATH: a Planet order folder or .zip, GeoTIFF/COG files (optical or radar), MBTiles files, a STAC',
    '      item, collection or catalog .json (or a folder holding catalog.json/collection.json), or folders',
    '      of them. STAC hrefs must stay inside the folder given; remote ones are listed, never fetched.',
    '--acquired: the acquisition time, in UTC, for files that carry none (required with --template):',
    '            2025-02-01T03:00:00Z; a time with no zone (2025-02-01T03:00:00) is read as UTC, never as',
    '            this computer\'s time zone, and one with an offset (+09:00) is converted to UTC.',
    'An API key in the template URL goes to the OS keystore, never into the project.',
    'Files that cannot be imported are named on stderr and make the exit code 1; the others are imported.',
  ],
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      template: { type: 'string' },
      acquired: { type: 'string' },
      'item-id': { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const [file, ...paths] = positionals;
    if (!file) throw new UsageError(`missing FILE. Usage: quaywatch ${this.usage}`);
    if (values.template && paths.length) throw new UsageError('give either PATH… or --template, not both');
    if (!values.template && paths.length === 0) throw new UsageError(`missing PATH (or --template URL). Usage: quaywatch ${this.usage}`);
    if (values.template && !values.acquired) throw new UsageError('--template needs --acquired UTC-TIME (when the imagery was taken, e.g. 2025-02-01T03:00:00Z)');
    if (values['item-id'] && !values.template) throw new UsageError('--item-id goes with --template');

    // Read here, so a bad time is refused before the project is opened, and the instant used is shown.
    let acquired: string | undefined;
    if (values.acquired !== undefined) {
      const read = readAcquired(values.acquired);
      if (typeof read !== 'string') throw new UsageError(`--acquired: ${read.error}`);
      acquired = read;
      // On stderr with --json, so stdout stays one JSON document.
      (values.json ? io.err : io.out)(`--acquired ${values.acquired.trim()} is ${acquired} (UTC${namesZone(values.acquired) ? '' : '; a time with no zone is read as UTC'}).`);
    }
    const store = ProjectStore.open(file, cliOpenOptions());
    try {
      if (values.template) {
        const scene = await addTemplateScene(
          store,
          { template: values.template, acquired: acquired!, itemId: values['item-id'] },
          await keyStoreFor(defaultDataDir()),
        );
        if (values.json) return io.out(JSON.stringify({ imported: [scene], errors: [] }));
        return io.out(`Added a tile-URL scene of ${scene.acquired} (${scene.id}).`);
      }
      let lastPercent = -1;
      const result = await importScenes(store, paths, {
        acquired,
        onProgress: (done, total, label) => {
          const percent = total ? Math.floor((done / total) * 100) : 100;
          if (total >= 20 && percent !== lastPercent && percent % 10 === 0) io.err(`importing: ${percent}% (${done}/${total}) ${label}`);
          lastPercent = percent;
        },
      });
      if (values.json) io.out(JSON.stringify(result));
      else {
        io.out(`Imported ${result.imported.length} scene${result.imported.length === 1 ? '' : 's'}.`);
        for (const s of result.imported) io.out(`  ${s.acquired}  ${s.provider} ${s.product}${s.sensor === 'sar' ? ' (radar)' : ''}  ${s.itemId ?? ''}`.trimEnd());
        if (result.unread?.length) {
          io.out(`Not read: ${result.unread.length} STAC asset${result.unread.length === 1 ? '' : 's'} or link${result.unread.length === 1 ? '' : 's'} (remote ones are never fetched):`);
          for (const u of result.unread) io.out(`  ${u.href}: ${u.reason}`);
        }
      }
      if (result.errors.length) {
        const [first, ...more] = result.errors;
        throw new QuaywatchError(
          'invalid_request',
          `${result.errors.length} source${result.errors.length === 1 ? '' : 's'} not imported: ${first!.message}${more.length ? ` (and ${more.length} more: ${more.map((e) => e.path).join(', ')})` : ''}`,
        );
      }
    } finally {
      store.close();
    }
  },
};
