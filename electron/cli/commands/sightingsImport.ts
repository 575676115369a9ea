// `quaywatch sightings import FILE SIGHTINGS.geojson|.csv`: adds sightings; importing the same file twice adds nothing.
import { importSightings } from '../../node/importers/sightingsImport';
import { parseCommandArgs, positionalsOf, withProject, type Command } from '../cliIo';

export const sightingsImportCommand: Command = {
  words: ['sightings', 'import'],
  usage: 'sightings import FILE SIGHTINGS.geojson|SIGHTINGS.csv [--json]',
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { json: { type: 'boolean', default: false } });
    const [file, input] = positionalsOf(this, positionals, ['FILE', 'SIGHTINGS.geojson|.csv']);
    const r = withProject(file!, (store) =>
      importSightings(store, input!, { onProgress: (done, total) => total >= 1000 && io.err(`Importing sightings: ${done}/${total}`) }),
    );
    if (r.ignoredFields.length) io.err(`Note: ignored field(s) that are not sighting fields: ${r.ignoredFields.join(', ')}.`);
    if (values.json) return io.out(JSON.stringify(r));
    io.out(`Sightings: ${r.added} added, ${r.alreadyImported} already in the project (of ${r.rows} in the file).`);
    if (r.vesselsCreated.length) io.out(`Vessels added: ${r.vesselsCreated.join(', ')}.`);
    if (r.tracksCreated.length) io.out(`Tracks added: ${r.tracksCreated.join(', ')}.`);
  },
};
