// npm run pack:cli [-- FOLDER]: the npm package kasm-registry-lint (packages/kasm-registry-lint), from the production
// bundle dist/cli.js, as a tarball in FOLDER (default: the current folder); prints the tarball's path.
// The bundle carries everything it needs, so the package has no dependencies; its version follows the extension's.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const folder = 'packages/kasm-registry-lint';
const root = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const manifest = JSON.parse(fs.readFileSync(`${folder}/package.json`, 'utf8'));
if (manifest.version !== root.version) {
  manifest.version = root.version;
  fs.writeFileSync(`${folder}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
}
// A development bundle points at a source map the package does not carry, and is three times the size.
if (fs.readFileSync('dist/cli.js', 'utf8').includes('sourceMappingURL')) {
  console.error('pack-cli: dist/cli.js is a development build; run `npm run pack:cli` (it bundles with --production)');
  process.exit(1);
}
fs.copyFileSync('dist/cli.js', `${folder}/cli.js`);
// The proxy agents of --online, loaded by cli.js only when a proxy is set.
fs.copyFileSync('dist/undici.js', `${folder}/undici.js`);
fs.copyFileSync('LICENSE', `${folder}/LICENSE`);
// npm pack runs in the package's folder: the destination is made absolute so that it means the caller's folder.
const out = path.resolve(process.argv[2] ?? '.');
fs.mkdirSync(out, { recursive: true });
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: folder, encoding: 'utf8' }).trim().split('\n').pop();
console.log(path.join(out, tarball));
