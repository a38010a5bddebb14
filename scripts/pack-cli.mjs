// npm run pack:cli: the npm package kasm-registry-lint (packages/kasm-registry-lint), from the bundled dist/cli.js.
// The bundle carries everything it needs, so the package has no dependencies; its version follows the extension's.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

const folder = 'packages/kasm-registry-lint';
const root = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const manifest = JSON.parse(fs.readFileSync(`${folder}/package.json`, 'utf8'));
if (manifest.version !== root.version) {
  manifest.version = root.version;
  fs.writeFileSync(`${folder}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
}
fs.copyFileSync('dist/cli.js', `${folder}/cli.js`);
// The proxy agents of --online, loaded by cli.js only when a proxy is set.
fs.copyFileSync('dist/undici.js', `${folder}/undici.js`);
fs.copyFileSync('LICENSE', `${folder}/LICENSE`);
const out = process.argv[2] ?? '.';
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: folder, encoding: 'utf8' }).trim().split('\n').pop();
console.log(`${out}/${tarball}`);
