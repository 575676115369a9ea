// `quaywatch demo [FILE.quaywatch]`: writes the synthetic demo port (imagery beside the project), with progress.
import fs from 'node:fs';
import path from 'node:path';
import { QuaywatchError } from '../../node/errors';
import { createDemoProject } from '../../node/demo/demoProject';
import { parseCommandArgs, UsageError, type Command } from '../cliIo';

export const demoCommand: Command = {
  words: ['demo'],
  usage: 'demo [FILE.quaywatch]',
  async run(args, io) {
    const { positionals } = parseCommandArgs(this, args, {});
    if (positionals.length > 1) throw new UsageError(`unexpected "${positionals[1]}". Usage: quaywatch ${this.usage}`);
    const file = path.resolve(positionals[0] ?? path.join('quaywatch-demo', 'rajin-demo.quaywatch'));
    if (fs.existsSync(file)) throw new QuaywatchError('io_error', `A file already exists at ${file}; choose another name.`);
    await createDemoProject(file, (done, total) => io.err(`Writing demo imagery: ${done}/${total}`));
    io.out(`Demo project written to ${file}`);
  },
};
