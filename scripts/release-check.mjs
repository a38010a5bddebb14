// Before a release publishes anything: the pushed tag must be `v` + package.json's version, and the CHANGELOG's
// newest section must be that version, released (no "(unreleased)"). Exit 1 says which is wrong.
import * as fs from 'node:fs';

const tag = process.argv[2] ?? '';
const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const newest = /^## (.+)$/m.exec(fs.readFileSync('CHANGELOG.md', 'utf8'))?.[1].trim() ?? '';
const problems = [];
if (tag !== `v${version}`) problems.push(`the tag "${tag}" is not v${version}, package.json's version`);
if (newest !== version) problems.push(`CHANGELOG.md's newest section is "${newest}", not "${version}" (drop "(unreleased)" when releasing)`);
for (const problem of problems) console.error(`release-check: ${problem}`);
if (!problems.length) console.log(`release-check: releasing ${version}`);
process.exit(problems.length ? 1 : 0);
