// `quaywatch ais import FILE LOG… [--buffer-km N] [--json]`: AIS logs into the project, as the app imports them.
import { DEFAULT_AIS_SETTINGS } from '../../../shared/ais/types';
import { AIS_BAD_REASONS, type AisImportSummary } from '../../../shared/calls/ais';
import { importAis } from '../../node/ais/importAis';
import { ImportError } from '../../node/imagery/common';
import { QuaywatchError } from '../../node/errors';
import { readOnlyRefusal } from '../../node/store/projectInspect';
import { ProjectStore } from '../../node/store/projectStore';
import { cliOpenOptions, parseCommandArgs, UsageError, type Command } from '../cliIo';

const REASON_WORDS: Record<(typeof AIS_BAD_REASONS)[number], string> = {
  bad_checksum: 'bad checksum',
  unknown_type: 'message type not kept',
  incomplete_multipart: 'incomplete multi-part message',
  no_time: 'no receive time',
  bad_time: 'unreadable or impossible time',
  bad_position: 'no or impossible position',
  bad_mmsi: 'bad MMSI',
  malformed: 'malformed',
  not_ais: 'not AIS',
  line_too_long: 'line too long',
};

export const aisImportCommand: Command = {
  words: ['ais', 'import'],
  usage: 'ais import FILE LOG… [--buffer-km N] [--json]',
  details: [
    'LOG: NMEA 0183 (!AIVDM/!AIVDO, receive times from NMEA 4.0 tag blocks \\c:…\\ or a leading Unix/ISO',
    '     time per line), Danish Maritime Authority CSV (# Timestamp dd/mm/yyyy HH:MM:SS, MMSI, Latitude, …),',
    '     or a CSV with columns mmsi,timestamp,lat,lon[,sog,cog,heading,name,imo]; each plain, .gz or in a .zip.',
    `Positions within --buffer-km (default ${DEFAULT_AIS_SETTINGS.bufferKm}) of a site's area of interest are kept (a site with no`,
    'area: its zones and scene footprints), and all static data. Times are UTC.',
    'Bad lines are counted by reason and reported, never fatal. The import is all or nothing: a file that',
    'cannot be read (not AIS at all, a zip bomb) makes the exit code 1 and writes nothing.',
  ],
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { 'buffer-km': { type: 'string' }, json: { type: 'boolean', default: false } });
    const [file, ...logs] = positionals;
    if (!file || logs.length === 0) throw new UsageError(`missing ${file ? 'LOG' : 'FILE and LOG'}. Usage: quaywatch ${this.usage}`);
    const bufferText = values['buffer-km'];
    const bufferKm = bufferText === undefined ? DEFAULT_AIS_SETTINGS.bufferKm : Number(bufferText);
    if (!/^\d+(\.\d+)?$/.test(bufferText ?? '0') || !(bufferKm >= 0 && bufferKm <= 1000)) throw new UsageError(`--buffer-km is "${bufferText}"; give kilometres between 0 and 1000`);
    const store = ProjectStore.open(file, cliOpenOptions());
    let r: AisImportSummary;
    try {
      let lastPercent = -1;
      r = await importAis(store, logs, {
        bufferKm,
        onProgress: (done, total, label) => {
          const percent = Math.floor((done / total) * 100);
          if (percent >= lastPercent + 10 || (percent === 100 && lastPercent !== 100)) {
            lastPercent = percent;
            io.err(`${label}: ${percent}%`);
          }
        },
      });
    } catch (e) {
      if (e instanceof ImportError) throw new QuaywatchError('invalid_request', e.message);
      throw readOnlyRefusal(store.readOnly, e) ?? e;
    } finally {
      store.close();
    }
    if (values.json) return io.out(JSON.stringify(r));
    const n = (x: number) => x.toLocaleString('en');
    io.out(`AIS: ${n(r.read)} messages read; ${n(r.kept)} positions kept, ${n(r.outside)} outside the area + ${r.bufferKm} km; ${n(r.statics)} static records; ${n(r.duplicates)} duplicates.`);
    io.out(`Vessels: ${n(r.vessels)} MMSIs${r.from ? `, ${r.from} to ${r.to} (UTC)` : ''}.`);
    const bad = AIS_BAD_REASONS.filter((k) => r.bad[k]).map((k) => `${n(r.bad[k]!)} ${REASON_WORDS[k]}`);
    io.out(bad.length ? `Not used: ${bad.join(', ')}.` : 'Not used: none.');
    for (const f of r.files) io.out(`  ${f.path}: ${f.format}, ${n(f.lines)} lines, ${n(f.messages)} messages`);
    if (!r.importId) io.out('Nothing was kept: the project was not changed.');
  },
};
