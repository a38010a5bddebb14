// Bundles the language server (and the VS Code client, when present) with esbuild.
// `--production` minifies; the default keeps names readable for stack traces during development.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  // jsonc-parser's UMD entry hides its requires from bundlers; its ES module build bundles cleanly.
  mainFields: ['module', 'main'],
};
// undici (the proxy agents of the online image checks, loaded only when a proxy is set) is a bundle of its own next to
// the server and the CLI: inside them it doubled the server's size, and so its start-up time and memory.
const undiciApart = {
  plugins: [{
    name: 'undici-apart',
    setup(build) {
      build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
    },
  }],
  // Its import() becomes a require: Node's ES module loader first scans a CommonJS file for its exports, which cost
  // ~50 ms at the first online question (measured).
  supported: { 'dynamic-import': false },
};
const builds = [
  {
    ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', ...undiciApart,
    define: { 'process.env.KASM_SERVER_VERSION': JSON.stringify(pkg.version) },
  },
  { ...common, minify: true, sourcemap: false, entryPoints: [createRequire(import.meta.url).resolve('undici')], outfile: 'dist/undici.js' },
  {
    ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', ...undiciApart,
    define: { KASM_VERSION: JSON.stringify(pkg.version) }, banner: { js: '#!/usr/bin/env node' },
  },
  // The GitHub Action runs a committed file (action.yml): built the same way in every mode, so that a stale copy shows
  // as a change in git (test/cli/action.test.ts).
  {
    ...common, minify: true, sourcemap: false, entryPoints: ['server/src/cli/actionMain.ts'], outfile: 'action/index.js',
    define: { KASM_VERSION: JSON.stringify(pkg.version) }, legalComments: 'none',
  },
];
if (fs.existsSync('client/src/extension.ts')) {
  builds.push({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
}
// VS Code for the Web (package.json `browser`): the client for a web-worker extension host, the server for a web
// worker. The core's bare `path` import becomes path-browserify there; nothing may import `node:*`.
const browser = { ...common, platform: 'browser', mainFields: ['browser', 'module', 'main'], alias: { path: 'path-browserify' } };
builds.push({ ...browser, entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/browser/extension.js', external: ['vscode'] });
builds.push({
  ...browser, format: 'iife', entryPoints: ['server/src/web/main.ts'], outfile: 'dist/browser/server.js',
  define: { 'process.env.KASM_SERVER_VERSION': JSON.stringify(pkg.version) },
});
// The end-to-end suite runs inside VS Code's extension host, which loads plain CommonJS.
const e2eSuite = fs.readdirSync('test/e2e/suite').filter((f) => f.endsWith('.ts')).map((f) => `test/e2e/suite/${f}`);
builds.push({ ...common, minify: false, entryPoints: e2eSuite, outdir: 'out/e2e/suite', external: ['vscode', 'mocha'] });
// The web suite runs in code-server's web-worker extension host: a browser module, mocha's browser build.
builds.push({ ...browser, minify: false, entryPoints: ['test/e2e/web/index.ts'], outfile: 'out/e2e/web/index.js', external: ['vscode'] });
// The squiggle measurement of `npm run bench`, run in the extension host like the suite.
builds.push({ ...common, minify: false, entryPoints: ['test/e2e/measure/squiggle.ts'], outdir: 'out/e2e/measure', external: ['vscode'] });
// Its activation measurement, for both extension hosts (it uses nothing but the vscode API).
builds.push({ ...browser, minify: false, entryPoints: ['test/e2e/measure/activation.ts'], outdir: 'out/e2e/measure', external: ['vscode'] });
await Promise.all(builds.map((options) => esbuild.build(options)));
for (const { outfile } of builds) if (outfile) console.log(`${outfile} ${fs.statSync(outfile).size} bytes`);
