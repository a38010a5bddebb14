// Summarises reports/mutation/mutation.json (StrykerJS's JSON report, mutation-testing-report-schema) into
// docs/mutation.md between its <!-- summary --> markers: the score per folder and per file, and the survivors.
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPORT = 'reports/mutation/mutation.json';
const DOC = 'docs/mutation.md';
const report = JSON.parse(fs.readFileSync(REPORT, 'utf8'));

// Stryker's own definition: killed and timed-out mutants over all that are valid (no compile or runtime errors).
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const score = (mutants) => {
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const valid = detected + mutants.filter((m) => UNDETECTED.has(m.status)).length;
  return { detected, valid, text: valid ? `${((100 * detected) / valid).toFixed(1)} %` : '—' };
};

const files = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b));
const folderOf = (file) => file.split('/').slice(0, 3).join('/');
const folders = [...new Set(files.map(([file]) => folderOf(file)))];
const row = (name, mutants) => {
  const { detected, valid, text } = score(mutants);
  const survived = mutants.filter((m) => m.status === 'Survived').length;
  const uncovered = mutants.filter((m) => m.status === 'NoCoverage').length;
  // Ignored: equivalent mutants marked with a Stryker disable comment (and static ones, were a run to skip them).
  const ignored = mutants.filter((m) => m.status === 'Ignored').length;
  return `| ${name} | ${text} | ${detected} / ${valid} | ${survived} | ${uncovered} | ${ignored} |`;
};
const all = files.flatMap(([, file]) => file.mutants);
// The files stryker.config.json mutates that no run has reported: "all measured" is not all of them.
const mutated = JSON.parse(fs.readFileSync('stryker.config.json', 'utf8')).mutate;
const unmeasured = listSources(mutated).filter((file) => !report.files[file]);
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} over ${files.length} files (${all.length} mutants).`,
  unmeasured.length ? `Not in the report (not run yet, or without mutants): ${unmeasured.length} of the files \`stryker.config.json\` mutates (${[...new Set(unmeasured.map((f) => path.dirname(f)))]
    .map((folder) => `\`${folder}\``).join(', ')}).` : 'Every file `stryker.config.json` mutates is measured.', '',
  '| scope | score | detected / valid | survived | no coverage | ignored (marked equivalent) |', '| --- | --- | --- | --- | --- | --- |',
  row('all measured', all),
  ...folders.map((folder) => row(`\`${folder}\``, files.filter(([file]) => folderOf(file) === folder).flatMap(([, f]) => f.mutants))),
  ...files.map(([file, f]) => row(`\`${file}\``, f.mutants)),
  '', 'Survivors (each a change no test noticed):', '',
  ...files.flatMap(([file, f]) => f.mutants.filter((m) => m.status === 'Survived')
    .map((m) => `- \`${file}:${m.location.start.line}\` ${m.mutatorName}: \`${String(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80)}\``)),
];
const doc = fs.readFileSync(DOC, 'utf8');
const marked = /<!-- summary -->[\s\S]*<!-- \/summary -->/;
fs.writeFileSync(DOC, doc.replace(marked, `<!-- summary -->\n${lines.join('\n')}\n<!-- /summary -->`));
console.log(`${DOC}: ${score(all).text} over ${all.length} mutants`);

/** The .ts files under the config's `folder/**\/*.ts` patterns, less its `!` exclusions (plain prefixes). */
function listSources(patterns) {
  const excluded = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/\*\*.*$/, ''));
  const roots = patterns.filter((p) => !p.startsWith('!')).map((p) => p.replace(/\/\*\*.*$/, ''));
  const walk = (folder) => fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = `${folder}/${entry.name}`;
    return entry.isDirectory() ? walk(file) : file.endsWith('.ts') ? [file] : [];
  });
  return [...new Set(roots.flatMap(walk))].filter((file) => !excluded.some((prefix) => file.startsWith(prefix))).sort();
}
