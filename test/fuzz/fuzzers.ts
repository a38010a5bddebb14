/**
 * Fuzzers over the core and over the bundled server: every feature on every mutated document, at random
 * positions; an exception, a slow answer or a dead server is a failure. Bounded by count and time.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, Range } from 'vscode-languageserver-types';
import { findWorkspaceFiles } from '../../server/src/registry';
import { CORPUS, service } from '../helpers/core';
import { startTestClient } from '../helpers/lspClient';
import { mutatedDocuments, seeded } from './mutate';

export interface FuzzReport {
  documents: number;
  failures: { index: number; mutations: string[]; problem: string }[];
  slowestMs: number;
  seconds: number;
}

export interface FuzzOptions { count: number; seconds: number; seed: number; boundMs: number }

export function corpusSeeds(): string[] {
  return findWorkspaceFiles(CORPUS).map((file) => fs.readFileSync(file, 'utf8'));
}

const randomPosition = (doc: TextDocument, random: () => number): Position => {
  const line = Math.floor(random() * (doc.lineCount + 2)) - 1; // now and then out of range
  return { line, character: Math.floor(random() * 120) - 2 };
};

const isValidJson = (text: string): boolean => { try { JSON.parse(text); return true; } catch { return false; } };

export function fuzzCore(options: FuzzOptions): FuzzReport {
  const start = Date.now();
  const report: FuzzReport = { documents: 0, failures: [], slowestMs: 0, seconds: 0 };
  const random = seeded(options.seed + 1);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-fuzz-'));
  const file = path.join(folder, 'workspace.json');
  for (const { text, mutations, index } of mutatedDocuments(corpusSeeds(), options.count, options.seed)) {
    if (Date.now() - start > options.seconds * 1000) break;
    const doc = TextDocument.create(`file://${file}`, 'json', index, text);
    const t0 = Date.now();
    try {
      const whole: Range = { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } };
      // The verdict users rely on most: a syntax error exactly when the registry build's JSON.parse fails.
      const saysSyntaxError = service.validate(doc).some((diagnostic) => diagnostic.code === 'syntax-error');
      if (saysSyntaxError !== !isValidJson(text)) {
        report.failures.push({ index, mutations, problem: saysSyntaxError ? 'syntax error reported on valid JSON' : 'invalid JSON without a syntax error' });
      }
      for (let k = 0; k < 3; k++) {
        const position = randomPosition(doc, random);
        service.complete(doc, position);
        service.hover(doc, position);
        service.selectionRanges(doc, [position]);
      }
      service.codeActions(doc, whole);
      service.format(doc, { tabSize: 2, insertSpaces: true });
      service.documentSymbols(doc);
      service.foldingRanges(doc);
      service.documentLinks(doc);
      service.inlayHints(doc, whole);
      service.codeLenses(doc);
    } catch (error) {
      report.failures.push({ index, mutations, problem: (error as Error).stack?.split('\n').slice(0, 3).join(' ') ?? String(error) });
    }
    const ms = Date.now() - t0;
    report.slowestMs = Math.max(report.slowestMs, ms);
    if (ms > options.boundMs) report.failures.push({ index, mutations, problem: `took ${ms} ms (bound ${options.boundMs})` });
    report.documents++;
  }
  fs.rmSync(folder, { recursive: true, force: true });
  report.seconds = (Date.now() - start) / 1000;
  return report;
}

/** Feeds mutated documents to `node dist/server.js --stdio` as edits of one open document, with requests in between. */
export async function fuzzServer(options: FuzzOptions): Promise<FuzzReport & { serverAlive: boolean; finalDiagnosticsCurrent: boolean }> {
  const start = Date.now();
  const report: FuzzReport = { documents: 0, failures: [], slowestMs: 0, seconds: 0 };
  const random = seeded(options.seed + 2);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-fuzz-lsp-'));
  const file = path.join(folder, 'workspace.json');
  const client = await startTestClient();
  const uri = client.open(file, '{}');
  let version = 1;
  let last = '{}';
  const bounded = <T>(promise: Promise<T>, what: string): Promise<T> => Promise.race([
    promise, new Promise<T>((_, reject) => { const t = setTimeout(() => reject(new Error(`${what}: no answer within ${options.boundMs} ms`)), options.boundMs); t.unref(); }),
  ]);
  for (const { text, mutations, index } of mutatedDocuments(corpusSeeds(), options.count, options.seed)) {
    if (Date.now() - start > options.seconds * 1000) break;
    const t0 = Date.now();
    try {
      client.change(uri, ++version, [{ text }]);
      last = text;
      const doc = TextDocument.create(uri, 'json', version, text);
      const position = randomPosition(doc, random);
      await bounded(client.complete(uri, position), 'completion');
      await bounded(client.hover(uri, position), 'hover');
    } catch (error) {
      report.failures.push({ index, mutations, problem: (error as Error).message });
    }
    report.slowestMs = Math.max(report.slowestMs, Date.now() - t0);
    report.documents++;
  }
  // One more edit, then the diagnostics that settle must be those of that last version, never an older one.
  const lastVersion = ++version;
  const settled = client.diagnostics(uri, (p) => p.version === lastVersion, 10_000);
  client.change(uri, lastVersion, [{ text: last }]);
  const final = await settled.then(() => true, () => false);
  const serverAlive = client.process.exitCode === null;
  await client.stop().catch(() => undefined);
  fs.rmSync(folder, { recursive: true, force: true });
  report.seconds = (Date.now() - start) / 1000;
  return { ...report, serverAlive, finalDiagnosticsCurrent: final };
}
