// Test helper run as a child process: opens a project in a session and dies by SIGKILL in the middle of writing
// a temporary, as a crash would, so the parent can check that the next start cleans up what it left.
//   export <project> <dataDir> <target>   killed while an output's temporary is half written (the output-path guard)
//   unpack <project> <dataDir> <zip>      killed while a zipped Planet order is being unpacked (scenes import)
//   hold <project> <dataDir> <target>     writes half a temporary, says "holding" and stays alive until killed
import fs from 'node:fs';
import { importScenes } from '../node/imagery/importScenes';
import { writeOutputSync } from '../node/output/outputGuard';
import { ProjectSession } from '../node/session';

const [mode, file, dataDir, arg] = process.argv.slice(2);
if (!mode || !file || !dataDir || !arg) {
  process.stderr.write('usage: crashMidWriteChild export|unpack|hold <project.quaywatch> <dataDir> <target|zip>\n');
  process.exit(2);
}
const session = new ProjectSession({ dataDir, author: 'ana', host: 'cli' });
session.open(file);
const store = session.requireProject();
const crash = () => process.kill(process.pid, 'SIGKILL');

if (mode === 'export' || mode === 'hold') {
  writeOutputSync(store, arg, {}, (tmp) => {
    fs.writeFileSync(tmp, Buffer.alloc(1024 * 1024, 1));
    if (mode === 'export') crash();
    process.stdout.write('holding\n');
    // Synchronous on purpose: the temporary stays in flight for as long as this process lives.
    for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  });
} else if (mode === 'unpack') {
  void importScenes(store, [arg], {
    onProgress: (done, _total, label) => {
      if (label.startsWith('Unpacking') && done >= 2) crash();
    },
  });
}
