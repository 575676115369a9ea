// Entry of the quaywatch binary: one clear line on stderr and a non-zero exit for any error.
import { run, UsageError, USAGE } from './quaywatch';

try {
  run(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
} catch (e) {
  const usage = e instanceof UsageError || String((e as { code?: string }).code ?? '').startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`quaywatch: ${(e as Error).message}\n${usage ? `${USAGE}\n` : ''}`);
  process.exit(usage ? 2 : 1);
}
