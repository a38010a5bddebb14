// Quick fixes, fix-all and the schema conversion: the document before and after, and that the result
// validates with fewer problems while the rest of the text stays as the author wrote it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { RegistrySchemaSetting } from '../../server/src/service/schemaVersion';
import { VALID_1_0, entryFolder, service, squareIcon, textDocument } from '../helpers/core';
import { corpusEntries } from '../helpers/corpus';

const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

/** A diagnostic of the registry-wide checks, as the editor sends it back in a code action request. */
const REGISTRY_MISMATCH: Diagnostic = {
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'schema', source: 'kasm',
  code: 'registry-schema-mismatch', data: { path: ['compatibility'] },
};

interface ActionOptions { file?: string; schema?: RegistrySchemaSetting; only?: string[]; diagnostics?: Diagnostic[]; invoked?: boolean }

function actions(text: string, options: ActionOptions = {}) {
  const doc = textDocument(text, options.file);
  const settings = { registrySchema: options.schema ?? 'auto' };
  const { only, diagnostics, invoked } = options;
  const list = service.codeActions(doc, WHOLE, { only, diagnostics, invoked }, settings);
  const apply = (action: CodeAction) => TextDocument.applyEdits(doc, action.edit?.changes?.[doc.uri] ?? []);
  // Hints are review reminders (what Kasm asks the admin to look at), not problems a fix removes.
  const problems = (t: string) => service.validate(textDocument(t, options.file), settings).filter((d) => d.severity !== 4).length;
  return { list, titles: list.map((a) => a.title), apply, problems, doc };
}

/** Applies the action with this title; checks the result has fewer problems; returns the new text. */
function fix(text: string, title: string, options: Parameters<typeof actions>[1] = {}): string {
  const { list, titles, apply, problems } = actions(text, options);
  const action = list.find((a) => a.title === title);
  assert.ok(action, `no action "${title}" among ${JSON.stringify(titles)}`);
  const after = apply(action);
  assert.ok(problems(after) < problems(text), `"${title}" leaves ${problems(after)} problems, had ${problems(text)}:\n${after}`);
  return after;
}

