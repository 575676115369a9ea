// `quaywatch new FILE.quaywatch [--name NAME]`: creates an empty project file.
import { ProjectStore } from '../../node/store/projectStore';
import { cliAuthor, parseCommandArgs, positionalsOf, type Command } from '../cliIo';
import { printSummary } from './info';

export const newCommand: Command = {
  words: ['new'],
  usage: 'new FILE.quaywatch [--name NAME] [--json]',
  run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, { name: { type: 'string' }, json: { type: 'boolean', default: false } });
    const [given] = positionalsOf(this, positionals, ['FILE.quaywatch']);
    const file = given!.endsWith('.quaywatch') ? given! : `${given}.quaywatch`;
    const name = values.name?.trim() || file.replace(/^.*[\\/]/, '').replace(/\.quaywatch$/, '');
    const store = ProjectStore.create(file, name, { author: cliAuthor() });
    try {
      printSummary(store.summary(), values.json, io);
    } finally {
      store.close();
    }
  },
};
