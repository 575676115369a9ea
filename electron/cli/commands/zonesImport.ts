// `quaywatch zones import FILE ZONES.geojson`: adds or updates zones by name, all or nothing.
import { importZonesGeojson } from '../../node/importers/zonesGeojson';
import { parseCommandArgs, positionalsOf, withProject, type Command } from '../cliIo';

export const zonesImportCommand: Command = {
  words: ['zones', 'import'],
  usage: 'zones import FILE ZONES.geojson [--json]',
  details: [
    'Polygon features (lon/lat WGS84) with properties:',
    '  name  required; zone names are unique in a project (case-insensitive)',
    '  kind  quay | berth | pier | apron | other (default quay)',
    '  site  optional; created if missing. Without it a new zone goes to the only site,',
    '        or to a new site named after the project when there is none.',
    'A zone already in the project under the same name is updated (outline, kind, site), never',
    'duplicated. Sightings placed by containment follow the new outlines. The import is one',
    'undoable step; a bad feature (named by line) imports nothing.',
  ],
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { json: { type: 'boolean', default: false } });
    const [file, zonesFile] = positionalsOf(this, positionals, ['FILE', 'ZONES.geojson']);
    const r = withProject(file!, (store) => importZonesGeojson(store, zonesFile!));
    if (values.json) return io.out(JSON.stringify(r));
    io.out(`Zones: ${r.created} added, ${r.updated} updated, ${r.unchanged} unchanged.`);
    if (r.sitesCreated.length) io.out(`Sites added: ${r.sitesCreated.join(', ')}.`);
    if (r.sightingsRezoned) io.out(`${r.sightingsRezoned} sighting(s) now fall in a different zone.`);
  },
};
