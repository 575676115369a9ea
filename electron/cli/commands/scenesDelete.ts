// `quaywatch scenes delete FILE ID`: deletes a scene (by id or provider item id) with its sightings, their
// reviews and its observability, as one undo step (the app's Ctrl+Z brings it back).
import { QuaywatchError } from '../../node/errors';
import { sceneByRef } from '../../node/importers/resolve';
import { editingOf } from '../../node/store/editing';
import { parseCommandArgs, positionalsOf, withProject, type Command } from '../cliIo';

export const scenesDeleteCommand: Command = {
  words: ['scenes', 'delete'],
  usage: 'scenes delete FILE ID [--json]',
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { json: { type: 'boolean', default: false } });
    const [file, ref] = positionalsOf(this, positionals, ['FILE', 'ID']);
    const done = withProject(file!, (store) => {
      const scene = sceneByRef(store.scenes(), ref!);
      if (typeof scene === 'string') throw new QuaywatchError('not_found', `${scene[0]!.toUpperCase()}${scene.slice(1)}.`);
      return editingOf(store).deleteScene(scene.id);
    });
    if (values.json) return io.out(JSON.stringify(done));
    const marks = done.sightings === 1 ? '1 sighting' : `${done.sightings} sightings`;
    io.out(`Deleted the scene of ${done.acquired} with ${marks}. Undo in the app (Ctrl+Z) brings it back.`);
  },
};
