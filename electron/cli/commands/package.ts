// `quaywatch package export FILE --out PKG [--author NAME]…` and `quaywatch package import FILE PKG`: sightings packages between analysts (docs/package-format.md).
import { exportPackage, importPackage } from '../../node/review/sightingsPackage';
import { parseCommandArgs, positionalsOf, UsageError, withProjectAsync, type Command } from '../cliIo';

export const packageExportCommand: Command = {
  words: ['package', 'export'],
  usage: 'package export FILE --out PKG.zip [--author NAME]… [--force] [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      out: { type: 'string' },
      author: { type: 'string', multiple: true },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    if (!values.out) throw new UsageError(`--out PKG.zip is required. Usage: quaywatch ${this.usage}`);
    const r = await withProjectAsync(file!, (store) => exportPackage(store, values.out!, { authors: values.author?.length ? values.author : undefined, app: 'quaywatch CLI', overwrite: values.force }));
    if (values.json) return io.out(JSON.stringify(r));
    io.out(`Wrote ${r.path}`);
    io.out(`  ${Object.entries(r.counts).map(([k, n]) => `${k}: ${n}`).join(', ')}`);
    io.out(`  content sha256: ${r.contentSha256}`);
  },
};

export const packageImportCommand: Command = {
  words: ['package', 'import'],
  usage: 'package import FILE PKG.zip [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { json: { type: 'boolean', default: false } });
    const [file, pkg] = positionalsOf(this, positionals, ['FILE', 'PKG.zip']);
    const r = await withProjectAsync(file!, (store) => importPackage(store, pkg!));
    if (values.json) return io.out(JSON.stringify(r));
    if (r.nothingChanged) io.out(`Nothing new: everything in this package from ${r.author} is already in the project.`);
    const s = r.sightings;
    if (r.analysts.length) io.out(`Sightings by ${r.analysts.join(', ')} (package exported by ${r.author}).`);
    io.out(`Sightings: ${s.added} added, ${s.updated} updated, ${s.unchanged} already here, ${s.keptLocal} kept (this project's version is newer or another analyst's).`);
    io.out(`Reviews: ${r.reviews.added} added, ${r.reviews.unchanged} already here${r.reviews.withoutSighting ? `, ${r.reviews.withoutSighting} skipped (their sighting is not in this project)` : ''}.`);
    io.out(`Scenes matched: ${r.scenes.matchedById} by id, ${r.scenes.matchedByItemId} by item id, ${r.scenes.matchedByTimeAndFootprint} by time and footprint.`);
    if (r.scenes.unmatched.length) {
      io.out(`Unmatched scenes (${r.scenes.unmatched.length}; their ${s.onUnmatchedScenes} sighting(s) were not imported — import that imagery, then import the package again):`);
      for (const u of r.scenes.unmatched) io.out(`  ${u.acquired}  ${u.itemId ?? '(local file, no item id)'}  ${u.sightings} sighting(s)`);
    }
  },
};
