// `quaywatch examined set FILE (--all | --scene ID | --from DATE --to DATE) [--zone NAME] [--value yes|no]`:
// the analyst's record of effort from the command line — which scenes were looked at and marked
// completely, so that their clear scenes count as absences (shared/examination.ts, METHOD.md).
import { parseIsoDate } from '../../../shared/dates';
import { QuaywatchError } from '../../node/errors';
import { sceneByRef, zoneByRef } from '../../node/importers/resolve';
import { editingOf } from '../../node/store/editing';
import { parseCommandArgs, positionalsOf, UsageError, withProject, type Command } from '../cliIo';

export const examinedSetCommand: Command = {
  words: ['examined', 'set'],
  usage: 'examined set FILE (--all | --scene ID | --from DATE --to DATE) [--zone NAME] [--value yes|no] [--json]',
  details: [
    'Marks zones examined on scenes: the analyst looked at the zone on the scene and marked everything',
    'there. Only an examined clear scene counts as an absence; a clear scene not examined is unknown.',
    '  --all              every scene of the project',
    '  --scene ID         one scene (a scene id or a provider item id)',
    '  --from/--to DATE   scenes acquired on these UTC days (YYYY-MM-DD, both included)',
    '  --zone NAME        only this zone (default: every zone the scene shows, clear or partial)',
    '  --value yes|no     examined (default) or not examined',
    'One undoable step (Ctrl+Z in the app).',
  ],
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      all: { type: 'boolean', default: false },
      scene: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      zone: { type: 'string' },
      value: { type: 'string', default: 'yes' },
      json: { type: 'boolean', default: false },
    });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    const ways = [values.all, values.scene !== undefined, values.from !== undefined || values.to !== undefined].filter(Boolean).length;
    if (ways !== 1) throw new UsageError(`say which scenes with exactly one of --all, --scene, or --from and --to. Usage: quaywatch ${this.usage}`);
    if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError('--from and --to go together (UTC days, both included)');
    const value = values.value!.toLowerCase();
    if (value !== 'yes' && value !== 'no') throw new UsageError(`--value is "${values.value}"; use yes or no`);
    const day = (flag: string, text: string) => {
      const d = parseIsoDate(text);
      if (typeof d !== 'string') throw new UsageError(`--${flag}: ${d.error}`);
      return d;
    };
    const from = values.from !== undefined ? day('from', values.from) : null;
    const to = values.to !== undefined ? day('to', values.to) : null;
    if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);

    const done = withProject(file!, (store) => {
      const scenes = store.scenes();
      let chosen = scenes;
      if (values.scene !== undefined) {
        const s = sceneByRef(scenes, values.scene);
        if (typeof s === 'string') throw new QuaywatchError('not_found', `${s[0]!.toUpperCase()}${s.slice(1)}.`);
        chosen = [s];
      } else if (from && to) chosen = scenes.filter((s) => s.acquired.slice(0, 10) >= from && s.acquired.slice(0, 10) <= to);
      if (chosen.length === 0) throw new QuaywatchError('not_found', from ? `No scene was acquired from ${from} to ${to} (UTC); nothing was changed.` : 'The project has no scenes; nothing was changed.');
      let zoneIds: string[] | undefined;
      if (values.zone !== undefined) {
        const z = zoneByRef(store.zones(), values.zone);
        if (typeof z === 'string') throw new QuaywatchError('not_found', `${z[0]!.toUpperCase()}${z.slice(1)}.`);
        zoneIds = [z.id];
      }
      const r = editingOf(store).setExamined({ sceneIds: chosen.map((s) => s.id), zoneIds, value: value === 'yes' });
      return { scenes: chosen.length, changed: r.changed, value: value === 'yes' };
    });
    if (values.json) return io.out(JSON.stringify(done));
    const pairs = done.changed === 1 ? '1 zone' : `${done.changed} zones`;
    io.out(`${done.value ? 'Examined' : 'Not examined'}: ${pairs} changed on ${done.scenes === 1 ? '1 scene' : `${done.scenes} scenes`}.`);
  },
};
