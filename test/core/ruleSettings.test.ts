// Rules a registry or a user configures (#18): a severity per code or "off", categories and Kasm versions they
// mean, in the editor's settings and in the registry's .kasm-lint.json; and the quick fix that adds a category there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { registryAt } from '../../server/src/registry/context';
import { RegistryIndex } from '../../server/src/registry/registryIndex';
import { findLintConfig, lintConfigFileFor } from '../../server/src/service/lintConfig';
import { createLanguageService } from '../../server/src/service/languageService';
import { DocumentSettings } from '../../server/src/service/settings';
import { service, textDocument } from '../helpers/core';

const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
const codes = (text: string, settings: Partial<DocumentSettings> = {}) =>
  service.validate(textDocument(text), { registrySchema: 'auto', ...settings }).map((d) => `${d.code}:${d.severity}`);

describe('rules a registry or a user configures', () => {
  it('sets a severity per code, or turns a rule off', () => {
    const text = '{ "compatibility": [{ "version": "1.18.x", "image": "a/b:1", "uncompressed_size_mb": 0 }] }';
    assert.ok(codes(text).includes('size-zero:2'));
    assert.ok(codes(text, { rules: { 'size-zero': 'error' } }).includes('size-zero:1'));
    assert.ok(!codes(text, { rules: { 'size-zero': 'off' } }).some((c) => c.startsWith('size-zero')));
  });

  it('takes the categories and Kasm versions the registry means as known', () => {
    const category = '{ "categories": ["Developement"] }';
    assert.ok(codes(category).some((c) => c.startsWith('category-near-miss')));
    assert.ok(!codes(category, { categories: ['Developement'] }).some((c) => c.startsWith('category-near-miss')));
    const version = '{ "compatibility": [{ "version": "1.21.x", "image": "a/b:1", "uncompressed_size_mb": 1 }] }';
    assert.ok(codes(version).some((c) => c.startsWith('version-unknown')));
    assert.ok(!codes(version, { versions: ['1.21.x'] }).some((c) => c.startsWith('version-')));
    const next = '{ "compatibility": [{ "version": "1.20.x", "image": "a/b:1", "uncompressed_size_mb": 1 }] }';
    assert.ok(!codes(next, { versions: ['1.20.x'] }).some((c) => c.startsWith('version-')), 'released, as the registry says');
  });

  it('applies severities to the cross-entry rules too', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-rules-'));
    const entry = JSON.stringify({ friendly_name: 'Same', description: 'x', image_src: 'i.png', architecture: ['amd64'], compatibility: [{ version: '1.18.x', image: 'a/b:1', uncompressed_size_mb: 1 }] });
    const index = new RegistryIndex(service, registryAt(root, nodeFileSystem), () => ({ registrySchema: 'auto', rules: { 'duplicate-name': 'off' } }));
    for (const name of ['A', 'B']) index.update(path.join(root, 'workspaces', name, 'workspace.json'), entry);
    const all = [...index.diagnostics().values()].flatMap(({ crossEntry }) => crossEntry).map((d) => d.code);
    assert.ok(!all.includes('duplicate-name'), all.join(', '));
  });

  it('finds the registry\'s .kasm-lint.json from an entry\'s folder upward, and knows where a new one belongs', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-rules-'));
    const entryFolder = path.join(root, 'workspaces', 'Lab');
    fs.mkdirSync(entryFolder, { recursive: true });
    const entry = path.join(entryFolder, 'workspace.json');
    assert.equal(findLintConfig(nodeFileSystem, entryFolder), undefined);
    assert.equal(lintConfigFileFor(nodeFileSystem, entry), path.join(root, '.kasm-lint.json'));
    // Comments are fine (jsonc); a file with anything of the wrong shape is ignored whole, and says why (#27.2).
    fs.writeFileSync(path.join(root, '.kasm-lint.json'), '{ // ours\n "rules": { "size-zero": "off", "memory-in-gb": "loud" }, "categories": ["Robotics", 3] }');
    const invalid = findLintConfig(nodeFileSystem, entryFolder);
    assert.deepEqual(invalid?.settings, {});
    assert.deepEqual(invalid?.problems.map((p) => p.message), ['The severity of "memory-in-gb" must be one of "error", "warning", "info", "hint", "off".', '"categories" holds strings only.']);
    fs.writeFileSync(path.join(root, '.kasm-lint.json'), '{ // ours\n "rules": { "size-zero": "off" }, "categories": ["Robotics"] }');
    assert.deepEqual(findLintConfig(nodeFileSystem, entryFolder)?.settings, { rules: { 'size-zero': 'off' }, categories: ['Robotics'], versions: undefined, agent: undefined });
  });

  it('adds a category it calls a misspelling to the registry\'s .kasm-lint.json: creating it, then appending', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-rules-'));
    const file = path.join(root, 'workspaces', 'Lab', 'workspace.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const withEdits = createLanguageService({ fileSystem: nodeFileSystem, fileEdits: true });
    const title = (category: string) => `Add "${category}" to the registry's categories (.kasm-lint.json)`;
    const fixFor = (category: string) => {
      const doc = textDocument(`{ "categories": ["${category}"] }`, file);
      return withEdits.codeActions(doc, WHOLE).find((a) => a.title === title(category));
    };
    const created = fixFor('Developement');
    assert.ok(created?.edit?.documentChanges, 'offered');
    assert.deepEqual(created.edit.documentChanges[0], { kind: 'create', uri: TextDocument.create(`file://${root}/.kasm-lint.json`, 'json', 0, '').uri, options: { ignoreIfExists: true } });
    const insert = ((created.edit.documentChanges[1] as TextDocumentEdit).edits[0] as TextEdit).newText;
    fs.writeFileSync(path.join(root, '.kasm-lint.json'), insert);
    assert.deepEqual(findLintConfig(nodeFileSystem, path.dirname(file))?.settings.categories, ['Developement']);
    // Now it edits the file that is there.
    const appended = fixFor('Productivty');
    const edits = (appended?.edit?.documentChanges?.[0] as TextDocumentEdit).edits as TextEdit[];
    fs.writeFileSync(path.join(root, '.kasm-lint.json'), TextDocument.applyEdits(TextDocument.create('x', 'json', 0, insert), edits));
    assert.deepEqual(findLintConfig(nodeFileSystem, path.dirname(file))?.settings.categories, ['Developement', 'Productivty']);
    // An editor that cannot create files through an edit is not offered it.
    assert.ok(!service.codeActions(textDocument('{ "categories": ["Developement"] }', file), WHOLE).some((a) => a.title === title('Developement')));
  });
});
