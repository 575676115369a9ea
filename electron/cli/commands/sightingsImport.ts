// `quaywatch sightings import FILE SIGHTINGS.geojson|.csv`: adds sightings; importing the same file twice adds nothing.
import { IMPORT_EXAMINED, importSightings, type ImportExamined } from '../../node/importers/sightingsImport';
import { parseCommandArgs, positionalsOf, UsageError, withProject, type Command } from '../cliIo';

export const sightingsImportCommand: Command = {
  words: ['sightings', 'import'],
  usage: 'sightings import FILE SIGHTINGS.geojson|SIGHTINGS.csv [--examined none|marked|all] [--json]',
  details: [
    'One sighting per GeoJSON feature (Point or Polygon, lon/lat) or CSV row (columns lon, lat):',
    '  scene       required: a scene id or a provider item id',
    '  class       required: vessel | container_stack | aircraft | vehicle | other',
    '  vessel      a vessel (or aircraft) name or alias; created if new',
    '  track       a track label (the same stack followed across scenes); created if new',
    '  count       containers in a stack (container stacks only)',
    '  confidence  confirmed | probable | possible (default confirmed)',
    '  zone        a zone name, instead of the zone that contains the sighting',
    '  author      who marked it (default: you); notes: free text',
    '  mmsi, imo, call_sign (or callsign), flag, length (m), beam (m)',
    '              the vessel\'s identity: fills what the project\'s vessel lacks (a value',
    '              that contradicts the stored one is reported, never applied); with no vessel name, the',
    '              vessel that has the MMSI or IMO (or a new one, "MMSI 273123456")',
    'Importing the same file twice adds nothing: a sighting is identified by its scene, class,',
    'geometry and author (a UUID v5 of them), so a row already imported is skipped and edits made',
    'since in the app are kept. The import is one undoable step; a bad row (named by line)',
    'imports nothing.',
    '--examined says what the file tells of the analyst\'s effort (only an examined clear scene is',
    'an absence): none (default: the scenes still need looking at), marked (each zone on each scene',
    'the file has a mark in was examined completely), all (every zone every scene of the project',
    'shows: the file is a complete annotation).',
  ],
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { json: { type: 'boolean', default: false }, examined: { type: 'string', default: 'none' } });
    const examined = values.examined!.toLowerCase() as ImportExamined;
    if (!IMPORT_EXAMINED.includes(examined)) throw new UsageError(`--examined is "${values.examined}"; use one of ${IMPORT_EXAMINED.join(', ')}`);
    const [file, input] = positionalsOf(this, positionals, ['FILE', 'SIGHTINGS.geojson|.csv']);
    const r = withProject(file!, (store) =>
      importSightings(store, input!, { examined, onProgress: (done, total) => total >= 1000 && io.err(`Importing sightings: ${done}/${total}`) }),
    );
    if (r.ignoredFields.length) io.err(`Note: ignored field(s) that are not sighting fields: ${r.ignoredFields.join(', ')}.`);
    if (values.json) return io.out(JSON.stringify(r));
    io.out(`Sightings: ${r.added} added, ${r.alreadyImported} already in the project (of ${r.rows} in the file).`);
    if (r.vesselsCreated.length) io.out(`Vessels added: ${r.vesselsCreated.join(', ')}.`);
    if (r.identitiesFilled.length) io.out(`Vessel identities filled in: ${r.identitiesFilled.join(', ')}.`);
    for (const c of r.identityConflicts) io.err(`Identity not applied: ${c}.`);
    if (r.tracksCreated.length) io.out(`Tracks added: ${r.tracksCreated.join(', ')}.`);
    if (examined !== 'none') io.out(`Examined: ${r.examined === 1 ? '1 zone' : `${r.examined} zones`} newly marked examined (${examined}).`);
  },
};
