// Completion with a `|` cursor in inline documents: what is offered, and the text after applying an item.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, InsertTextFormat } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { RegistrySchemaSetting } from '../../server/src/service/schemaVersion';
import { workspaceSpec } from '../../server/src/service/kasm/knowledge';
import { entryFolder, marked, service, squareIcon, textDocument } from '../helpers/core';

function complete(text: string, options: { file?: string; schema?: RegistrySchemaSetting } = {}) {
  const { doc, cursor } = marked(text, options.file);
  const list = service.complete(doc, doc.positionAt(cursor), { registrySchema: options.schema ?? 'auto' });
  const labels = list.items.map((i) => i.label);
  /** The document text after accepting the item with this label (snippet placeholders resolved to their defaults). */
  const apply = (label: string) => {
    const item = list.items.find((i) => i.label === label);
    assert.ok(item, `no item "${label}" among ${JSON.stringify(labels)}`);
    return applyEdit(doc, item);
  };
  return { labels, items: list.items, apply };
}

function applyEdit(doc: TextDocument, item: CompletionItem): string {
  const edit = item.textEdit;
  assert.ok(edit && 'range' in edit);
  const plain = item.insertTextFormat === InsertTextFormat.Snippet
    ? edit.newText.replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{?\d+\}?/g, '')
    : edit.newText;
  return TextDocument.applyEdits(doc, [{ range: edit.range, newText: plain }, ...(item.additionalTextEdits ?? [])]);
}

