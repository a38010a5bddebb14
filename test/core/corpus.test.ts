// Every real registry entry in test/fixtures/corpus (and each schema-1.1 one in its schema-1.0 form): no false errors.
// The warnings it raises are real findings about real registries; they are printed here and listed in
// docs/corpus-findings.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { service, textDocument } from '../helpers/core';
import { CORPUS, corpusEntries } from '../helpers/corpus';

describe('the corpus of real registry entries', () => {
  const entries = corpusEntries();
  const versionOf = ({ text, file }: { text: string; file: string }) => service.schemaVersion(textDocument(text, file)).version;

  it('holds entries of both schema versions', () => {
    const counts = { '1.0': 0, '1.1': 0 };
    for (const entry of entries) counts[versionOf(entry)] += 1;
    console.log(`corpus: ${entries.filter((e) => !e.derived).length} real entries in ${CORPUS}; schema 1.0: ${counts['1.0']}, schema 1.1: ${counts['1.1']} (derived ones included)`);
    assert.ok(counts['1.0'] > 0 && counts['1.1'] > 0, JSON.stringify(counts));
  });

  it('raises no error on any entry', () => {
    const findings = new Map<string, number>();
    const errors: string[] = [];
    for (const { file, text, label } of entries) {
      for (const d of service.validate(textDocument(text, file))) {
        const key = `${['', 'error', 'warning', 'info', 'hint'][d.severity ?? 1]} ${d.code}`;
        findings.set(key, (findings.get(key) ?? 0) + 1);
        if (d.severity === 1) errors.push(`${label}:${d.range.start.line + 1}: ${d.message}`);
      }
    }
    console.log(`corpus findings over ${entries.length} entries:\n${[...findings].sort().map(([k, n]) => `  ${n.toString().padStart(4)} ${k}`).join('\n')}`);
    assert.deepEqual(errors, []);
  });

  it('finds the known real problems the format notes name', () => {
    const codesOf = (entry: string) => service.validate(textDocument(fs.readFileSync(path.join(CORPUS, entry, 'workspace.json'), 'utf8'),
      path.join(CORPUS, entry, 'workspace.json'))).map((d) => d.code);
    assert.ok(codesOf('kasm-official-registry@1.1/Discord').includes('tag-not-available'));
    assert.ok(codesOf('kasm-official-registry@1.1/Alpine 3.21').includes('tag-not-available'));
    assert.ok(codesOf('kasm-official-registry@1.1/Redroid').includes('too-many-categories'));
  });
});
