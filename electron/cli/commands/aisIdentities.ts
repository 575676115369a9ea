// `quaywatch ais identities FILE [--json]`: what the project's AIS static data says of its vessels'
// identities, the same answer as the app's "Identities from AIS" (ais.identities). Reads only.
import { CONFLICT_KIND_WORDS, periodText, type AisBroadcastIdentity } from '../../../shared/ais/identities';
import { sizeText } from '../../../shared/vesselIdentity';
import { plural } from '../../../shared/words';
import { aisIdentitiesView } from '../../node/ais/identities';
import { parseCommandArgs, positionalsOf, withProject, type Command } from '../cliIo';

/** "SPARTA IV (IMO 9354521, call sign UBSP4, 154 × 24 m) 2025-01-02 to 2025-01-03". */
function identityLine(i: AisBroadcastIdentity): string {
  const parts = [i.imo ? `IMO ${i.imo}` : 'no IMO', i.callSign && `call sign ${i.callSign}`, sizeText(i.lengthM, i.beamM)].filter(Boolean);
  return `${i.name ?? 'no name'} (${parts.join(', ')}) ${i.periods.map(periodText).join(', ')}`;
}

export const aisIdentitiesCommand: Command = {
  words: ['ais', 'identities'],
  usage: 'ais identities FILE [--json]',
  details: [
    'What the AIS static data (types 5 and 24, the static columns of a CSV) says of the vessels, per MMSI:',
    '  proposal   a vessel (found by IMO, else by MMSI when name and IMO agree) lacks a name, IMO, MMSI, call sign, length or beam AIS gives;',
    '  conflict   AIS says something else than the project, or one MMSI sent two identities over time: never applied;',
    '  no vessel  a ship AIS names that is no vessel of the project.',
    'Nothing is changed: apply a proposal or add a ship in the app (Analysis → AIS and imagery → Identities from AIS).',
  ],
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { json: { type: 'boolean', default: false } });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    const view = withProject(file!, (store) => aisIdentitiesView(store));
    if (values.json) return io.out(JSON.stringify(view));
    const c = view.counts;
    if (view.statics === 0) return io.out('The project holds no AIS static data: nothing to say of identities.');
    io.out(`AIS identities from ${plural(view.statics, 'static record')}: ${plural(c.proposals, 'proposal')}, ${plural(c.conflicts, 'conflict')}, ${plural(c.unknown, 'ship')} with no vessel.`);
    if (view.mmsis.length === 0) io.out('Every vessel AIS names agrees with the project, and every ship it names is a vessel of the project.');
    for (const m of view.mmsis) {
      io.out(`MMSI ${m.mmsi}`);
      for (const p of m.proposals) io.out(`  proposal   ${p.vesselName} lacks ${p.text} (AIS: ${identityLine(m.identities[p.identity]!)})`);
      for (const k of m.conflicts) {
        io.out(`  conflict   ${CONFLICT_KIND_WORDS[k.kind]}: ${k.text}`);
        io.out(`             project: ${k.project}`);
        for (const i of k.identities) io.out(`             AIS:     ${identityLine(m.identities[i]!)}`);
      }
      for (const u of m.unknown) io.out(`  no vessel  ${identityLine(m.identities[u.identity]!)}${u.note ? ` (${u.note})` : ''}`);
    }
  },
};
