// kasm-registry-lint's main() called in this process, with the streams as strings (#31): the same golden files and
// exit codes as the bundled binary in cli.test.ts, the options at their edges, and the subcommands, where mutation
// testing sees the CLI's code (a spawned dist/cli.js is built from the unmutated source).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { VERSION, main } from '../../server/src/cli/lint';
import { runAction } from '../../server/src/cli/action';
import { REPO_ROOT } from '../helpers/core';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'lint-registry');
const GOLDEN = path.join(REPO_ROOT, 'test', 'golden');
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

async function run(args: string[], cwd = FIXTURE, isTty = false) {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, isTty, out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

function registryOf(entries: Record<string, object | string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-main-'));
  for (const [name, value] of Object.entries(entries)) {
    fs.mkdirSync(path.join(root, 'workspaces', name), { recursive: true });
    fs.writeFileSync(path.join(root, 'workspaces', name, 'workspace.json'), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  }
  return root;
}

const entry = (name: string, extra: object = {}) => ({
  friendly_name: name, description: 'A lab.', image_src: 'icon.png', categories: ['Development'], architecture: ['amd64'],
  compatibility: [{ version: '1.18.x', image: 'kasmweb/lab:1.18.0', uncompressed_size_mb: 2000 }], ...extra,
});

describe('kasm-registry-lint in process', () => {
  for (const [format, file] of [['stylish', 'lint.stylish.txt'], ['json', 'lint.json'], ['sarif', 'lint.sarif.json'], ['github', 'lint.github.txt']]) {
    it(`prints the ${format} format of the golden file`, async () => {
      const result = await run(['--format', format]);
      assert.equal(result.code, 0, result.err);
      // The bundle is built with the package's version; this process runs the source.
      assert.equal(result.out.replaceAll(`"${VERSION}"`, `"${PACKAGE_VERSION}"`), fs.readFileSync(path.join(GOLDEN, file), 'utf8'));
    });
  }

  it('prints its help and version, and colours only a terminal', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /^Usage: kasm-registry-lint \[options\] \[paths\.\.\.\]/);
    assert.deepEqual(await run(['-v']), { code: 0, out: `${VERSION}\n`, err: '' });
    const root = registryOf({ Lab: entry('Lab', { memory: 4 }) });
    assert.doesNotMatch((await run([root])).out, /\u001b\[/);
    assert.match((await run([root], root, true)).out, /\u001b\[/);
    assert.doesNotMatch((await run(['--no-color', root], root, true)).out, /\u001b\[/);
  });

  it('refuses bad usage with exit 2 and the reason', async () => {
    const cases: [string[], RegExp][] = [
      [['--format', 'xml'], /unknown format "xml"; use stylish, json, sarif, github/],
      [['--schema', '2.0'], /unknown schema "2\.0"; use auto, 1\.0, 1\.1/],
      [['--max-warnings=-1'], /--max-warnings takes a whole number, not "-1"/],
      [['--max-warnings', '1.5'], /--max-warnings takes a whole number, not "1\.5"/],
      [['--online-budget', 'soon'], /--online-budget takes seconds, not "soon"/],
      [['--colour'], /Unknown option '--colour'/],
      [[''], /an empty path names nothing/],
      [['no/such/folder'], /cannot read "no\/such\/folder": no such file or folder/],
      [[fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-empty-'))], /no workspace\.json found in .* \(--allow-empty to accept that\)/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.err, message);
      assert.match(result.err, /Run kasm-registry-lint --help for the options\.\n$/);
    }
    assert.equal((await run(['--allow-empty', fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-empty-'))])).code, 0);
    assert.equal((await run(['--online-budget', '2.5', '--max-warnings', '0', '--help'])).code, 0, 'valid numbers');
  });

  it('fails on errors; on warnings only past --max-warnings; --quiet shows errors only', async () => {
    const root = registryOf({ Lab: entry('Lab', { memory: 4 }), Other: entry('Other', { memory: 8 }) });
    const warnings = (JSON.parse((await run(['--format', 'json', root])).out) as { diagnostics: { severity: string }[] }[])
      .flatMap((r) => r.diagnostics).filter((d) => d.severity === 'warning').length;
    assert.ok(warnings >= 2, `${warnings} warnings`);
    assert.equal((await run([root])).code, 0, 'warnings alone pass');
    assert.equal((await run(['--max-warnings', String(warnings), root])).code, 0, 'as many as allowed');
    const over = await run(['--max-warnings', String(warnings - 1), root]);
    assert.equal(over.code, 1);
    assert.equal(over.err, `kasm-registry-lint: ${warnings} warnings, more than --max-warnings ${warnings - 1}\n`);
    const broken = registryOf({ Lab: entry('Lab', { memory: 4 }), Bad: '{ "friendly_name": ' });
    assert.equal((await run([broken])).code, 1);
    const quiet = JSON.parse((await run(['--quiet', '--format', 'json', broken])).out) as { diagnostics: { severity: string }[] }[];
    assert.deepEqual([...new Set(quiet.flatMap((r) => r.diagnostics.map((d) => d.severity)))], ['error']);
  });

  it('names what each entry asks of the host in the json format', async () => {
    const root = registryOf({ Lab: entry('Lab', { run_config: { privileged: true } }), Plain: entry('Plain'), Broken: '{' });
    const results = JSON.parse((await run(['--format', 'json', root])).out) as { file: string; hostAccess: string[] }[];
    assert.deepEqual(Object.fromEntries(results.map((r) => [r.file.split('/').at(-2), r.hostAccess])), {
      Broken: [], Lab: ['privileged (full access to the host)'], Plain: [],
    });
  });

  it('refuses a .kasm-lint.json that is not valid, naming it, unless told to ignore it', async () => {
    const root = registryOf({ Lab: entry('Lab') });
    fs.writeFileSync(path.join(root, '.kasm-lint.json'), '{ "rules": { "size-zero": "of" } }');
    const result = await run([root], root);
    assert.equal(result.code, 2);
    assert.match(result.err, /^kasm-registry-lint: \.kasm-lint\.json:1:27: The severity of "size-zero" must be one of/);
    assert.match(result.err, /\.kasm-lint\.json is not valid: fix it, or run with --ignore-config/);
    assert.equal((await run(['--ignore-config', root], root)).code, 0);
  });

  it('runs visible and add-version', async () => {
    const root = registryOf({ Lab: entry('Lab') });
    const visible = await run(['visible', '--kasm-version', '1.18.1', '--format', 'json', root]);
    assert.equal(visible.code, 0, visible.err);
    assert.deepEqual((JSON.parse(visible.out) as { visible: { image: string }[] }).visible.map((v) => v.image), ['kasmweb/lab:1.18.0']);
    const diff = await run(['add-version', '1.20.x', root]);
    assert.equal(diff.code, 0, diff.err);
    assert.match(diff.out, /^\+ {6}"version": "1\.20\.x",$/m);
    assert.match(diff.out, /^\+ {6}"image": "kasmweb\/lab:1\.20\.0",$/m);
    assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'workspaces', 'Lab', 'workspace.json'), 'utf8')).compatibility.length, 1, 'nothing written');
    assert.equal((await run(['add-version', '1.20.x', '--write', root])).code, 0);
    assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'workspaces', 'Lab', 'workspace.json'), 'utf8')).compatibility.length, 2);
  });
});

describe('the GitHub Action\'s entry point in process', () => {
  async function action(inputs: Record<string, string>, root: string, event = 'push') {
    const outputs = path.join(root, 'outputs.txt');
    const summary = path.join(root, 'summary.md');
    let out = '';
    const code = await runAction({
      GITHUB_WORKSPACE: root, GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary, GITHUB_EVENT_NAME: event,
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    }, (s) => { out += s; });
    const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
    return { code, out, outputs: read(outputs), summary: read(summary) };
  }

  it('annotates, counts, summarises and writes SARIF; fails on errors or past max-warnings', async () => {
    const root = registryOf({ Lab: entry('Lab', { memory: 4 }), Bad: '{ "friendly_name": ' });
    const result = await action({ sarif: 'out/lint.sarif', 'max-warnings': '' }, root);
    assert.equal(result.code, 1);
    assert.match(result.out, /^::error file=workspaces\/Bad\/workspace\.json,line=1,/m);
    assert.match(result.out, /kasm-registry-lint: 2 entries, \d+ errors, \d+ warnings\n$/);
    assert.match(result.outputs, /^errors=\d+\nwarnings=\d+\nentries=2\n$/);
    assert.match(result.summary, /\| workspaces\/Bad\/workspace\.json \|/);
    assert.equal((JSON.parse(fs.readFileSync(path.join(root, 'out', 'lint.sarif'), 'utf8')) as { version: string }).version, '2.1.0');
    const clean = registryOf({ Lab: entry('Lab', { memory: 4 }) });
    const warnings = Number(/warnings=(\d+)/.exec((await action({}, clean)).outputs)?.[1]);
    assert.ok(warnings > 0);
    assert.equal((await action({ 'max-warnings': String(warnings) }, clean)).code, 0);
    const over = await action({ 'max-warnings': String(warnings - 1) }, clean);
    assert.equal(over.code, 1);
    assert.match(over.out, new RegExp(`::error title=kasm-registry-lint::${warnings} warnings, more than max-warnings ${warnings - 1}`));
  });

  it('on a pull request, names each rule its .kasm-lint.json lowers; ignore-config checks without it', async () => {
    const root = registryOf({ Lab: entry('Lab', { memory: 4 }) });
    fs.writeFileSync(path.join(root, '.kasm-lint.json'), '{\n  "rules": { "memory-in-gb": "off", "size-zero": "error", "icon-missing": "info" }\n}\n');
    const pull = await action({}, root, 'pull_request');
    assert.match(pull.out, /::warning file=\.kasm-lint\.json,line=2,col=\d+,title=kasm\(lint-config\)::Turns off the rule "memory-in-gb" \(usually warning\)/);
    assert.match(pull.out, /Lowers to info the rule "icon-missing" \(usually warning\)/);
    assert.doesNotMatch(pull.out, /"size-zero"/, 'raising a rule is no concern');
    assert.doesNotMatch((await action({}, root, 'push')).out, /kasm\(lint-config\)/);
    assert.match((await action({ 'ignore-config': 'TRUE' }, root, 'pull_request')).out, /memory-in-gb/, 'reported again');
  });

  it('refuses bad inputs and a bad .kasm-lint.json with exit 2 and an annotation', async () => {
    const root = registryOf({ Lab: entry('Lab') });
    const refused = async (inputs: Record<string, string>, message: string) => {
      const result = await action(inputs, root);
      assert.equal(result.code, 2, JSON.stringify(inputs));
      assert.ok(result.out.endsWith(`::error title=kasm-registry-lint::${message}\n`), result.out);
    };
    await refused({ schema: '2.0' }, 'schema must be auto, 1.0 or 1.1, not "2.0"');
    await refused({ 'max-warnings': 'many' }, 'max-warnings must be a whole number, not "many"');
    await refused({ online: 'yes' }, 'online must be true or false, not "yes"');
    await refused({ path: 'nowhere' }, 'cannot read "nowhere": no such file or folder');
    fs.writeFileSync(path.join(root, 'blocker'), '');
    await refused({ sarif: 'blocker/lint.sarif' }, 'cannot write sarif "blocker/lint.sarif": part of the path is a file, not a folder');
    fs.writeFileSync(path.join(root, '.kasm-lint.json'), '{ "colours": 1 }');
    const config = await action({}, root);
    assert.equal(config.code, 2);
    assert.match(config.out, /^::error file=\.kasm-lint\.json,line=1,col=3,title=kasm\(lint-config\)::/);
    assert.match(config.out, /A \.kasm-lint\.json is not valid; nothing was checked\. Fix it, or set ignore-config: true\.\n$/);
  });
});
