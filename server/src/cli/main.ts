/** The kasm-registry-lint command: runs lint.ts's main with this process's arguments and streams. */
import { main } from './lint';

// `kasm-registry-lint | head -1`: the reader is gone, which is no error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
void main(process.argv.slice(2), {
  cwd: process.cwd(), isTty: process.stdout.isTTY === true,
  out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s),
}).then((code) => { process.exitCode = code; });
