// Test helper run as a child process: opens a project and applies calls read from stdin through
// the real dispatcher, answering each on stdout only once it has returned (i.e. is acknowledged).
import readline from 'node:readline';
import { createDispatcher } from '../node/dispatcher';
import { ProjectSession } from '../node/session';

const [file, dataDir] = process.argv.slice(2);
if (!file || !dataDir) {
  process.stderr.write('usage: editChild <project.quaywatch> <dataDir>\n');
  process.exit(2);
}
const session = new ProjectSession({ dataDir, author: 'ana', host: 'cli' });
session.open(file);
const dispatch = createDispatcher(session, (line) => process.stderr.write(`${line}\n`));
process.stdout.write('ready\n');

// One call at a time, in order, like the renderer's edits.
let queue = Promise.resolve();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(async () => {
    const { name, req } = JSON.parse(line) as { name: string; req: unknown };
    const result = await dispatch(name, req);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
});
