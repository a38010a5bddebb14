import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import { KasmDiagnostic } from '../../server/src/service/diagnostics/context';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { encodePng } from './png';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export const service = createLanguageService({ fileSystem: nodeFileSystem });

let version = 0;
export function textDocument(text: string, file = '/nonexistent/Example/workspace.json'): TextDocument {
  return TextDocument.create(pathToFileURL(file).href, 'json', ++version, text);
}

/**
 * A document written with markers: `«…»` around each expected range, `|` at the cursor.
 * Returns the plain document, the marked ranges and the cursor offset.
 */
export function marked(text: string, file?: string): { doc: TextDocument; ranges: Range[]; cursor: number } {
  let plain = '';
  const starts: number[] = [];
  const spans: [number, number][] = [];
  let cursor = -1;
  for (const char of text) {
    if (char === '«') starts.push(plain.length);
    else if (char === '»') spans.push([starts.pop() as number, plain.length]);
    else if (char === '|') cursor = plain.length;
    else plain += char;
  }
  const doc = textDocument(plain, file);
  const ranges = spans.map(([s, e]) => ({ start: doc.positionAt(s), end: doc.positionAt(e) }));
  return {
    doc, ranges,
    // A test that asks for the cursor but wrote no `|` would otherwise run at offset -1 and prove nothing.
    get cursor() {
      if (cursor < 0) throw new Error(`no | marks the cursor in ${JSON.stringify(text)}`);
      return cursor;
    },
  };
}

/** A fresh folder for one entry (workspace.json path returned), with the given files written into it. */
export function entryFolder(files: Record<string, string | Buffer> = {}, name = 'Example'): string {
  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-test-')), name);
  fs.mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, file), content);
  return path.join(folder, 'workspace.json');
}

export const squareIcon = () => encodePng(64, 64, [40, 90, 160]);

/** A complete, clean schema 1.1 entry (its icon must be written next to it as icon.png). */
export const VALID_1_1 = `{
  "friendly_name": "My Desktop",
  "description": "A desktop for the course.",
  "image_src": "icon.png",
  "architecture": ["amd64", "arm64"],
  "categories": ["Desktop", "Development"],
  "docker_registry": "https://index.docker.io/v1/",
  "compatibility": [
    { "version": "1.18.x", "image": "myorg/desktop:1.18.0", "uncompressed_size_mb": 4200 }
  ]
}
`;

export const VALID_1_0 = `{
  "friendly_name": "My Desktop",
  "name": "myorg/desktop:1.15.0",
  "description": "A desktop for the course.",
  "image_src": "icon.png",
  "architecture": ["amd64"],
  "compatibility": ["1.14.x", "1.15.x"],
  "uncompressed_size_mb": 4200,
  "cores": 2,
  "memory": 2768
}
`;

/** A workspace.json whose strings are Markdown that would make an editor fetch a URL, were it rendered as such. */
export const HOSTILE_MARKDOWN_ENTRY = `{
  "friendly_name": "![f](https://attacker.example/f.png)",
  "image_src": "![i](https://attacker.example/i.png)",
  "compatibility": [{ "version": "![v](https://attacker.example/v.png)", "image": "<https://attacker.example/a>" }],
  "run_config": { "environment": { "[k](https://attacker.example/k)": "x" } },
  "architecture": ["[a](https://attacker.example/a)"]
}`;

/**
 * Whether Markdown text holds the hostile entry's address as Markdown would read it (a link, an image, an
 * autolink): anywhere its dot is not escaped.
 */
export function hasEntryLink(markdown: string): boolean {
  return /attacker\.example/.test(markdown);
}

/** Writes `files` (path relative to `root` → content) into `root`, their folders made. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
}

/** A new temporary folder with `files` written into it. */
export function folderWith(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-registry-'));
  writeFiles(root, files);
  return root;
}

/** A registry in a new temporary folder: `workspaces/<folder>/workspace.json` with each text. */
export function registryFolder(entries: Record<string, string>): string {
  return folderWith(Object.fromEntries(Object.entries(entries).map(([folder, text]) => [path.join('workspaces', folder, 'workspace.json'), text])));
}

/** A valid schema 1.1 entry (as JSON text), with `extra` fields. */
export const entryText = (extra: object = {}) => JSON.stringify({
  friendly_name: 'Lab', description: 'x', image_src: 'icon.png', architecture: ['amd64'],
  compatibility: [{ version: '1.18.x', image: 'a/b:1', uncompressed_size_mb: 2000 }], ...extra,
});

const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'];
/** A diagnostic of `doc` as an author reads it: "code/severity at «the text it is on»: message [fixes]". */
export function spoken(doc: TextDocument, d: KasmDiagnostic): string {
  const fixes = d.data.suggestions;
  const on = doc.getText().slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end));
  return `${String(d.code)}/${SEVERITY_NAMES[d.severity ?? 0]} at ${on}: ${d.message}${fixes ? ` ${JSON.stringify(fixes)}` : ''}`;
}
