// `quaywatch observability set FILE --scene ID --zone NAME --value …`: the analyst's override of what a scene shows of a zone.
import { OBSERVABILITIES, type Observability } from '../../../shared/domain';
import { QuaywatchError } from '../../node/errors';
import { sceneByRef, zoneByRef } from '../../node/importers/resolve';
import { Editing } from '../../node/store/editing';
import { parseCommandArgs, positionalsOf, UsageError, withProject, type Command } from '../cliIo';

export const observabilitySetCommand: Command = {
  words: ['observability', 'set'],
  usage: `observability set FILE --scene ID --zone NAME --value ${OBSERVABILITIES.join('|')}`,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      scene: { type: 'string' },
      zone: { type: 'string' },
      value: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const [file] = positionalsOf(this, positionals, ['FILE']);
    for (const k of ['scene', 'zone', 'value'] as const) if (!values[k]) throw new UsageError(`missing --${k}. Usage: quaywatch ${this.usage}`);
    const value = values.value!.toLowerCase() as Observability;
    if (!OBSERVABILITIES.includes(value)) throw new UsageError(`--value is "${values.value}"; use one of ${OBSERVABILITIES.join(', ')}`);
    const done = withProject(file!, (store) => {
      const scene = sceneByRef(store.scenes(), values.scene!);
      if (typeof scene === 'string') throw new QuaywatchError('not_found', `${scene[0]!.toUpperCase()}${scene.slice(1)}.`);
      const zone = zoneByRef(store.zones(), values.zone!);
      if (typeof zone === 'string') throw new QuaywatchError('not_found', `${zone[0]!.toUpperCase()}${zone.slice(1)}.`);
      new Editing(store).setObservability({ sceneId: scene.id, zoneId: zone.id, value });
      return { sceneId: scene.id, acquired: scene.acquired, zone: zone.name, value };
    });
    if (values.json) return io.out(JSON.stringify(done));
    io.out(`${done.zone} on the scene of ${done.acquired}: ${done.value}.`);
  },
};
