// Stryker's build step (stryker.config.json `buildCommand`, #31): inside the sandbox, after the sources are
// instrumented, each in-process test file is bundled with esbuild into a `.test.cjs` beside it. The tap runner then
// starts plain node per test file instead of node with tsx, which compiled the whole source graph again in every
// one of the thousands of processes of a run (0.5 s → 0.2 s a file). Beside the source, so that the helpers'
// `__dirname`-relative repository root stays right. Never run in the repository itself (the outputs are ignored).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

const stryker = JSON.parse(fs.readFileSync('stryker.config.json', 'utf8'));
await esbuild.build({
  // The runner's patterns, as TypeScript sources (esbuild expands plain globs; a file the runner leaves out with
  // `!(name)` is built all the same, unused).
  entryPoints: stryker.tap.testFiles.map((file) => file.replace(/\.cjs$/, '.ts').replace(/!\([^)]*\)/g, '*')),
  outdir: '.',
  outbase: '.',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  packages: 'external',
  // The CLI and LSP tests run the command and the server in this process, on the mutated sources (test/helpers/cliRun.ts).
  define: { 'process.env.KASM_TEST_IN_PROCESS': '"1"' },
  logLevel: 'warning',
});
