import * as fs from 'node:fs';
import * as path from 'node:path';
import { findWorkspaceFiles } from '../../server/src/node/workspaceFiles';
import { REPO_ROOT } from './core';

/**
 * The corpus of real registry entries (test/fixtures/corpus/SOURCES.md says where each comes from). `KASM_CORPUS`
 * points the tests at a fuller copy kept outside the repository, e.g. one with the unlicensed registries.
 */
export const CORPUS = process.env.KASM_CORPUS ?? path.resolve(REPO_ROOT, 'test/fixtures/corpus');

export interface CorpusEntry {
  /** Where the entry is, or for a derived entry where it would be (no such file exists). */
  file: string;
  text: string;
  /** How a failure names it. */
  label: string;
  /** A schema-1.1 entry in its schema-1.0 form, made by the tests (`asSchema10`). */
  derived: boolean;
}

/** Every workspace.json of the corpus, as it is on disk. */
function realEntries(): CorpusEntry[] {
  return findWorkspaceFiles(CORPUS).map((file) => ({ file, text: fs.readFileSync(file, 'utf8'), label: path.relative(CORPUS, file), derived: false }));
}

interface Compatibility11 { image: string; uncompressed_size_mb: number }

/**
 * An entry of schema 1.1 written as a registry's schema-1.0 branch carries it (format notes §2, §3.1): the image and
 * size of its first `compatibility` object move to the top-level `name` and `uncompressed_size_mb`, and the entry is
 * offered to the Kasm versions that read schema 1.0. The repository has no licensed real schema-1.0 registry
 * (SOURCES.md), so the official registry's entries in this form stand in for one.
 */
function asSchema10(text: string): string {
  const { compatibility, ...rest } = JSON.parse(text) as { compatibility: Compatibility11[] };
  const [first] = compatibility;
  return `${JSON.stringify({ ...rest, name: first.image, compatibility: ['1.13.x', '1.14.x', '1.15.x'], uncompressed_size_mb: first.uncompressed_size_mb }, null, 2)}\n`;
}

/**
 * The real entries, and each real schema-1.1 entry in its schema-1.0 form. A derived entry's file would be under
 * `as-schema-1.0/` in the corpus (it is never written), so that nothing of its real registry (icons, branch) judges it.
 */
export function corpusEntries(): CorpusEntry[] {
  const real = realEntries();
  const derived = real
    .filter(({ text }) => typeof JSON.parse(text).compatibility?.[0] === 'object')
    .map(({ text, label }) => {
      const derivedLabel = path.join('as-schema-1.0', label);
      return { file: path.join(CORPUS, derivedLabel), text: asSchema10(text), label: derivedLabel, derived: true };
    });
  return [...real, ...derived];
}