describe('completion', () => {
  it('offers the keys not yet present, required ones first, and inserts key, value and comma', () => {
    const { labels, apply, items } = complete('{\n  |\n  "description": "x"\n}');
    assert.ok(!labels.includes('description'));
    assert.ok(labels.includes('friendly_name') && labels.includes('memory') && labels.includes('launch_config'));
    const required = items.filter((i) => i.detail?.includes('required')).map((i) => i.label);
    assert.deepEqual(labels.slice(0, required.length).sort(), [...required].sort());
    assert.equal(apply('memory'), '{\n  "memory": 2768,\n  "description": "x"\n}');
  });

  it('completes a half-typed key in place, without a comma at the end of the object', () => {
    assert.equal(complete('{ "description": "x", "cpu_al|" }').apply('cpu_allocation_method'),
      '{ "description": "x", "cpu_allocation_method": "Inherit" }');
  });

  it('replaces a key typed without quotes and filters by it (#18.4)', () => {
    const { items, apply } = complete('{\n  "description": "x",\n  cor|\n}');
    assert.equal(items.find((i) => i.label === 'cores')?.filterText, 'cores', 'the filter text matches the bare word');
    assert.equal(apply('cores'), '{\n  "description": "x",\n  "cores": 2\n}');
    assert.equal(complete('{\n  "cor|"\n}').items.find((i) => i.label === 'cores')?.filterText, '"cores"', 'or the quoted one');
  });

  it('offers keys after the last property before its comma, and adds the comma (#18.5)', () => {
    const bare = complete('{\n  "require_gpu": true\n  run_c|\n}');
    assert.ok(!bare.labels.includes('true'), `no values of require_gpu: ${bare.labels.join(', ')}`);
    assert.match(bare.apply('run_config'), /^{\n {2}"require_gpu": true,\n {2}"run_config": {\n/);
    const quoted = complete('{\n  "require_gpu": true\n  "gpu|\n}');
    // Beside require_gpu true, 1: a 0 would be a gpu-contradiction (#29.6).
    assert.equal(quoted.apply('gpu_count'), '{\n  "require_gpu": true,\n  "gpu_count": 1\n}');
    const nested = complete('{\n  "run_config": { "hostname": "x" }\n  |\n}');
    assert.ok(nested.labels.includes('memory') && !nested.labels.includes('run_config'), nested.labels.join(', '));
    assert.deepEqual(complete('{ "architecture": ["amd64" |] }').labels, ['arm64'], 'in an array, values as before');
  });

  it('does not offer a Kasm version another compatibility object already gives', () => {
    const { labels } = complete('{ "compatibility": [{ "version": "1.18.x", "image": "a/b:1" }, { "version": "|" }] }');
    assert.ok(labels.includes('1.19.x') && !labels.includes('1.18.x'), labels.join(', '));
  });

  it('offers only the keys of the schema version in force', () => {
    assert.ok(complete('{ "compatibility": ["1.15.x"], | }').labels.includes('name'));
    assert.ok(!complete('{ "compatibility": [{ "version": "1.18.x" }], | }').labels.includes('name'));
  });

  it('offers the architectures not yet listed', () => {
    const { labels, apply } = complete('{ "architecture": ["amd64", |] }');
    assert.deepEqual(labels, ['arm64']);
    assert.equal(apply('arm64'), '{ "architecture": ["amd64", "arm64"] }');
  });

  it('offers the categories not yet used, with descriptions, and adds a comma before the next item', () => {
    const { labels, items, apply } = complete('{ "categories": [| "Desktop"] }');
    assert.ok(labels.includes('Development') && !labels.includes('Desktop'));
    assert.match(JSON.stringify(items.find((i) => i.label === 'Games')?.documentation), /Preset category/);
    assert.equal(apply('Office'), '{ "categories": ["Office", "Desktop"] }');
  });

  it('offers Kasm versions newest first for the file\'s schema: 1.0 strings', () => {
    const { labels } = complete('{ "compatibility": ["1.15.x", |] }');
    assert.deepEqual(labels.slice(0, 2), ['1.14.x', '1.13.x']);
    assert.ok(!labels.includes('1.18.x'));
    // Kasm 1.13–1.15 never match an exact version in a 1.0 entry (kasm-format.md §10.9).
    assert.deepEqual(labels.filter((l) => /^\d+\.\d+\.\d+$/.test(l)), []);
  });

  it('offers Kasm versions for a 1.1 entry, newest first', () => {
    const { labels } = complete('{ "compatibility": [{ "version": "|" }] }');
    assert.deepEqual(labels.slice(0, 4), ['1.19.x', '1.18.x', '1.17.x', '1.16.x']);
    assert.ok(labels.includes('1.17.0'));
  });

  it('offers the value being edited too, so that Ctrl+Space inside "Desk|top" suggests Desktop (#29.7)', () => {
    const { labels, apply } = complete('{ "categories": ["Office", "Desk|top"] }');
    assert.ok(labels.includes('Desktop') && !labels.includes('Office'), labels.join());
    assert.equal(apply('Desktop'), '{ "categories": ["Office", "Desktop"] }');
  });

  it('offers whole compatibility entries for the versions not yet present', () => {
    const { labels, apply } = complete('{ "compatibility": [{ "version": "1.19.x" }, |] }');
    assert.equal(labels[0], '{ "version": "1.18.x", … }');
    assert.match(apply(labels[0]), /\{\n\t"version": "1.18.x",\n\t"image": "repository\/image:1.18.0",\n\t"uncompressed_size_mb": 2460\n\}/);
  });

  it('gives a new compatibility entry the entry\'s own image, moved to the release, and its size: nothing the rules report (#29.6)', () => {
    const own = '{ "version": "1.18.x", "image": "kasmweb/chrome:1.18.0-rolling-daily", "uncompressed_size_mb": 3000 }';
    const { labels, apply } = complete(`{ "compatibility": [${own}, |] }`);
    assert.equal(labels[0], '{ "version": "1.19.x", … }');
    const text = apply(labels[0]);
    assert.match(text, /"version": "1.19.x",\n\t"image": "kasmweb\/chrome:1.19.0-rolling-daily",\n\t"uncompressed_size_mb": 3000\n/);
    const codes = (t: string) => service.validate(textDocument(t)).map((d) => d.code).filter((c) => c !== 'missing-required');
    assert.deepEqual(codes(text), codes(`{ "compatibility": [${own}] }`), 'the completed entry has no problem the entry did not have');
  });

  it('offers cpu_allocation_method and image_type values, and booleans', () => {
    assert.deepEqual(complete('{ "cpu_allocation_method": | }').labels, ['Inherit', 'Quotas', 'Shares']);
    assert.equal(complete('{ "image_type": "|" }').apply('Container'), '{ "image_type": "Container" }');
    assert.deepEqual(complete('{ "require_gpu": | }').labels, ['true', 'false']);
  });

  it('offers the icon files found in the entry\'s folder for image_src', () => {
    const file = entryFolder({ 'chromium.png': squareIcon(), 'logo.svg': '<svg/>', 'notes.txt': 'x' });
    const { labels } = complete('{ "image_src": "|" }', { file });
    assert.deepEqual(labels, ['chromium.png', 'logo.svg']);
  });

  it('offers the keys of run_config, exec_config hooks and hook settings', () => {
    assert.ok(complete('{ "run_config": { | } }').labels.includes('security_opt'));
    assert.deepEqual(complete('{ "exec_config": { "go": {}, | } }').labels, ['first_launch', 'assign']);
    assert.ok(complete('{ "exec_config": { "go": { | } } }').labels.includes('cmd'));
    assert.ok(complete('{ "launch_config": { "launch_form": [ { | } ] } }').labels.includes('input_type'));
  });

  it('offers a launch form field with its required keys inside launch_form, and no object skeletons where they do not fit', () => {
    const { labels, apply } = complete('{ "launch_config": { "launch_form": [ | ] } }');
    assert.deepEqual(labels, ['{ "key", "label", … }']);
    const field = JSON.parse(apply(labels[0]).replace(/\$\{\d+:?([^}]*)\}|\$\d+/g, '$1')) as { launch_config: { launch_form: Record<string, unknown>[] } };
    for (const key of ['key', 'label', 'input_type']) assert.ok(key in field.launch_config.launch_form[0], key);
    assert.deepEqual(complete('{ "architecture": [ | ] }').labels, ['amd64', 'arm64']);
  });

  it('offers a full skeleton per schema version in an empty file, the newest first, that validates clean but for the icon', () => {
    const { labels, apply } = complete('|');
    assert.deepEqual(labels, ['Kasm workspace (registry schema 1.1)', 'Kasm workspace (registry schema 1.0)']);
    for (const label of labels) {
      const text = apply(label);
      const doc = TextDocument.create('file:///nonexistent/New/workspace.json', 'json', 1, text);
      const problems = service.validate(doc).filter((d) => !['icon-missing', 'size-zero'].includes(d.code));
      assert.deepEqual(problems.map((d) => `${d.code}: ${d.message}`), [], text);
    }
  });

  it('inserts plain text for clients without snippet support', () => {
    const plain = createLanguageService({ fileSystem: nodeFileSystem, snippetSupport: false });
    const { doc, cursor } = marked('{ | }');
    const item = plain.complete(doc, doc.positionAt(cursor)).items.find((i) => i.label === 'architecture');
    assert.equal(item?.insertTextFormat, InsertTextFormat.PlainText);
    assert.equal(item?.textEdit && 'range' in item.textEdit ? item.textEdit.newText : '', '"architecture": [\n  "amd64"\n]');
  });

  it('answers inside broken JSON without throwing', () => {
    assert.ok(complete('{ "architecture": [|, "friendly_name": ').labels.includes('amd64'));
  });
});

describe('completion of a key that already has a value', () => {
  it('replaces only the key', () => {
    assert.equal(complete('{ "friendly|": "My Desktop" }').apply('friendly_name'), '{ "friendly_name": "My Desktop" }');
  });
});

describe('completion of keys, described from the Kasm knowledge', () => {
  it('gives each key not yet present its docs and default, required ones first, then in schema order', () => {
    for (const schema of ['1.1', '1.0'] as const) {
      // A 1.0 entry is told by its compatibility strings, which are then present.
      const text = schema === '1.1' ? '{\n  \n}' : '{\n  "compatibility": ["1.15.x"],\n  \n}';
      const items = service.complete(textDocument(text), { line: schema === '1.1' ? 1 : 2, character: 2 }).items;
      const offered = (workspaceSpec(schema).properties ?? []).filter((p) => schema === '1.1' || p.key !== 'compatibility');
      const shown = items.map((i) => ({
        label: i.label, sortText: i.sortText, docs: (i.documentation as { value: string }).value, required: i.detail?.endsWith(' (required)'),
      }));
      assert.deepEqual(shown,
        offered.map((p, index) => ({
          label: p.key, sortText: `${p.required ? 0 : 1}${String(index).padStart(3, '0')}`,
          docs: [p.description, ...(p.default !== undefined ? [`Default: \`${p.default}\``] : []), `[Documentation](${p.docs})`].join('\n\n'),
          required: p.required !== undefined,
        })), schema);
    }
  });

  it('names each kind of type the way a reader of the README does', () => {
    const details = Object.fromEntries(service.complete(textDocument('{\n  \n}'), { line: 1, character: 2 }).items.map((i) => [i.label, i.detail]));
    const keys = ['friendly_name', 'description', 'architecture', 'compatibility', 'launch_config', 'gpu_graphics_acceleration', 'session_time_limit', 'run_config'];
    assert.deepEqual(keys.map((key) => details[key]), [
      'string (required)', 'string | null (required)', 'string[] (required)', 'object[] (required)',
      '{ "file_mapping", "launch_form" }', 'boolean | string | null', 'integer | null', 'object',
    ]);
  });
});
