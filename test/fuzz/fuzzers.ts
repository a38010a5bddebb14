/**
 * Fuzzers over the core and over the bundled server: every feature on every mutated document, at random
 * positions; an exception, a slow answer or a dead server is a failure. Bounded by count and time.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, Range } from 'vscode-languageserver-types';
import { format, toLintMessage } from '../../server/src/cli/formats';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../server/src/service/diagnostics/index';
import { hasEntryLink, service } from '../helpers/core';
import { corpusEntries } from '../helpers/corpus';

/** The longest message: the wording, five named keys, values quoted at 80 characters (diagnostics/context.ts). */
const MESSAGE_BOUND = 1001;
import { serverProcessOf, startTestClient } from '../helpers/lspClient';
import { mutatedDocuments, seeded } from './mutate';

export interface FuzzReport {
  documents: number;
  failures: { index: number; mutations: string[]; problem: string }[];
  slowestMs: number;
  seconds: number;
}

export interface FuzzOptions { count: number; seconds: number; seed: number; boundMs: number }

export function corpusSeeds(): string[] {
  return corpusEntries().map((entry) => entry.text);
}

const randomPosition = (doc: TextDocument, random: () => number): Position => {
  const line = Math.floor(random() * (doc.lineCount + 2)) - 1; // now and then out of range
  return { line, character: Math.floor(random() * 120) - 2 };
};

const isValidJson = (text: string): boolean => { try { JSON.parse(text); return true; } catch { return false; } };

/**
 * Every feature of the core on each mutated document, one document per event-loop turn, as an editor's requests
 * come: a WeakRef the code actions keep lives to the end of the current job, so one long synchronous loop would
 * keep every document's tree.
 */
export async function fuzzCore(options: FuzzOptions): Promise<FuzzReport> {
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
      const diagnostics = service.validate(doc);
      const saysSyntaxError = diagnostics.some((diagnostic) => diagnostic.code === 'syntax-error');
      const fail = (problem: string) => report.failures.push({ index, mutations, problem });
      if (saysSyntaxError !== !isValidJson(text)) fail(saysSyntaxError ? 'syntax error reported on valid JSON' : 'invalid JSON without a syntax error');
      // Output that grows with the input is an attack on the editor and the CLI (#19.1).
      if (diagnostics.length > MAX_DIAGNOSTICS_PER_FILE) fail(`${diagnostics.length} diagnostics`);
      const longest = Math.max(0, ...diagnostics.map((d) => d.message.length));
      if (longest > MESSAGE_BOUND) fail(`a message of ${longest} characters`);
      const stylish = format('stylish', [{ file: 'workspace.json', diagnostics: diagnostics.map(toLintMessage) }], { color: false, version: '0' });
      if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(stylish)) fail('a control character reached the terminal output');
      for (let k = 0; k < 3; k++) {
        const position = randomPosition(doc, random);
        service.complete(doc, position);
        const hover = service.hover(doc, position);
        const markdown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
        if (hasEntryLink(markdown)) fail(`a hover renders a link from the entry: ${markdown.slice(0, 200)}`);
        service.selectionRanges(doc, [position]);
      }
      service.codeActions(doc, whole);
      service.codeActions(doc, whole, { only: ['source'] });
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
    await new Promise((resolve) => setImmediate(resolve));
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
  const serverAlive = serverProcessOf(client).exitCode === null;
  await client.stop().catch(() => undefined);
  fs.rmSync(folder, { recursive: true, force: true });
  report.seconds = (Date.now() - start) / 1000;
  return { ...report, serverAlive, finalDiagnosticsCurrent: final };
}
