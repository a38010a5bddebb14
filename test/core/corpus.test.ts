// Every real registry entry in test/fixtures/corpus: no false errors. The warnings it raises are real findings
// about real registries; they are printed here and listed in docs/corpus-findings.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findWorkspaceFiles } from '../../server/src/node/workspaceFiles';
import { CORPUS, service, textDocument } from '../helpers/core';

describe('the corpus of real registry entries', () => {
  const files = findWorkspaceFiles(CORPUS);

  it('holds the 171 entries of four registries, both schema versions', () => {
    assert.equal(files.length, 171);
    const versions = files.map((file) => service.schemaVersion(textDocument(fs.readFileSync(file, 'utf8'), file)).version);
    assert.equal(versions.filter((v) => v === '1.0').length, 84);
    assert.equal(versions.filter((v) => v === '1.1').length, 87);
  });

  it('raises no error on any entry', () => {
    const findings = new Map<string, number>();
    const errors: string[] = [];
    for (const file of files) {
      for (const d of service.validate(textDocument(fs.readFileSync(file, 'utf8'), file))) {
        const key = `${['', 'error', 'warning', 'info', 'hint'][d.severity ?? 1]} ${d.code}`;
        findings.set(key, (findings.get(key) ?? 0) + 1);
        if (d.severity === 1) errors.push(`${path.relative(CORPUS, file)}:${d.range.start.line + 1}: ${d.message}`);
      }
    }
    console.log(`corpus findings over ${files.length} entries:\n${[...findings].sort().map(([k, n]) => `  ${n.toString().padStart(4)} ${k}`).join('\n')}`);
    assert.deepEqual(errors, []);
  });

  it('finds the known real problems the format notes name', () => {
    const codesOf = (entry: string) => service.validate(textDocument(fs.readFileSync(path.join(CORPUS, entry, 'workspace.json'), 'utf8'),
      path.join(CORPUS, entry, 'workspace.json'))).map((d) => d.code);
    assert.ok(codesOf('kasm-official-registry@1.1/Discord').includes('tag-not-available'));
    assert.ok(codesOf('kasm-official-registry@1.1/Alpine 3.21').includes('tag-not-available'));
    assert.ok(codesOf('kasm-official-registry@1.1/Redroid').includes('too-many-categories'));
    assert.ok(codesOf('kasm_registry/Ubuntu-CS-Edition').includes('docker-registry-bogus'));
  });

  it('reads the icons the corpus carries and finds them well-sized', () => {
    const entry = path.join(CORPUS, 'workspaces_registry_template@1.0/Chromium/workspace.json');
    const codes = service.validate(textDocument(fs.readFileSync(entry, 'utf8'), entry)).map((d) => d.code);
    assert.deepEqual(codes.filter((c) => c.startsWith('icon')), []);
  });
});
