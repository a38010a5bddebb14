// One bad document per rule: the diagnostic's code, range (between « and ») and severity, through the core.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { RULES, RuleCode } from '../../server/src/diagnostics/rules';
import { Severity } from '../../server/src/kasm/knowledge';
import { RegistrySchemaSetting } from '../../server/src/schemaVersion';
import { VALID_1_0, VALID_1_1, entryFolder, marked, service, squareIcon, textDocument } from '../helpers/core';
import { encodePng } from '../../server/src/png';

interface RuleCase {
  code: RuleCode;
  what: string;
  text: string;
  severity: Severity;
  message?: RegExp;
  suggestions?: (string | number)[];
  schema?: RegistrySchemaSetting;
  /** Files next to the workspace.json. */
  files?: Record<string, string | Buffer>;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

const c11 = (entry: string) => `"compatibility": [${entry}]`;
const v11 = '{ "version": "1.18.x", "image": "a/b:1", "uncompressed_size_mb": 1 }';

const CASES: RuleCase[] = [
  { code: 'syntax-error', what: 'a comment', text: '{ «// note»\n "friendly_name": "x" }', severity: 'error', message: /Comments are not allowed/ },
  { code: 'syntax-error', what: 'a missing comma', text: '{ "friendly_name": "x" «"description"»: "y" }', severity: 'error', message: /Comma expected/ },
  { code: 'check-degraded', what: 'nesting 200 levels deep (no stack overflow)', text: `«[»${'['.repeat(199)}${']'.repeat(200)}`, severity: 'warning', message: /more than 128 levels/ },
  { code: 'check-degraded', what: 'a 2 MB file', text: `«{»"notes": "${'x'.repeat(2_000_000)}"}`, severity: 'warning', message: /2\.0 MB/ },
  { code: 'syntax-error', what: 'a broken 2 MB file (found by JSON.parse)', text: `{"notes": "${'x'.repeat(2_000_000)}",«}»`, severity: 'error', message: /Not valid JSON/ },
  { code: 'syntax-error', what: 'an empty file', text: '«»', severity: 'error', message: /empty/ },
  { code: 'duplicate-key', what: 'a key given twice', text: '{ «"cores"»: 1, "cores": 2 }', severity: 'warning', message: /JSON.parse keeps only the last/ },
  { code: 'wrong-type', what: 'memory as a string', text: '{ "memory": «"4096"» }', severity: 'error', message: /memory must be a number, not a string/, suggestions: [4096] },
  { code: 'wrong-type', what: 'categories as a string', text: '{ "categories": «"Desktop"» }', severity: 'error' },
  { code: 'wrong-type', what: 'a multi-line object where a string belongs (key underlined)', text: '{ «"friendly_name"»: {\n  "a": 1\n} }', severity: 'error' },
  { code: 'wrong-type', what: 'run_config keys are checked loosely', text: '{ "run_config": { "privileged": «"yes"» } }', severity: 'warning' },
  { code: 'missing-required', what: 'compatibility missing in 1.1 (build crash)', text: '«{»\n "friendly_name": "x", "architecture": ["amd64"] }', schema: '1.1', severity: 'error', message: /Missing "compatibility".*crashes/ },
  { code: 'missing-required', what: 'description missing', text: '«{»\n "friendly_name": "x" }', severity: 'warning', message: /Missing "description"/ },
  { code: 'missing-required', what: 'image missing in a compatibility entry', text: `{ ${c11('«{» "version": "1.18.x", "uncompressed_size_mb": 1 }')} }`, severity: 'warning', message: /Missing "image" in compatibility\[0\]/ },
  { code: 'missing-required', what: 'an exec hook without cmd (key underlined)', text: '{ "exec_config": { «"go"»: { "user": "root" } } }', severity: 'error', message: /Missing "cmd"/ },
  { code: 'unknown-value', what: 'an unknown architecture', text: '{ "architecture": [«"x86_64"»] }', severity: 'error', message: /amd64/ },
  { code: 'unknown-value', what: 'cpu_allocation_method in the wrong case', text: '{ "cpu_allocation_method": «"inherit"» }', severity: 'warning', suggestions: ['Inherit'] },
  { code: 'unknown-value', what: 'an unknown image_type', text: '{ "image_type": «"Containr"» }', severity: 'warning', suggestions: ['Container'] },
  { code: 'unknown-value', what: 'an unknown launch form input_type', text: '{ "launch_config": { "launch_form": [ { "key": "k", "label": "l", "input_type": «"checkbox"» } ] } }', severity: 'warning' },
  { code: 'misspelled-key', what: 'the README\'s own misspelling', text: '{ «"compatability"»: ["1.14.x"] }', schema: '1.0', severity: 'warning', message: /did you mean "compatibility"/, suggestions: ['compatibility'] },
  { code: 'misspelled-key', what: 'friendlyname', text: '{ «"friendlyname"»: "x" }', severity: 'warning', suggestions: ['friendly_name'] },
  { code: 'misspelled-key', what: 'a misspelled exec hook', text: '{ "exec_config": { «"first_lanch"»: { "cmd": "x" } } }', severity: 'warning', suggestions: ['first_launch'] },
  { code: 'unknown-key', what: 'an unknown top-level key', text: '{ «"colour"»: "red" }', severity: 'info' },
  { code: 'unknown-key', what: 'an unknown run_config key', text: '{ "run_config": { «"gpus_please"»: true } }', severity: 'info', message: /docker run option/ },
  { code: 'exec-hook-unknown', what: 'an exec hook Kasm never runs', text: '{ "exec_config": { «"on_logout"»: { "cmd": "x" } } }', severity: 'info' },
  { code: 'not-for-registry', what: 'volume_mappings', text: '{ «"volume_mappings"»: {} }', severity: 'info' },
  { code: 'ignored-field', what: 'name in a 1.1 file', text: `{ «"name"»: "a/b:1", ${c11(v11)} }`, severity: 'warning', message: /compatibility\[\]\.image/ },
  { code: 'ignored-field', what: 'top-level uncompressed_size_mb in a 1.1 file', text: `{ «"uncompressed_size_mb"»: 10, ${c11(v11)} }`, severity: 'warning' },
  { code: 'build-output-key', what: 'sha', text: '{ «"sha"»: "0123456789012345678901234567890123456789" }', severity: 'warning' },
  { code: 'compatibility-shape', what: 'a 1.0 string in a 1.1 list (mixed)', text: `{ "compatibility": [${v11}, «"1.16.x"»] }`, severity: 'error', message: /Schema 1\.1/ },
  { code: 'compatibility-shape', what: 'a 1.1 object in a file forced to 1.0', text: '{ "compatibility": [«{ "version": "1.15.x" }»] }', schema: '1.0', severity: 'error', message: /Schema 1\.0/ },
  { code: 'compatibility-empty', what: 'an empty list', text: '{ "compatibility": «[]» }', severity: 'warning' },
  { code: 'version-format', what: '"1.16" (no .x)', text: '{ "compatibility": [«"1.16"»] }', schema: '1.0', severity: 'error', suggestions: ['1.16.x'] },
  { code: 'version-format', what: 'a 1.1 version "v1.18"', text: `{ ${c11('{ "version": «"v1.18"», "image": "a/b:1", "uncompressed_size_mb": 1 }')} }`, severity: 'error' },
  { code: 'version-unknown', what: '"9.1.x"', text: '{ "compatibility": [«"9.1.x"»] }', schema: '1.0', severity: 'warning', message: /no Kasm release "9\.1\.x"/ },
  { code: 'version-unknown', what: 'an exact release that never was', text: `{ ${c11('{ "version": «"1.18.7"», "image": "a/b:1", "uncompressed_size_mb": 1 }')} }`, severity: 'warning' },
  { code: 'version-before-registries', what: '"1.12.x"', text: '{ "compatibility": [«"1.12.x"»] }', schema: '1.0', severity: 'warning' },
  { code: 'version-wrong-schema', what: '"1.16.x" in a 1.0 file', text: '{ "compatibility": ["1.15.x", «"1.16.x"»] }', severity: 'warning', message: /reads registry schema 1\.1/ },
  { code: 'version-wrong-schema', what: '"1.15.x" in a 1.1 file', text: `{ ${c11(`${v11}, { "version": «"1.15.x"», "image": "a/b:1", "uncompressed_size_mb": 1 }`)} }`, severity: 'warning' },
  { code: 'version-duplicate', what: 'a version listed twice', text: '{ "compatibility": ["1.14.x", «"1.14.x"»] }', severity: 'warning' },
  { code: 'tag-not-available', what: 'image tag outside available_tags', text: `{ ${c11('{ "version": "1.18.x", "image": «"a/b:1.18.0-rolling-daily"», "uncompressed_size_mb": 1, "available_tags": ["develop"] }')} }`, severity: 'warning', suggestions: ['1.18.0-rolling-daily'] },
  { code: 'size-zero', what: 'a 1.1 size of 0', text: `{ ${c11('{ "version": "1.18.x", "image": "a/b:1", "uncompressed_size_mb": «0» }')} }`, severity: 'warning' },
  { code: 'size-zero', what: 'a 1.0 size of 0', text: '{ "name": "a/b:1", "uncompressed_size_mb": «0» }', severity: 'warning' },
  { code: 'architecture-empty', what: 'no architecture', text: '{ "architecture": «[]» }', severity: 'warning' },
  { code: 'duplicate-value', what: 'an architecture twice', text: '{ "architecture": ["amd64", «"amd64"»] }', severity: 'warning' },
  { code: 'too-many-categories', what: 'a fourth category', text: '{ "categories": ["Desktop", "Office", "Games", «"Chat"»] }', severity: 'warning' },
  { code: 'category-near-miss', what: '"Developement"', text: '{ "categories": [«"Developement"»] }', severity: 'warning', suggestions: ['Development'] },
  { code: 'category-near-miss', what: '"desktop" in lower case', text: '{ "categories": [«"desktop"»] }', severity: 'warning', suggestions: ['Desktop'] },
  { code: 'non-latin1-name', what: 'an emoji in friendly_name', text: '{ "friendly_name": «"Chrome 🚀"» }', severity: 'warning', message: /Latin-1/ },
  { code: 'empty-notes', what: 'empty notes', text: '{ "notes": «""» }', severity: 'info' },
  { code: 'memory-not-positive', what: 'memory 0', text: '{ "memory": «0» }', severity: 'error' },
  { code: 'memory-not-positive', what: 'negative memory', text: '{ "memory": «-512» }', severity: 'error' },
  { code: 'memory-in-gb', what: 'memory 4 (meant GB)', text: '{ "memory": «4» }', severity: 'warning', message: /For 4 GB write 4000/, suggestions: [4000] },
  { code: 'memory-in-gb', what: 'memory 2.5', text: '{ "memory": «2.5» }', severity: 'warning', suggestions: [2500] },
  { code: 'memory-too-small', what: 'memory 200', text: '{ "memory": «200» }', severity: 'warning' },
  { code: 'memory-too-large', what: 'memory in bytes', text: '{ "memory": «2768000000» }', severity: 'warning' },
  { code: 'memory-not-integer', what: 'a fraction of a MB', text: '{ "memory": «2768.5» }', severity: 'warning', suggestions: [2769] },
  { code: 'cores-not-positive', what: 'cores 0', text: '{ "cores": «0» }', severity: 'error' },
  { code: 'cores-too-many', what: '1000 cores', text: '{ "cores": «1000» }', severity: 'warning' },
  { code: 'gpu-count-invalid', what: 'negative gpu_count', text: '{ "gpu_count": «-1» }', severity: 'error' },
  { code: 'gpu-count-invalid', what: 'half a GPU', text: '{ "gpu_count": «0.5» }', severity: 'error' },
  { code: 'gpu-count-too-many', what: '64 GPUs', text: '{ "gpu_count": «64», "require_gpu": true }', severity: 'warning' },
  { code: 'gpu-contradiction', what: 'require_gpu without GPUs', text: '{ "require_gpu": «true», "gpu_count": 0 }', severity: 'warning' },
  { code: 'gpu-contradiction', what: 'GPUs without require_gpu', text: '{ "require_gpu": false, "gpu_count": «1» }', severity: 'info' },
  { code: 'image-invalid', what: 'an upper-case repository', text: '{ "name": «"MyOrg/Desktop:1.0"» }', severity: 'error', suggestions: ['myorg/desktop:1.0'] },
  { code: 'image-invalid', what: 'a URL as image', text: '{ "name": «"https://hub.docker.com/r/kasmweb/chrome"» }', severity: 'error' },
  { code: 'image-invalid', what: 'a 1.1 image with a space', text: `{ ${c11('{ "version": "1.18.x", "image": «"kasmweb/chrome: 1.18"», "uncompressed_size_mb": 1 }')} }`, severity: 'error' },
  { code: 'image-invalid', what: 'the image Kasm keeps (the last) when an element gives two', text: `{ ${c11('{ "version": "1.18.x", "image": "kasmweb/chrome:1.18", "image": «"Kasmweb/Chrome"», "uncompressed_size_mb": 1 }')} }`, severity: 'error' },
  { code: 'image-no-tag', what: 'an image without tag', text: '{ "name": «"kasmweb/chrome"» }', severity: 'warning' },
  { code: 'docker-registry-invalid', what: 'not a URL', text: '{ "docker_registry": «"docker hub"» }', severity: 'error' },
  { code: 'docker-registry-bogus', what: 'the v1.1 address', text: '{ "docker_registry": «"https://index.docker.io/v1.1/"» }', severity: 'warning', suggestions: ['https://index.docker.io/v1/'] },
  { code: 'docker-registry-slash', what: 'no trailing slash', text: '{ "docker_registry": «"https://ghcr.io"» }', severity: 'warning', suggestions: ['https://ghcr.io/'] },
  { code: 'icon-path', what: 'a path leading out', text: '{ "image_src": «"../other/icon.png"» }', severity: 'warning', message: /leads out/ },
  { code: 'icon-path', what: 'a URL', text: '{ "image_src": «"https://example.com/icon.png"» }', severity: 'warning', message: /URL/ },
  { code: 'icon-path', what: 'an absolute path', text: '{ "image_src": «"/etc/passwd"» }', severity: 'warning', message: /absolute/ },
  { code: 'icon-path', what: 'a Windows drive path', text: '{ "image_src": «"C:\\\\icons\\\\a.png"» }', severity: 'warning' },
  { code: 'icon-extension', what: 'a .jpg icon', text: '{ "image_src": «"icon.jpg"» }', severity: 'warning', files: { 'icon.jpg': 'x' } },
  { code: 'icon-missing', what: 'a missing icon, offering the one present', text: '{ "image_src": «"chrome.png"» }', severity: 'warning', files: { 'chromium.png': squareIcon() }, suggestions: ['chromium.png'] },
  { code: 'icon-unreadable', what: 'a PNG that is not one', text: '{ "image_src": «"icon.png"» }', severity: 'warning', files: { 'icon.png': 'not a png' } },
  { code: 'icon-size', what: 'a 32×32 PNG', text: '{ "image_src": «"icon.png"» }', severity: 'warning', files: { 'icon.png': encodePng(32, 32, [0, 0, 0]) }, message: /32×32 px, smaller than 50×50/ },
  { code: 'icon-size', what: 'a wide PNG', text: '{ "image_src": «"icon.png"» }', severity: 'warning', files: { 'icon.png': encodePng(120, 60, [0, 0, 0]) }, message: /not square/ },
  { code: 'launch-form-key', what: 'a duplicated field key', text: '{ "launch_config": { "launch_form": [ { "key": "a", "label": "A", "input_type": "text" }, { "key": «"a"», "label": "B", "input_type": "text" } ] } }', severity: 'warning' },
  { code: 'launch-form-key', what: 'display_if naming no field', text: '{ "launch_config": { "launch_form": [ { "key": "a", "label": "A", "input_type": "text", "display_if": [ { "key": «"vpn"», "value_regex": "x" } ] } ] } }', severity: 'warning' },
  { code: 'launch-form-options', what: 'a select without options', text: '{ "launch_config": { "launch_form": [ { "key": "a", "label": "A", "input_type": «"select"», "options": [] } ] } }', severity: 'warning' },
  { code: 'launch-form-regex', what: 'an invalid validator_regex', text: '{ "launch_config": { "launch_form": [ { "key": "a", "label": "A", "input_type": "text", "validator_regex": «"^(abc"» } ] } }', severity: 'warning' },
  { code: 'wrong-type', what: 'a display_if condition wrapped in an extra array', text: '{ "launch_config": { "launch_form": [ { "key": "a", "label": "A", "input_type": "text", "display_if": [ «[ { "key": "a", "value_regex": "x" } ]» ] } ] } }', severity: 'warning', message: /extra brackets/ },
  { code: 'docker-config-review', what: 'a privileged container', text: '{ "run_config": { "privileged": «true» } }', severity: 'hint' },
];

describe('diagnostics: one bad document per rule', () => {
  for (const testCase of CASES) {
    it(`${testCase.code}: ${testCase.what}`, () => {
      const file = testCase.files ? entryFolder(testCase.files) : undefined;
      const { doc, ranges } = marked(testCase.text, file);
      const diagnostics = service.validate(doc, { registrySchema: testCase.schema ?? 'auto' });
      // Several fields may be missing at one place: the message tells them apart.
      const matching = diagnostics.filter((d) => d.code === testCase.code && (testCase.code !== 'missing-required' || testCase.message?.test(d.message)));
      assert.equal(matching.length, 1, `expected one ${testCase.code}, got: ${JSON.stringify(diagnostics.map((d) => [d.code, d.message]), null, 1)}`);
      const [diagnostic] = matching;
      assert.deepEqual(diagnostic.range, ranges[0]);
      assert.equal(diagnostic.severity, SEVERITY[testCase.severity]);
      assert.equal(diagnostic.source, 'kasm');
      assert.match(diagnostic.codeDescription?.href ?? '', /^https:\/\//);
      if (testCase.message) assert.match(diagnostic.message, testCase.message);
      if (testCase.suggestions) assert.deepEqual(diagnostic.data.suggestions, testCase.suggestions);
    });
  }

  it('covers every rule code (the cross-entry rules are in registry.test.ts)', () => {
    const crossEntry: RuleCode[] = ['duplicate-name', 'icon-collision', 'available-tags-partial', 'registry-schema-mismatch'];
    const tested = new Set([...CASES.map((c) => c.code), ...crossEntry]);
    assert.deepEqual(Object.keys(RULES).filter((code) => !tested.has(code as RuleCode)), []);
  });

  it('finds nothing to say about a complete, clean entry of either schema', () => {
    for (const text of [VALID_1_1, VALID_1_0]) {
      const doc = textDocument(text, entryFolder({ 'icon.png': encodePng(64, 64, [1, 2, 3]) }));
      assert.deepEqual(service.validate(doc).map((d) => d.message), []);
    }
  });

  it('does not follow an icon link that leads outside the entry folder', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const file = entryFolder();
    const outside = path.join(path.dirname(path.dirname(file)), 'secret.png');
    fs.writeFileSync(outside, encodePng(64, 64, [0, 0, 0]));
    fs.symlinkSync(outside, path.join(path.dirname(file), 'icon.png'));
    const diagnostics = service.validate(textDocument('{ "image_src": "icon.png" }', file));
    assert.deepEqual(diagnostics.filter((d) => d.code.startsWith('icon')).map((d) => d.code), ['icon-path']);
  });

  it('sees every change to the icon between two checks of the same entry (icon facts are cached)', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const file = entryFolder();
    const icon = path.join(path.dirname(file), 'icon.png');
    const iconCodes = () => service.validate(textDocument('{ "image_src": "icon.png" }', file))
      .filter((d) => d.code.startsWith('icon')).map((d) => d.code);
    assert.deepEqual(iconCodes(), ['icon-missing']);
    assert.deepEqual(iconCodes(), ['icon-missing'], 'the same answer from the cache');
    fs.writeFileSync(icon, encodePng(32, 32, [0, 0, 0]));
    assert.deepEqual(iconCodes(), ['icon-size'], 'the icon arrived');
    fs.writeFileSync(icon, encodePng(64, 64, [0, 0, 0]));
    assert.deepEqual(iconCodes(), [], 'the icon was replaced by a good one');
    fs.writeFileSync(icon, 'not a png any more, but as long as before ...'.padEnd(fs.statSync(icon).size, '.'));
    assert.deepEqual(iconCodes(), ['icon-unreadable'], 'same size, new content');
    fs.rmSync(icon);
    const outside = path.join(path.dirname(path.dirname(file)), 'elsewhere.png');
    fs.writeFileSync(outside, encodePng(64, 64, [0, 0, 0]));
    fs.symlinkSync(outside, icon);
    assert.deepEqual(iconCodes(), ['icon-path'], 'the icon became a link leading out');
    fs.rmSync(icon);
    assert.deepEqual(iconCodes(), ['icon-missing'], 'the icon is gone');
  });

  it('never puts a diagnostic on a whole multi-line block', () => {
    const doc = textDocument('{\n "exec_config": {\n  "go": {\n   "user": 1\n  }\n },\n "run_config": [\n  1\n ]\n}');
    for (const d of service.validate(doc)) assert.equal(d.range.start.line, d.range.end.line, `${d.code} spans lines`);
  });
});
