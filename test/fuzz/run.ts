// npm run fuzz [-- --count N --seconds S --seed K]: the long fuzz run, reported in docs/fuzz.md.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/core';
import { fuzzCore, fuzzServer } from './fuzzers';

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

async function main(): Promise<void> {
  const count = option('count', 100_000);
  const seconds = option('seconds', 1200);
  const seed = option('seed', 20261127);
  const core = await fuzzCore({ count, seconds, seed, boundMs: 2000 });
  console.log(`core: ${core.documents} documents, ${core.failures.length} failures, slowest ${core.slowestMs} ms, ${core.seconds.toFixed(0)} s`);
  const server = await fuzzServer({ count: Math.ceil(count / 10), seconds: seconds / 4, seed: seed + 7, boundMs: 5000 });
  console.log(`server: ${server.documents} documents, ${server.failures.length} failures, slowest ${server.slowestMs} ms, ${server.seconds.toFixed(0)} s, alive ${server.serverAlive}, settled ${server.finalDiagnosticsCurrent}`);
  const failures = [...core.failures, ...server.failures].slice(0, 20).map((f) => `- document ${f.index} (${f.mutations.join(', ')}): ${f.problem}`);
  fs.writeFileSync(path.join(REPO_ROOT, 'docs', 'fuzz.md'), `# Fuzzing

\`npm run fuzz\` mutates the corpus entries (Kasm's own registry in both schemas) (cuts, truncation, stray tokens, swapped tokens, odd and random
Unicode, control characters, BOM, CRLF, NUL, nesting up to 10,000 deep, giant numbers and 1.5 MB strings,
duplicate keys, wrong types, one member repeated hundreds to thousands of times, error-recovery nesting (\`[},\` × 3,000),
hostile strings and keys (Markdown images and links, terminal escapes), launch-form growth bombs; one to three per
document, seeded) and feeds them to every feature of the core
(diagnostics, completion and hover at random and out-of-range positions, code actions, formatting, outline,
folding, links, hints, lenses) and, as edits of an open document, to the bundled server over stdio with
completion and hover requests. A failure is an exception, a slow answer, a dead server, a syntax-error verdict
that differs from JSON.parse's (the registry build's), more than 1,000 diagnostics or a message over 1,000
characters, a hover that would render a link or image from the entry, or a control character in the CLI's output. A short run (3,000 + 300 documents) is part of \`npm test\`.

Latest long run (${new Date().toISOString().slice(0, 10)}, seed ${seed}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}):

| target | documents | failures | slowest answer | time |
| --- | ---: | ---: | ---: | ---: |
| core (in process, bound 2 s a document) | ${core.documents} | ${core.failures.length} | ${core.slowestMs} ms | ${core.seconds.toFixed(0)} s |
| server over stdio (bound 5 s a request) | ${server.documents} | ${server.failures.length} | ${server.slowestMs} ms | ${server.seconds.toFixed(0)} s |

After the server run the process was ${server.serverAlive ? 'still running' : '**not running**'} and the diagnostics that settled were ${server.finalDiagnosticsCurrent ? 'those of the last version' : '**not those of the last version**'}.
${failures.length ? `\nFailures:\n\n${failures.join('\n')}\n` : ''}
What earlier runs found, and what changed: nesting thousands deep overflowed jsonc-parser's recursive parser in
every feature; such documents (and files over 1 MB) now get a degraded check (JSON.parse's verdict and a notice).
An unterminated string hid brackets from the first version of that depth guard; it now ends strings at line breaks
as the parser's scanner does. (A strict parser of our own for valid JSON came and went: the sixth session went back
to jsonc-parser's tree and JSON.parse's value, and measures depth on the tree itself, which recovery can make deeper
than the brackets suggest.) The sixth session's new shapes found messages that quote a pasted 9,000-character value
twice (image references, keys, tags): a message over 1,000 characters now has its long quoted values cut. The
first long run with them slowed to 10 s a document after 18,000: the harness ran every document in one synchronous
job, and the tree code actions keep through a WeakRef lives to the end of the job, so every tree stayed (3.6 GB).
Requests in the server are jobs of their own; the harness now yields between documents as they do. The same
search found that memoized answers kept their keys, slices of whole documents, alive: keys are now copied. Seed 123 found a 600 KB string that had become a
key: the "did you mean" search compared it letter by letter with every known key (3 s a check); words whose length
alone rules them out are now skipped. Repeating one member thousands of times (added after that) showed code
actions growing with the square of the problems: each fix parsed the document again, the fixes of repeated keys
listed every copy, and "add all missing fields" reparsed per field. They now share one parse and act on the copy
their diagnostic is on; \`test/core/largeDocuments.test.ts\` keeps documents of 10,000 repeated members linear.
`);
  process.exitCode = core.failures.length || server.failures.length || !server.serverAlive || !server.finalDiagnosticsCurrent ? 1 : 0;
}

main().catch((error: Error) => { console.error(error); process.exit(1); });
