// Entry of the quaywatch binary: one clear line on stderr and a non-zero exit for any error.
import { main } from './quaywatch';

void main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then((code) => {
  process.exitCode = code;
});