describe('quick fixes', () => {
  it('fix what §12 found broken: a string boolean, a hostless image with another login registry, a fixed host port', () => {
    assert.equal(fix('{ "run_config": { "privileged": "true" } }', 'Change to true'), '{ "run_config": { "privileged": true } }');
    assert.equal(fix('{ "docker_registry": "https://ghcr.io/", "compatibility": [{ "version": "1.18.x", "image": "acme/x:1", "uncompressed_size_mb": 1000 }] }', 'Change to "ghcr.io/acme/x:1"'),
      '{ "docker_registry": "https://ghcr.io/", "compatibility": [{ "version": "1.18.x", "image": "ghcr.io/acme/x:1", "uncompressed_size_mb": 1000 }] }');
    assert.equal(fix('{ "run_config": { "ports": { "8080/tcp": 8080 } } }', 'Change to null (Docker chooses a free port)'), '{ "run_config": { "ports": { "8080/tcp": null } } }');
  });

  it('are built from the diagnostics the editor sends back, with their data; without usable data, from a fresh check', () => {
    const text = '{ "architecture": ["AMD64"] }';
    const [shown] = service.validate(textDocument(text)).filter((d) => d.code === 'unknown-value');
    assert.ok(shown, 'the value is reported');
    // The editor's copy says "arm64": the fix follows what the editor shows, not a new check.
    const edited = { ...shown, data: { ...shown.data, suggestions: ['arm64'] } };
    assert.ok(actions(text, { diagnostics: [edited] }).titles.includes('Change to "arm64"'));
    assert.deepEqual(actions(text, { diagnostics: [] }).titles, [], 'nothing shown in the range, nothing offered');
    const stripped = { ...shown, data: undefined };
    assert.ok(actions(text, { diagnostics: [stripped] }).titles.includes('Change to "amd64"'), 'an editor that drops data still gets fixes');
    const hostile = { ...shown, data: { path: [{}], suggestions: [{}] } };
    assert.ok(actions(text, { diagnostics: [hostile] }).titles.includes('Change to "amd64"'), 'malformed data is not trusted');
  });

  it('replaces a value with the nearest allowed one', () => {
    assert.equal(fix('{ "architecture": ["AMD64"] }', 'Change to "amd64"'), '{ "architecture": ["amd64"] }');
    assert.equal(fix('{\n  "cpu_allocation_method": "inherit"\n}', 'Change to "Inherit"'), '{\n  "cpu_allocation_method": "Inherit"\n}');
    assert.equal(fix('{ "categories": ["Developement"] }', 'Change to "Development"'), '{ "categories": ["Development"] }');
    assert.equal(fix('{ "image_type": "Containr" }', 'Change to "Container"'), '{ "image_type": "Container" }');
  });

  it('renames a misspelled key, keeping its value and layout', () => {
    assert.equal(fix('{\n    "compatability": [\n        "1.14.x"\n    ]\n}', 'Rename "compatability" to "compatibility"', { schema: '1.0' }),
      '{\n    "compatibility": [\n        "1.14.x"\n    ]\n}');
    assert.equal(fix('{ "friendlyname": "X" }', 'Rename "friendlyname" to "friendly_name"'), '{ "friendly_name": "X" }');
  });

  it('fixes what Kasm 1.15 and docker-py reject (kasm-format.md §10)', () => {
    assert.equal(fix('{ "run_config": { "workdir": "/tmp" } }', 'Rename "workdir" to "working_dir"'), '{ "run_config": { "working_dir": "/tmp" } }');
    assert.equal(fix('{ "run_config": { "security_opts": [] } }', 'Rename "security_opts" to "security_opt"'), '{ "run_config": { "security_opt": [] } }');
    assert.equal(fix('{ "compatibility": ["1.15.0"] }', 'Change to "1.15.x"', { schema: '1.0' }), '{ "compatibility": ["1.15.x"] }');
    assert.deepEqual(JSON.parse(fix('{ "run_config": { "environment": ["A=1", "B=x=y"] } }', 'Write environment as an object { "NAME": "value" }')),
      { run_config: { environment: { A: '1', B: 'x=y' } } });
    assert.equal(fix('{ "run_config": { "shm_size": "1GiB" } }', 'Change to "1g"'), '{ "run_config": { "shm_size": "1g" } }');
    assert.equal(fix('{ "docker_registry": "https://hub.docker.com/r/a/b" }', 'Change to "https://index.docker.io/v1/"'), '{ "docker_registry": "https://index.docker.io/v1/" }');
    // Fix-all takes the ones that cannot change what the author meant.
    const all = actions('{ "compatibility": ["1.15.0"], "run_config": { "environment": ["A=1"] } }', { schema: '1.0', only: ['source.fixAll.kasm'] });
    assert.deepEqual(JSON.parse(all.apply(all.list[0])), { compatibility: ['1.15.x'], run_config: { environment: { A: '1' } } });
  });

  it('answers a request without a kind (the light bulb, on every cursor move) with quick fixes only', () => {
    const text = '{ "architecture": ["AMD64"], "compatibility": ["1.15.x"], "name": "a/b:1" }';
    assert.deepEqual([...new Set(actions(text).list.map((a) => a.kind))], ['quickfix']);
    const source = actions(text, { only: ['source'] }).list.map((a) => a.kind).sort();
    assert.deepEqual(source, ['source.fixAll.kasm', 'source.kasm.convertSchema']);
  });

  it('offers to remove an unknown value beside known ones, never in fix-all; alone it is only changed (#29.7)', () => {
    const { titles } = actions('{ "architecture": ["amd64", "i386"] }');
    assert.ok(titles.includes('Remove "i386"'), titles.join(', '));
    assert.equal(fix('{ "architecture": ["amd64", "i386"] }', 'Remove "i386"'), '{ "architecture": ["amd64"] }');
    assert.equal(fix('{ "architecture": ["i386", "amd64"] }', 'Remove "i386"'), '{ "architecture": ["amd64"] }');
    assert.ok(!actions('{ "architecture": ["i386"] }').titles.some((t) => t.startsWith('Remove')), 'the only one: nothing left to offer the entry');
    const all = actions('{ "architecture": ["amd64", "i386"] }', { only: ['source.fixAll.kasm'] });
    assert.ok(!all.list.length || JSON.parse(all.apply(all.list[0])).architecture.includes('i386'), 'fix-all leaves it');
  });

  it('never offers a value the array already lists, and removes a duplicate, also in fix-all (#18.6)', () => {
    const { titles } = actions('{ "architecture": ["amd64", "x86"] }');
    assert.ok(!titles.includes('Change to "amd64"') && !titles.includes('Change to "arm64"'), titles.join(', '));
    assert.equal(fix('{ "architecture": ["amd64", "x86"] }', 'Remove the duplicate'), '{ "architecture": ["amd64"] }', 'x86 is another name for amd64');
    assert.equal(fix('{ "architecture": ["x86_64"] }', 'Change to "amd64"'), '{ "architecture": ["amd64"] }');
    assert.equal(fix('{ "architecture": ["amd64", "amd64"] }', 'Remove the duplicate'), '{ "architecture": ["amd64"] }');
    const all = actions('{ "categories": ["Desktop", "Office", "Desktop", "Office"] }', { only: ['source.fixAll.kasm'] });
    assert.deepEqual(JSON.parse(all.apply(all.list[0])), { categories: ['Desktop', 'Office'] });
  });

  it('offers the newest Kasm line of that major for an unknown version, and both ways out of a GPU contradiction (#18)', () => {
    assert.equal(fix('{ "compatibility": [{ "version": "1.21.x", "image": "a/b:1", "uncompressed_size_mb": 5 }] }', 'Change to "1.19.x"'),
      '{ "compatibility": [{ "version": "1.19.x", "image": "a/b:1", "uncompressed_size_mb": 5 }] }');
    assert.equal(fix('{ "require_gpu": true }', 'Set gpu_count to 1'), '{ "require_gpu": true, "gpu_count": 1 }');
    assert.equal(fix('{ "require_gpu": true, "gpu_count": 0 }', 'Set require_gpu to false'), '{ "require_gpu": false, "gpu_count": 0 }');
  });

  it('offers to create a placeholder icon only to a client that runs the extension\'s commands', () => {
    const doc = textDocument('{ "image_src": "made.png" }', entryFolder());
    const withCommands = createLanguageService({ fileSystem: nodeFileSystem, extensionCommands: true }).codeActions(doc, WHOLE);
    const create = withCommands.find((a) => a.title === 'Create a placeholder icon "made.png"');
    assert.deepEqual(create?.command?.arguments, [doc.uri, 'made.png']);
    assert.ok(!service.codeActions(doc, WHOLE).some((a) => a.command), 'no command for other editors');
  });

  it('removes keys Kasm ignores, with their commas', () => {
    assert.equal(fix('{\n  "sha": "abc",\n  "cores": 2\n}', 'Remove "sha" (Kasm ignores it)'), '{\n  "cores": 2\n}');
    assert.equal(fix('{\n  "cores": 2,\n  "sha": "abc"\n}', 'Remove "sha" (Kasm ignores it)'), '{\n  "cores": 2\n}');
    const in11 = '{\n  "name": "a/b:1",\n  "compatibility": [{ "version": "1.18.x", "image": "a/b:1", "uncompressed_size_mb": 1 }]\n}';
    assert.equal(fix(in11, 'Remove "name" (Kasm ignores it)'), '{\n  "compatibility": [{ "version": "1.18.x", "image": "a/b:1", "uncompressed_size_mb": 1 }]\n}');
    assert.equal(fix('{ "cores": 1, "memory": 2768, "cores": 2 }', 'Remove this "cores" (JSON.parse ignores it)'), '{ "memory": 2768, "cores": 2 }');
  });

  it('fixes each copy of a repeated key where its diagnostic is, and fix-all fixes them all', () => {
    const text = '{ "cores": 1, "cores": 2, "memory": 2768, "cores": 3 }';
    const { list, apply } = actions(text, { only: ['quickfix'] });
    const removals = list.filter((a) => a.title === 'Remove this "cores" (JSON.parse ignores it)');
    assert.deepEqual(removals.map((a) => a.diagnostics?.[0]?.range.start.character), [2, 14]);
    assert.deepEqual(removals.map(apply), ['{ "cores": 2, "memory": 2768, "cores": 3 }', '{ "cores": 1, "memory": 2768, "cores": 3 }']);
    const fixAll = actions(text, { only: ['source.fixAll.kasm'] });
    assert.equal(fixAll.apply(fixAll.list[0]), '{ "memory": 2768, "cores": 3 }');
    const renames = actions('{ "compatability": ["1.15.x"], "compatability": ["1.14.x"] }', { schema: '1.0', only: ['quickfix'] }).list
      .filter((a) => a.title === 'Rename "compatability" to "compatibility"');
    assert.deepEqual(renames.map((a) => a.edit?.changes && Object.values(a.edit.changes)[0][0].range.start.character), [2, 31]);
  });

  it('adds a missing required field, or all of them, with sensible values', () => {
    const file = entryFolder({ 'desktop.png': squareIcon() }, 'Course Desktop');
    assert.equal(fix('{\n  "friendly_name": "Course Desktop"\n}', 'Add "description"', { file }),
      '{\n  "friendly_name": "Course Desktop",\n  "description": "Course Desktop workspace."\n}');
    const all = fix('{\n  "friendly_name": "Course Desktop"\n}', 'Add the 4 missing required fields', { file });
    assert.deepEqual(JSON.parse(all), {
      friendly_name: 'Course Desktop', description: 'Course Desktop workspace.', image_src: 'desktop.png', architecture: ['amd64'],
      compatibility: [{ version: '1.19.x', image: 'repository/image:tag', uncompressed_size_mb: 0 }],
    });
    assert.match(all, /^\{\n {2}"friendly_name": "Course Desktop",\n {2}"description"/);
    assert.equal(fix('{ "exec_config": { "go": { "user": "root" } } }', 'Add "cmd"'), `{ "exec_config": { "go": { "user": "root", "cmd": "bash -c 'echo replace me'" } } }`);
  });

  it('adds missing fields of either schema by their kind, the image from a 1.0 name, and "all" only for two or more', () => {
    const added = (text: string, title: string, schema?: RegistrySchemaSetting) => {
      const { list, apply } = actions(text, { schema, only: ['quickfix'] });
      const action = list.find((a) => a.title === title);
      assert.ok(action, `no "${title}" among ${JSON.stringify(list.map((a) => a.title))}`);
      return { value: JSON.parse(apply(action)) as Record<string, unknown>, preferred: action.isPreferred === true };
    };
    // Schema 1.0, in a folder named Example: the name to be written, a size of 0 (not measured), the newest 1.0 version.
    assert.deepEqual(added('{ "compatibility": ["1.15.x"] }', 'Add the 6 missing required fields', '1.0'), { preferred: false, value: {
      compatibility: ['1.15.x'], friendly_name: 'Example', description: 'Example workspace.', image_src: 'icon.png', architecture: ['amd64'],
      name: 'repository/image:tag', uncompressed_size_mb: 0,
    } });
    assert.deepEqual(added('{ "name": "org/x:1" }', 'Add "compatibility"', '1.0'), { preferred: true, value: { name: 'org/x:1', compatibility: ['1.15.x'] } });
    // Schema 1.1 keeping a 1.0 name: the image comes from it.
    assert.deepEqual(added('{ "name": "org/x:1" }', 'Add "compatibility"', '1.1').value.compatibility,
      [{ version: '1.19.x', image: 'org/x:1', uncompressed_size_mb: 0 }]);
    assert.deepEqual(added('{ "name": "org/x:1", "compatibility": [{ "version": "1.18.x" }] }', 'Add "image"', '1.1').value.compatibility,
      [{ version: '1.18.x', image: 'org/x:1' }]);
    assert.deepEqual(added('{ "compatibility": [{ "image": "org/x:1" }] }', 'Add "version"', '1.1').value.compatibility,
      [{ image: 'org/x:1', version: '1.19.x' }]);
    // A launch form field: text empty, flags false, lists empty, an object empty.
    const form = added('{ "launch_config": { "launch_form": [{ "key": "a" }] } }', 'Add the 17 missing required fields').value.launch_config;
    assert.deepEqual(form, {
      launch_form: [{ key: 'a', label: '', value: '', allow_saving: false, required: false, placeholder: '', help: '', input_type: '', options: [],
        validator_regex: '', validator_regex_description: '', display_if: [] }],
      file_mapping: {},
    });
    const twoMissing = '{ "friendly_name": "F", "description": "d", "image_src": "i.png" }';
    assert.ok(actions(twoMissing, { only: ['quickfix'] }).titles.includes('Add the 2 missing required fields'));
    assert.ok(!actions(`${twoMissing.slice(0, -2)}, "architecture": ["amd64"] }`, { only: ['quickfix'] }).titles.some((t) => t.startsWith('Add the ')),
      'one missing field: its own fix is enough');
  });

  it('converts a GB-looking memory to MB, and coerces numbers written as text', () => {
    assert.equal(fix('{ "memory": 4 }', 'Change to 4000 MB (4 GB)'), '{ "memory": 4000 }');
    assert.equal(fix('{ "memory": "4096" }', 'Change to 4096'), '{ "memory": 4096 }');
  });

  it('points image_src at the icon that is in the folder', () => {
    const file = entryFolder({ 'chromium.png': squareIcon() });
    assert.equal(fix('{ "image_src": "chrome.png" }', 'Use the icon "chromium.png" found in this folder', { file }), '{ "image_src": "chromium.png" }');
  });

  it('adds the image\'s tag to available_tags', () => {
    const before = '{ "compatibility": [{ "version": "1.18.x", "image": "a/b:1.18.0", "uncompressed_size_mb": 1, "available_tags": ["develop"] }] }';
    assert.equal(fix(before, 'Add "1.18.0" to available_tags'),
      '{ "compatibility": [{ "version": "1.18.x", "image": "a/b:1.18.0", "uncompressed_size_mb": 1, "available_tags": ["develop", "1.18.0"] }] }');
  });

  it('fixes Docker registries and version strings', () => {
    assert.equal(fix('{ "docker_registry": "https://index.docker.io/v1.1/" }', 'Change to "https://index.docker.io/v1/"'), '{ "docker_registry": "https://index.docker.io/v1/" }');
    assert.equal(fix('{ "docker_registry": "https://ghcr.io" }', 'Change to "https://ghcr.io/"'), '{ "docker_registry": "https://ghcr.io/" }');
    assert.equal(fix('{ "compatibility": ["1.15"] }', 'Change to "1.15.x"', { schema: '1.0' }), '{ "compatibility": ["1.15.x"] }');
    assert.equal(fix('{ "name": "MyOrg/Desktop:1" }', 'Change to "myorg/desktop:1"'), '{ "name": "myorg/desktop:1" }');
  });

  it('offers fixes only for the problems in the requested range', () => {
    const doc = textDocument('{\n  "memory": 4,\n  "architecture": ["AMD64"]\n}');
    const titles = service.codeActions(doc, { start: { line: 1, character: 12 }, end: { line: 1, character: 12 } }, { only: ['quickfix'] }).map((a) => a.title);
    assert.deepEqual(titles, ['Change to 4000 MB (4 GB)']);
  });
});

describe('fix all (source.fixAll.kasm)', () => {
  it('applies every safe fix at once and leaves the rest of the text alone', () => {
    const before = `{
  "friendly_name": "Lab",
  "compatability": ["1.15"],
  "architecture": ["AMD64", "arm64"],
  "cpu_allocation_method": "quotas",
  "docker_registry": "https://index.docker.io/v1.1/",
  "memory": "2768",
  "cores": 2,
  "sha": "0123456789012345678901234567890123456789",
  "categories": ["Developement", "desktop"]
}`;
    const { list, apply } = actions(before, { schema: '1.0', only: ['source.fixAll.kasm'] });
    assert.deepEqual(list.map((a) => a.title), ['Fix all safe Kasm problems']);
    assert.equal(apply(list[0]), `{
  "friendly_name": "Lab",
  "compatibility": ["1.15.x"],
  "architecture": ["amd64", "arm64"],
  "cpu_allocation_method": "Quotas",
  "docker_registry": "https://index.docker.io/v1/",
  "memory": 2768,
  "cores": 2,
  "categories": ["Development", "Desktop"]
}`);
  });

  it('never renames two misspellings to one key, which would lose the first value', () => {
    const { list, apply } = actions('{ "compatability": ["1.15.x"], "compatibilty": ["1.14.x"] }', { schema: '1.0', only: ['source.fixAll.kasm'] });
    assert.equal(apply(list[0]), '{ "compatibility": ["1.15.x"], "compatibilty": ["1.14.x"] }');
  });

  it('shows among the quick fixes when the user asks (Ctrl+.), not on the light bulb\'s every cursor move', () => {
    const text = '{ "architecture": ["x86_64"], "categories": ["Developement"], "memory": 8 }';
    assert.ok(!actions(text).titles.includes('Fix all auto-fixable Kasm problems'));
    const { list, apply } = actions(text, { invoked: true });
    const all = list.find((a) => a.title === 'Fix all auto-fixable Kasm problems');
    assert.equal(all?.kind, 'quickfix');
    assert.deepEqual(JSON.parse(apply(all)), { architecture: ['amd64'], categories: ['Development'], memory: 8000 });
  });

    it('offers nothing when nothing is safe to fix', () => {
    assert.deepEqual(actions('{ "cores": 500 }', { only: ['source.fixAll.kasm'] }).list, []);
  });
});

describe('converting between registry schemas', () => {
  it('moves name and uncompressed_size_mb into compatibility entries, keeping key order and layout', () => {
    const { list, apply } = actions(VALID_1_0, { only: ['source.kasm.convertSchema'] });
    assert.deepEqual(list.map((a) => a.title), ['Convert entry to registry schema 1.1: compatibility 1.14.x, 1.15.x becomes 1.16.x, each with myorg/desktop:1.15.0; check the tag suits that Kasm version']);
    assert.equal(apply(list[0]), `{
  "friendly_name": "My Desktop",
  "description": "A desktop for the course.",
  "image_src": "icon.png",
  "architecture": ["amd64"],
  "compatibility": [
    {
      "version": "1.16.x",
      "image": "myorg/desktop:1.15.0",
      "uncompressed_size_mb": 4200
    }
  ],
  "cores": 2,
  "memory": 2768
}
`);
  });

  it('offers the way back only where the registry is schema 1.0', () => {
    const entry11 = '{ "friendly_name": "A", "compatibility": [{ "version": "1.18.x", "image": "a/b:1", "uncompressed_size_mb": 5 }] }';
    assert.deepEqual(actions(entry11, { only: ['source'] }).titles, []);
    const { list, apply } = actions(entry11, { only: ['source'], diagnostics: [REGISTRY_MISMATCH] });
    assert.deepEqual(list.map((a) => a.title), ['Convert entry to registry schema 1.0: compatibility becomes 1.13.x, 1.14.x, 1.15.x, with the image of 1.18.x (a/b:1); the other images are dropped']);
    assert.deepEqual(JSON.parse(apply(list[0])), { friendly_name: 'A', compatibility: ['1.13.x', '1.14.x', '1.15.x'], name: 'a/b:1', uncompressed_size_mb: 5 });
  });

  it('round-trips every schema 1.0 corpus entry without an error and keeps its image and size', () => {
    const entries10 = corpusEntries().filter(({ text, file }) => service.schemaVersion(textDocument(text, file)).version === '1.0');
    assert.ok(entries10.length > 0, 'the corpus has schema 1.0 entries');
    for (const { file, text, label } of entries10) {
      const original = JSON.parse(text);
      const to11 = actions(text, { file, only: ['source.kasm.convertSchema'] });
      const converted = to11.apply(to11.list[0]);
      const as11 = textDocument(converted, file);
      assert.equal(service.schemaVersion(as11).version, '1.1', label);
      assert.deepEqual(service.validate(as11).filter((d) => d.severity === 1).map((d) => d.message), [], label);
      const back = actions(converted, { file, only: ['source.kasm.convertSchema'], diagnostics: [REGISTRY_MISMATCH] });
      const restored = JSON.parse(back.apply(back.list[0]));
      assert.equal(restored.name, original.name);
      assert.equal(restored.uncompressed_size_mb, original.uncompressed_size_mb);
      assert.deepEqual(service.validate(textDocument(JSON.stringify(restored), file)).filter((d) => d.severity === 1), []);
    }
  });
});
