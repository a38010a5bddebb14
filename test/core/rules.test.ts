// One bad document per rule: the diagnostic's code, range (between « and ») and severity, through the core.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { RULES, RuleCode } from '../../server/src/service/diagnostics/rules';
import { Severity } from '../../server/src/service/kasm/knowledge';
import { RegistrySchemaSetting } from '../../server/src/service/schemaVersion';
import { VALID_1_0, VALID_1_1, entryFolder, marked, service, squareIcon, textDocument } from '../helpers/core';
import { encodePng } from '../helpers/png';

/** A GIF header of the given size: enough for a browser, and for the sniffing, to tell it apart. */
function gif(width: number, height: number): Buffer {
  const header = Buffer.from('GIF89a\0\0\0\0', 'latin1');
  header.writeUInt16LE(width, 6);
  header.writeUInt16LE(height, 8);
  return Buffer.concat([header, Buffer.alloc(16), Buffer.from([0x3b])]);
}

interface RuleCase {
  code: RuleCode;
  what: string;
  text: string;
  severity: Severity;
  message?: RegExp;
  suggestions?: (string | number | boolean | null)[];
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
  { code: 'check-degraded', what: '600,000 two-byte characters: 1.2 MB on disk, counted in bytes', text: `«{»"notes": "${'é'.repeat(600_000)}"}`, severity: 'warning', message: /1\.2 MB/ },
  { code: 'check-degraded', what: 'a 2 MB file', text: `«{»"notes": "${'x'.repeat(2_000_000)}"}`, severity: 'warning', message: /2\.0 MB/ },
  { code: 'syntax-error', what: 'a broken 2 MB file (found by JSON.parse)', text: `{"notes": "${'x'.repeat(2_000_000)}",«}»`, severity: 'error', message: /Not valid JSON/ },
  { code: 'empty-file', what: 'an empty file (on disk; a hint while open in the editor)', text: '«»', severity: 'error', message: /empty/ },
  { code: 'duplicate-key', what: 'a key given twice', text: '{ «"cores"»: 1, "cores": 2 }', severity: 'warning', message: /JSON.parse keeps only the last/ },
  { code: 'wrong-type', what: 'memory as a string', text: '{ "memory": «"4096"» }', severity: 'error', message: /memory must be a number, not a string/, suggestions: [4096] },
  { code: 'wrong-type', what: 'memory 1e309 (Infinity to JSON.parse)', text: '{ "memory": «1e309» }', severity: 'error', message: /too large for JSON to hold/ },
  { code: 'syntax-error', what: 'a byte order mark', text: '«\uFEFF»{ "friendly_name": "x" }', severity: 'error', message: /byte order mark/ },
  { code: 'wrong-type', what: 'categories as a string', text: '{ "categories": «"Desktop"» }', severity: 'error' },
  { code: 'wrong-type', what: 'a multi-line object where a string belongs (key underlined)', text: '{ «"friendly_name"»: {\n  "a": 1\n} }', severity: 'error' },
  { code: 'wrong-type', what: 'run_config keys are checked loosely', text: '{ "run_config": { "privileged": «"yes"» } }', severity: 'warning' },
  { code: 'missing-required', what: 'compatibility missing in 1.1 (build crash)', text: '«{»\n "friendly_name": "x", "architecture": ["amd64"] }', schema: '1.1', severity: 'error', message: /Missing "compatibility".*crashes/ },
  { code: 'missing-required', what: 'description missing', text: '«{»\n "friendly_name": "x" }', severity: 'warning', message: /Missing "description"/ },
  { code: 'missing-required', what: 'image missing in a compatibility entry (a workspace with no image)', text: `{ ${c11('«{» "version": "1.18.x", "uncompressed_size_mb": 1 }')} }`, severity: 'error', message: /Missing "image" in compatibility\[0\].*no image/ },
  { code: 'missing-required', what: 'name missing in a 1.0 entry', text: '«{»\n "compatibility": ["1.15.x"] }', severity: 'error', message: /Missing "name"/ },
  { code: 'missing-required', what: 'friendly_name missing (the Registry page breaks)', text: '«{»\n "architecture": ["amd64"] }', severity: 'error', message: /Missing "friendly_name".*Registry page/ },
  { code: 'missing-required', what: 'architecture missing (the Registry page breaks)', text: '«{»\n "friendly_name": "x" }', severity: 'error', message: /Missing "architecture"/ },
  { code: 'missing-required', what: 'an exec hook without cmd (key underlined)', text: '{ "exec_config": { «"go"»: { "user": "root" } } }', severity: 'warning', message: /Missing "cmd"/ },
  { code: 'missing-required', what: 'a launch form field without validator_regex (the install fails)', text: '{ "launch_config": { "file_mapping": { "destination": "/x" }, "launch_form": [ «{» "key": "a", "label": "A", "value": null, "allow_saving": false, "required": false, "placeholder": null, "help": null, "input_type": "text", "options": null, "validator_regex_description": null, "display_if": null } ] } }', severity: 'error', message: /Missing "validator_regex"/ },
  { code: 'missing-required', what: 'a launch_config without file_mapping', text: '{ «"launch_config"»: { "launch_form": [] } }', severity: 'error', message: /Missing "file_mapping"/ },
  { code: 'unknown-value', what: 'an unknown architecture (the card is only greyed out)', text: '{ "architecture": [«"x86_64"»] }', severity: 'warning', message: /amd64/ },
  { code: 'unknown-value', what: 'cpu_allocation_method in the wrong case', text: '{ "cpu_allocation_method": «"inherit"» }', severity: 'warning', suggestions: ['Inherit'] },
  { code: 'unknown-value', what: 'an unknown image_type', text: '{ "image_type": «"Containr"» }', severity: 'warning', suggestions: ['Container'] },
  { code: 'misspelled-key', what: 'the README\'s own misspelling (the 1.15 install fails)', text: '{ «"compatability"»: ["1.14.x"] }', schema: '1.0', severity: 'error', message: /did you mean "compatibility".*install fails/, suggestions: ['compatibility'] },
  { code: 'misspelled-key', what: 'friendlyname in 1.1', text: '{ «"friendlyname"»: "x" }', severity: 'warning', suggestions: ['friendly_name'] },
  { code: 'misspelled-key', what: 'workdir in run_config (every session fails)', text: '{ "run_config": { «"workdir"»: "/tmp" } }', severity: 'error', suggestions: ['working_dir'], message: /TypeError/ },
  { code: 'misspelled-key', what: 'security_opts in run_config', text: '{ "run_config": { «"security_opts"»: [] } }', severity: 'error', suggestions: ['security_opt'] },
  { code: 'misspelled-key', what: 'a misspelled exec hook', text: '{ "exec_config": { «"first_lanch"»: { "cmd": "x" } } }', severity: 'warning', suggestions: ['first_launch'] },
  { code: 'unknown-key', what: 'an unknown top-level key in 1.1', text: '{ «"colour"»: "red" }', severity: 'warning' },
  { code: 'unknown-key', what: 'an unknown top-level key in 1.0 (the 1.15 install fails)', text: '{ «"colour"»: "red", "compatibility": ["1.15.x"] }', severity: 'error', message: /install fails/ },
  { code: 'unknown-key', what: 'a key the 1.0 dashboard drops before installing', text: '{ «"author"»: "me", "compatibility": ["1.15.x"] }', severity: 'info', message: /drops it/ },
  { code: 'unknown-key', what: 'an unknown run_config key (every session fails)', text: '{ "run_config": { «"gpus_please"»: true } }', severity: 'error', message: /every session start fails/ },
  { code: 'exec-hook-unknown', what: 'an exec hook Kasm never runs', text: '{ "exec_config": { «"on_logout"»: { "cmd": "x" } } }', severity: 'info' },
  { code: 'image-setting-invalid', what: 'volume_mappings in schema 1.0', text: '{ "volume_mappings": «{}», "compatibility": ["1.15.x"] }', severity: 'error' },
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
  { code: 'version-unreleased', what: 'the next minor after the newest release', text: `{ ${c11('{ "version": «"1.20.x"», "image": "a/b:develop", "uncompressed_size_mb": 0 }')} }`, severity: 'info' },
  { code: 'version-exact-in-1.0', what: 'an exact version in a 1.0 entry', text: '{ "compatibility": [«"1.15.0"»] }', schema: '1.0', severity: 'error', suggestions: ['1.15.x'] },
  { code: 'version-before-registries', what: '"1.12.x"', text: '{ "compatibility": [«"1.12.x"»] }', schema: '1.0', severity: 'warning' },
  { code: 'version-wrong-schema', what: '"1.16.x" in a 1.0 file', text: '{ "compatibility": ["1.15.x", «"1.16.x"»] }', severity: 'warning', message: /reads registry schema 1\.1/ },
  { code: 'version-wrong-schema', what: '"1.15.x" in a 1.1 file', text: `{ ${c11(`${v11}, { "version": «"1.15.x"», "image": "a/b:1", "uncompressed_size_mb": 1 }`)} }`, severity: 'warning' },
  { code: 'version-duplicate', what: 'a version listed twice', text: '{ "compatibility": ["1.14.x", «"1.14.x"»] }', severity: 'warning' },
  { code: 'tag-not-available', what: 'image tag outside available_tags', text: `{ ${c11('{ "version": "1.18.x", "image": «"a/b:1.18.0-rolling-daily"», "uncompressed_size_mb": 1, "available_tags": ["develop"] }')} }`, severity: 'warning', suggestions: ['1.18.0-rolling-daily'] },
  { code: 'image-tag-older-release', what: '1.19.x installing a 1.18.0 image', text: `{ ${c11('{ "version": "1.19.x", "image": «"kasmweb/chrome:1.18.0-rolling-daily"», "uncompressed_size_mb": 1 }')} }`, severity: 'warning', suggestions: ['kasmweb/chrome:1.19.0-rolling-daily'] },
  { code: 'image-tag-older-release', what: 'exact 1.18.1 installing a 1.16.1 image from a host', text: `{ ${c11('{ "version": "1.18.1", "image": «"kcr.kasmweb.com/x/y:1.16.1"», "uncompressed_size_mb": 1 }')} }`, severity: 'warning', suggestions: ['kcr.kasmweb.com/x/y:1.18.1'] },
  { code: 'size-zero', what: 'a 1.1 size of 0', text: `{ ${c11('{ "version": "1.18.x", "image": "a/b:1", "uncompressed_size_mb": «0» }')} }`, severity: 'warning' },
  { code: 'size-zero', what: 'a 1.0 size of 0', text: '{ "name": "a/b:1", "uncompressed_size_mb": «0» }', severity: 'warning' },
  { code: 'architecture-empty', what: 'no architecture', text: '{ "architecture": «[]» }', severity: 'warning' },
  { code: 'duplicate-value', what: 'an architecture twice', text: '{ "architecture": ["amd64", «"amd64"»] }', severity: 'warning' },
  { code: 'too-many-categories', what: 'a fourth category', text: '{ "categories": ["Desktop", "Office", "Games", «"Chat"»] }', severity: 'warning' },
  { code: 'category-near-miss', what: '"Developement"', text: '{ "categories": [«"Developement"»] }', severity: 'warning', suggestions: ['Development'] },
  { code: 'category-near-miss', what: '"Developer"', text: '{ "categories": [«"Developer"»] }', severity: 'warning', suggestions: ['Development'] },
  { code: 'category-near-miss', what: '"desktop" in lower case', text: '{ "categories": [«"desktop"»] }', severity: 'warning', suggestions: ['Desktop'] },
  { code: 'non-latin1-name', what: 'an emoji in friendly_name', text: '{ "friendly_name": «"Chrome 🚀"» }', severity: 'error', message: /Latin-1/ },
  { code: 'name-too-long', what: 'a 256-character friendly_name', text: `{ "friendly_name": «"${'x'.repeat(256)}"» }`, severity: 'error' },
  { code: 'empty-notes', what: 'empty notes', text: '{ "notes": «""» }', severity: 'info' },
  { code: 'memory-not-positive', what: 'memory 0 (the installer uses its default)', text: '{ "memory": «0» }', severity: 'warning', message: /default/ },
  { code: 'memory-not-positive', what: 'negative memory', text: '{ "memory": «-512» }', severity: 'error' },
  { code: 'memory-in-gb', what: 'memory 4 (meant GB)', text: '{ "memory": «4» }', severity: 'warning', message: /For 4 GB write 4000/, suggestions: [4000] },
  { code: 'memory-in-gb', what: 'the copy of a repeated memory that Kasm keeps (the last)', text: '{ "memory": 4000, "memory": «4» }', severity: 'warning' },
  { code: 'memory-in-gb', what: 'memory 2.5', text: '{ "memory": «2.5» }', severity: 'warning', suggestions: [2500] },
  { code: 'memory-too-small', what: 'memory 200', text: '{ "memory": «200» }', severity: 'warning' },
  { code: 'memory-too-large', what: 'memory in bytes', text: '{ "memory": «2768000000» }', severity: 'warning' },
  { code: 'memory-not-integer', what: 'a fraction of a MB', text: '{ "memory": «2768.5» }', severity: 'warning', suggestions: [2769] },
  { code: 'cores-not-positive', what: 'cores 0 (the installer uses its default)', text: '{ "cores": «0» }', severity: 'warning' },
  { code: 'cores-not-positive', what: 'negative cores', text: '{ "cores": «-1» }', severity: 'error' },
  { code: 'cores-too-many', what: '1000 cores', text: '{ "cores": «1000» }', severity: 'warning' },
  { code: 'gpu-count-invalid', what: 'negative gpu_count', text: '{ "gpu_count": «-1» }', severity: 'error' },
  { code: 'gpu-count-invalid', what: 'half a GPU (Kasm rounds it)', text: '{ "gpu_count": «0.5» }', severity: 'warning' },
  { code: 'gpu-count-too-many', what: '64 GPUs', text: '{ "gpu_count": «64», "require_gpu": true }', severity: 'warning' },
  { code: 'gpu-contradiction', what: 'require_gpu without GPUs', text: '{ "require_gpu": «true», "gpu_count": 0 }', severity: 'warning' },
  { code: 'gpu-contradiction', what: 'GPUs without require_gpu', text: '{ "require_gpu": false, "gpu_count": «1» }', severity: 'info' },
  { code: 'image-invalid', what: 'an upper-case repository', text: '{ "name": «"MyOrg/Desktop:1.0"» }', severity: 'error', suggestions: ['myorg/desktop:1.0'] },
  { code: 'image-invalid', what: 'a URL as image', text: '{ "name": «"https://hub.docker.com/r/kasmweb/chrome"» }', severity: 'error' },
  { code: 'image-invalid', what: 'a 1.1 image with a space', text: `{ ${c11('{ "version": "1.18.x", "image": «"kasmweb/chrome: 1.18"», "uncompressed_size_mb": 1 }')} }`, severity: 'error' },
  { code: 'image-invalid', what: 'the image Kasm keeps (the last) when an element gives two', text: `{ ${c11('{ "version": "1.18.x", "image": "kasmweb/chrome:1.18", "image": «"Kasmweb/Chrome"», "uncompressed_size_mb": 1 }')} }`, severity: 'error' },
  { code: 'image-no-tag', what: 'an image without tag', text: '{ "name": «"kasmweb/chrome"» }', severity: 'warning' },
  { code: 'docker-registry-invalid', what: 'not a URL', text: '{ "docker_registry": «"docker hub"» }', severity: 'info' },
  { code: 'docker-registry-invalid', what: 'empty', text: '{ "docker_registry": «""» }', severity: 'info' },
  { code: 'docker-registry-web-page', what: 'a Docker Hub web page', text: '{ "docker_registry": «"https://hub.docker.com/r/kasmweb/chrome"» }', severity: 'warning', suggestions: ['https://index.docker.io/v1/'] },
  { code: 'docker-registry-bogus', what: 'the v1.1 address', text: '{ "docker_registry": «"https://index.docker.io/v1.1/"» }', severity: 'warning', suggestions: ['https://index.docker.io/v1/'] },
  { code: 'docker-registry-slash', what: 'no trailing slash', text: '{ "docker_registry": «"https://ghcr.io"» }', severity: 'info', suggestions: ['https://ghcr.io/'] },
  { code: 'icon-path', what: 'a path leading out', text: '{ "image_src": «"../other/icon.png"» }', severity: 'warning', message: /leads out/ },
  { code: 'icon-path', what: 'a URL', text: '{ "image_src": «"https://example.com/icon.png"» }', severity: 'warning', message: /URL/ },
  { code: 'icon-path', what: 'an absolute path', text: '{ "image_src": «"/etc/passwd"» }', severity: 'warning', message: /absolute/ },
  { code: 'icon-path', what: 'a Windows drive path', text: '{ "image_src": «"C:\\\\icons\\\\a.png"» }', severity: 'warning' },
  { code: 'icon-extension', what: 'a .jpg icon (displays all the same: info, §12)', text: '{ "image_src": «"icon.jpg"» }', severity: 'info', files: { 'icon.jpg': 'x' }, message: /displays in Kasm all the same/ },
  { code: 'icon-missing', what: 'a missing icon, offering the one present', text: '{ "image_src": «"chrome.png"» }', severity: 'warning', files: { 'chromium.png': squareIcon() }, suggestions: ['chromium.png'] },
  { code: 'icon-unreadable', what: 'a PNG that is not one', text: '{ "image_src": «"icon.png"» }', severity: 'warning', files: { 'icon.png': 'not a png' } },
  { code: 'icon-size', what: 'a 32×32 PNG', text: '{ "image_src": «"icon.png"» }', severity: 'warning', files: { 'icon.png': encodePng(32, 32, [0, 0, 0]) }, message: /32×32 px is smaller than 50×50/ },
  { code: 'icon-size', what: 'a wide PNG (letterboxed, not squeezed)', text: '{ "image_src": «"icon.png"» }', severity: 'warning', files: { 'icon.png': encodePng(120, 60, [0, 0, 0]) }, message: /far from square: Kasm shows it letterboxed, not squeezed/ },
  { code: 'icon-size', what: 'a 48×48 PNG (looks the same: info, §12)', text: '{ "image_src": «"icon.png"» }', severity: 'info', files: { 'icon.png': encodePng(48, 48, [0, 0, 0]) }, message: /48×48 px is smaller than 50×50/ },
  { code: 'icon-size', what: 'a 47×47 PNG (a warning)', text: '{ "image_src": «"icon.png"» }', severity: 'warning', files: { 'icon.png': encodePng(47, 47, [0, 0, 0]) } },
  { code: 'icon-size', what: 'a wide SVG from a drawing program (its viewBox after an XML, comment and DOCTYPE header)', text: '{ "image_src": «"icon.svg"» }', severity: 'warning', files: { 'icon.svg': '<?xml version="1.0"?>\n<!-- Generator: Adobe Illustrator 24.0.0 -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg version="1.1" xmlns="http://www.w3.org/2000/svg" x="0px" y="0px" viewBox="0 0 512 256"><g/></svg>' }, message: /512×256 px is far from square: Kasm shows it letterboxed/ },
  { code: 'icon-format-mismatch', what: 'an ICO named .png: "an ICO"', text: '{ "image_src": «"icon.png"» }', severity: 'info', files: { 'icon.png': Buffer.from('0000010001004040000001002000280000001600000028000000400000008000000001002000', 'hex') }, message: /is an ICO image/ },
  { code: 'icon-size', what: 'a 12 % off-square PNG', text: '{ "image_src": «"icon.png"» }', severity: 'warning', files: { 'icon.png': encodePng(100, 88, [0, 0, 0]) }, message: /far from square/ },
  { code: 'icon-format-mismatch', what: 'a GIF named .png', text: '{ "image_src": «"icon.png"» }', severity: 'info', files: { 'icon.png': gif(64, 64) }, message: /GIF image/ },
  { code: 'icon-size', what: 'a 30×30 GIF: the size of the real format', text: '{ "image_src": «"icon.gif"» }', severity: 'warning', files: { 'icon.gif': gif(30, 30) }, message: /30×30 px/ },
  { code: 'launch-form-key', what: 'a duplicated field key', text: '{ "launch_config": { "launch_form": [ { "key": "a", "label": "A", "input_type": "text" }, { "key": «"a"», "label": "B", "input_type": "text" } ] } }', severity: 'warning' },
  { code: 'launch-form-key', what: 'display_if naming no field', text: '{ "launch_config": { "launch_form": [ { "key": "a", "label": "A", "input_type": "text", "display_if": [ { "key": «"vpn"», "value_regex": "x" } ] } ] } }', severity: 'warning' },
  { code: 'launch-form-options', what: 'a select without options', text: '{ "launch_config": { "launch_form": [ { "key": "a", "label": "A", "input_type": «"select"», "options": [] } ] } }', severity: 'warning' },
  { code: 'launch-form-regex', what: 'an invalid validator_regex', text: '{ "launch_config": { "launch_form": [ { "key": "a", "label": "A", "input_type": "text", "validator_regex": «"^(abc"» } ] } }', severity: 'warning' },
  { code: 'launch-form-key', what: 'display_if naming no field inside an AND group', text: '{ "launch_config": { "launch_form": [ { "key": "a", "display_if": [ [ { "key": "a", "value_regex": "x" }, { "key": «"b"», "value_regex": "y" } ] ] } ] } }', severity: 'warning' },
  { code: 'launch-form-regex', what: 'a value_regex written as a regular expression', text: '{ "launch_config": { "launch_form": [ { "key": "a" }, { "key": "b", "display_if": [ { "key": "a", "value_regex": «"^open.*$"» } ] } ] } }', severity: 'warning', message: /equality/ },
  { code: 'wrong-type', what: 'a launch form value that is a number', text: '{ "launch_config": { "launch_form": [ { "key": "a", "value": «5» } ] } }', severity: 'error' },
  { code: 'wrong-type', what: 'environment as a list (every session fails)', text: '{ "run_config": { "environment": «["A=1"]» } }', severity: 'error' },
  { code: 'run-config-set-by-kasm', what: 'mem_limit, which Kasm sets from memory', text: '{ "run_config": { «"mem_limit"»: "2g" } }', severity: 'warning' },
  { code: 'run-config-value', what: 'a size docker-py cannot read', text: '{ "run_config": { "shm_size": «"1GiB"» } }', severity: 'error', suggestions: ['1g'] },
  { code: 'run-config-value', what: 'cpu_quota with Quotas', text: '{ "cpu_allocation_method": "Quotas", "run_config": { "cpu_quota": «50000» } }', severity: 'error' },
  { code: 'image-setting-invalid', what: 'a persistent profile path without {username}', text: '{ "persistent_profile_path": «"/profiles/shared"» }', severity: 'error' },
  { code: 'image-setting-invalid', what: 'restrict_to_network without network names', text: '{ "restrict_to_network": «true» }', severity: 'error' },
  { code: 'image-setting-invalid', what: 'a filter policy id that is not a UUID', text: '{ "filter_policy_id": «"strict"» }', severity: 'error' },
  { code: 'unknown-value', what: 'a volume mapping mode Kasm does not know', text: '{ "volume_mappings": { "/srv/x": { "bind": "/x", "mode": «"rwx"» } } }', severity: 'error', message: /"rw", "ro"/ },
  { code: 'credentials-published', what: 'a docker_token', text: '{ "docker_token": «"ghp_x"» }', severity: 'warning' },
  { code: 'installer-override', what: 'enabled false', text: '{ "enabled": «false» }', severity: 'hint' },
  { code: 'installer-override', what: 'image_type Server', text: '{ "image_type": «"Server"» }', severity: 'hint' },
  { code: 'size-implausible', what: 'a size in GB', text: `{ ${c11('{ "version": "1.18.x", "image": "a/b:1", "uncompressed_size_mb": «2.46» }')} }`, severity: 'warning', suggestions: [2460] },
  { code: 'size-implausible', what: 'a size in bytes', text: '{ "name": "a/b:1", "uncompressed_size_mb": «2460000000» }', severity: 'warning' },
  { code: 'available-tags-invalid', what: 'a tag listed twice', text: `{ ${c11('{ "version": "1.18.x", "image": "a/b:develop", "uncompressed_size_mb": 1, "available_tags": ["develop", «"develop"»] }')} }`, severity: 'warning' },
  { code: 'available-tags-invalid', what: 'an empty list', text: `{ ${c11('{ "version": "1.18.x", "image": "a/b:develop", "uncompressed_size_mb": 1, "available_tags": «[]» }')} }`, severity: 'warning' },
  { code: 'docker-config-review', what: 'a privileged container', text: '{ "run_config": { «"privileged"»: true } }', severity: 'hint', message: /full access/ },
  { code: 'docker-config-review', what: 'a session user other than 1000', text: '{ "run_config": { «"user"»: "root" } }', severity: 'hint', message: /^Asks of the host: running as root\. Kasm's dashboard/ },
  // Kasm accuracy III (kasm-format.md §12): what 1,000 more real entries showed broken.
  { code: 'missing-required', what: 'compatibility missing in 1.0 (never listed; the storefront fails)', text: '«{»\n "name": "a/b:1", "friendly_name": "x" }', schema: '1.0', severity: 'error', message: /Missing "compatibility".*never list the entry/ },
  { code: 'version-wrong-schema', what: 'a 1.1 entry listed only for 1.15 (no Kasm lists it)', text: `{ ${c11('{ "version": «"1.15.x"», "image": "a/b:1", "uncompressed_size_mb": 1 }')} }`, severity: 'error', message: /no Kasm installation lists this entry/ },
  { code: 'version-format', what: 'a stray "1.15" beside "1.15.x" (harmless)', text: '{ "compatibility": ["1.15.x", «"1.15"»] }', schema: '1.0', severity: 'info', message: /still listed for its other versions/ },
  { code: 'wrong-type', what: 'a Docker boolean written as a string (every session start fails)', text: '{ "run_config": { "privileged": «"true"» } }', severity: 'error', suggestions: [true], message: /Docker refuses the string "true"/ },
  { code: 'image-host-missing', what: 'an image without a host while docker_registry is ghcr.io', text: `{ "docker_registry": "https://ghcr.io/", ${c11('{ "version": "1.18.x", "image": «"acme/x:1"», "uncompressed_size_mb": 1 }')} }`, severity: 'warning', suggestions: ['ghcr.io/acme/x:1'] },
  { code: 'run-config-value', what: 'a fixed host port (fix: null)', text: '{ "run_config": { "ports": { "8080/tcp": «8080» } } }', severity: 'warning', message: /second session on the same agent/, suggestions: [null] },
  { code: 'unknown-key', what: 'a key in restart_policy Docker does not read', text: '{ "run_config": { "restart_policy": { "Name": "always", «"Foo"»: 1 } } }', severity: 'warning', message: /only "Name" and "MaximumRetryCount"/ },
  { code: 'run-config-value', what: 'device permissions "1rwm"', text: '{ "run_config": { "devices": [«"/dev/dri:/dev/dri:1rwm"»] } }', severity: 'warning', message: /combination of r, w and m/ },
  { code: 'unknown-key', what: 'a Docker argument in exec_config (ignored there)', text: '{ "exec_config": { «"cap_add"»: ["NET_ADMIN"] } }', severity: 'warning', message: /Move it to run_config/ },
  { code: 'docker-registry-web-page', what: 'a GitHub Pages site as docker_registry', text: '{ "docker_registry": «"https://acme.github.io/registry/"» }', severity: 'warning', message: /GitHub Pages site/ },
  { code: 'missing-required', what: 'an exec hook with an empty cmd', text: '{ "exec_config": { "go": { "cmd": «""» } } }', severity: 'warning', message: /The go hook's "cmd" is empty/ },
  { code: 'category-near-miss', what: 'two categories joined by a comma in one string', text: '{ "categories": [«"Development, Productivity"»] }', severity: 'warning', message: /one category with commas in it/ },
  { code: 'size-implausible', what: '131418 MB (131 GB, seen in a real entry)', text: `{ ${c11('{ "version": "1.18.x", "image": "a/b:1", "uncompressed_size_mb": «131418» }')} }`, severity: 'warning', message: /131 GB, larger than any workspace image/ },
  { code: 'gpu-contradiction', what: 'require_gpu with gpu_count absent: says it is not set, not that it is 0', text: '{ "require_gpu": «true» }', severity: 'warning', message: /gpu_count is not set/ },
  { code: 'docker-config-review', what: 'one hint for everything an entry asks of the host (§12: one per key was noise)', text: '{ "run_config": { «"privileged"»: true, "cap_add": ["NET_ADMIN"], "user": "root" }, "exec_config": { "go": { "cmd": "x", "privileged": true } }, "volume_mappings": {} }', severity: 'hint', message: /run_config's "privileged" \(the container runs with full access.*\); run_config's "cap_add"; the session running as "root".*; the go command, which runs privileged; the host paths mounted by volume_mappings\./ },
  { code: 'docker-config-review', what: 'an exec hook run as root', text: '{ "exec_config": { "first_launch": { "cmd": "x", «"user"»: "root" } } }', severity: 'hint' },
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

  it('covers every rule code (the cross-entry rules are in registry.test.ts, too-many-problems in largeDocuments.test.ts, the online ones in lsp/ and cli/onlineImages against a real registry)', () => {
    const crossEntry: RuleCode[] = [
      'too-many-problems', 'duplicate-name', 'icon-collision', 'available-tags-partial', 'registry-schema-mismatch', 'registry-config',
      'registry-misses-newest', 'version-exact-beside-wildcard',
    ];
    const online: RuleCode[] = ['image-host-refused', 'image-tag-missing', 'image-repository-missing', 'image-arch-missing', 'image-arch-unlisted', 'image-size-far', 'available-tag-missing'];
    // test/core/lintConfig.test.ts, cli/lintConfig.test.ts, lsp/registry.test.ts; cli/hostile.test.ts
    const lintConfig: RuleCode[] = ['lint-config', 'entry-not-regular-file'];
    // cli/agent.test.ts: it needs the registry's or the user's agent.
    const agent: RuleCode[] = ['agent-too-small'];
    const tested = new Set([...CASES.map((c) => c.code), ...crossEntry, ...online, ...lintConfig, ...agent]);
    assert.deepEqual(Object.keys(RULES).filter((code) => !tested.has(code as RuleCode)), []);
  });

  it('calls an image tag an older Kasm release only for Kasm\'s images or an entry whose other tags follow their release (#29.2)', () => {
    const element = (version: string, image: string) => `{ "version": "${version}", "image": "${image}", "uncompressed_size_mb": 1 }`;
    const older = (...elements: string[]) => service.validate(textDocument(`{ ${c11(elements.join(', '))} }`))
      .filter((d) => d.code === 'image-tag-older-release').map((d) => d.range.start.character);
    assert.deepEqual(older(element('1.19.x', 'kasmweb/chrome:1.19.0')), [], 'its own release');
    assert.deepEqual(older(element('1.18.x', 'kasmweb/chrome:1.19.0')), [], 'a newer release is not older');
    assert.deepEqual(older(element('1.19.x', 'kasmweb/chrome:1.19.7')), [], 'not a Kasm release');
    assert.deepEqual(older(element('1.19.x', 'gitea/gitea:1.16.1')), [], 'another project\'s own version');
    assert.deepEqual(older(element('1.18.x', 'gitea/gitea:1.18.0'), element('1.19.x', 'gitea/gitea:1.18.0')).length, 1, 'this entry\'s tags follow the release');
    assert.deepEqual(older(element('1.19.x', 'kasmweb/chrome:1.18.1')).length, 1);
  });

  it('accepts what Kasm accepts (kasm-format.md §12): description null, "./icon.png", cpu_shares under Inherit, an image with the login registry\'s host', () => {
    const cases: [string, Record<string, string | Buffer>][] = [
      [VALID_1_1.replace(/"description": "[^"]*"/, '"description": null'), { 'icon.png': squareIcon() }],
      [VALID_1_1.replace(/"image_src": "[^"]*"/, '"image_src": "./icon.png"'), { 'icon.png': squareIcon() }],
      [VALID_1_1.replace(/^\{/, '{ "run_config": { "cpu_shares": 512 },'), { 'icon.png': squareIcon() }],
      // The clean entry's docker_registry is Docker Hub's: its hostless image is right there.
      [VALID_1_1.replace('"https://index.docker.io/v1/"', '"https://ghcr.io/"').replace('myorg/desktop', 'ghcr.io/myorg/desktop'), { 'icon.png': squareIcon() }],
      // Kasm's own registry: kcr.kasmweb.com as the login, kasmweb/… pulled from Docker Hub, where it also is.
      [VALID_1_1.replace('"https://index.docker.io/v1/"', '"https://kcr.kasmweb.com/v1/"').replace('myorg/desktop', 'kasmweb/desktop'), { 'icon.png': squareIcon() }],
    ];
    for (const [text, files] of cases) {
      const found = service.validate(textDocument(text, entryFolder(files))).filter((d) => d.code !== 'docker-config-review');
      assert.deepEqual(found.map((d) => [d.code, d.message]), [], text);
    }
    // Under "Shares" Kasm sets the shares itself: then it is said.
    const shares = VALID_1_1.replace(/^\{/, '{ "cpu_allocation_method": "Shares", "run_config": { "cpu_shares": 512 },');
    assert.ok(service.validate(textDocument(shares, entryFolder({ 'icon.png': squareIcon() }))).some((d) => d.code === 'run-config-set-by-kasm'));
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

  it('keeps a message short when it quotes a pasted blob, with its advice', () => {
    const [invalid] = service.validate(textDocument(`{ "name": "Kasm/${'x'.repeat(5000)}:1" }`)).filter((d) => d.code === 'image-invalid');
    assert.ok(invalid.message.length <= 1001, `${invalid.message.length} characters`);
    assert.match(invalid.message, /lower case/);
  });

  it('never puts a diagnostic on a whole multi-line block', () => {
    const doc = textDocument('{\n "exec_config": {\n  "go": {\n   "user": 1\n  }\n },\n "run_config": [\n  1\n ]\n}');
    for (const d of service.validate(doc)) assert.equal(d.range.start.line, d.range.end.line, `${d.code} spans lines`);
  });
});

/** What Kasm accepts (kasm-format.md §10–§11): none of these codes may be reported on the document. */
const ACCEPTED: { what: string; text: string; files?: Record<string, string | Buffer>; absent: RuleCode[] }[] = [
  { what: 'valid run_config arguments not in the old list', text: '{ "run_config": { "mem_reservation": "1g", "pids_limit": 100, "shm_size": "512m", "nano_cpus": 1, "ulimits": [{ "name": "nofile", "soft": 1, "hard": 2 }] } }', absent: ['unknown-key', 'misspelled-key', 'run-config-value', 'wrong-type'] },
  { what: 'a display_if AND group (Kasm\'s own VPN entries)', text: '{ "launch_config": { "launch_form": [ { "key": "a" }, { "key": "b", "display_if": [ [ { "key": "a", "value_regex": "x" } ] ] } ] } }', absent: ['wrong-type', 'launch-form-key'] },
  { what: 'options: null and an HTML input type', text: '{ "launch_config": { "launch_form": [ { "key": "a", "input_type": "number", "options": null } ] } }', absent: ['wrong-type', 'unknown-value', 'launch-form-options'] },
  { what: 'the next Kasm minor, ahead of its release', text: '{ "compatibility": [{ "version": "1.20.x", "image": "a/b:develop", "uncompressed_size_mb": 0 }] }', absent: ['version-unknown'] },
  { what: 'Kasm image properties in a 1.1 entry', text: '{ "hidden": true, "session_time_limit": 3600, "persistent_profile_path": "/p/{username}", "restrict_to_network": true, "restrict_network_names": ["vpn"] }', absent: ['unknown-key', 'image-setting-invalid', 'misspelled-key'] },
  { what: 'a near-square icon (327×320)', text: '{ "image_src": "icon.png" }', files: { 'icon.png': encodePng(327, 320, [0, 0, 0]) }, absent: ['icon-size'] },
  { what: 'a GIF named .png, well-sized', text: '{ "image_src": "icon.png" }', files: { 'icon.png': gif(64, 64) }, absent: ['icon-unreadable', 'icon-size'] },
  { what: 'an SVG icon', text: '{ "image_src": "icon.svg" }', files: { 'icon.svg': '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>' }, absent: ['icon-unreadable', 'icon-format-mismatch', 'icon-size'] },
  { what: 'a drawing program\'s SVG, 24×24 in width/height px (a vector image is never too small, §12)', text: '{ "image_src": "icon.svg" }', files: { 'icon.svg': '<?xml version="1.0" encoding="utf-8"?>\n<!-- Generator: Adobe Illustrator -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg width="24px" height="24px" xmlns="http://www.w3.org/2000/svg"/>' }, absent: ['icon-unreadable', 'icon-format-mismatch', 'icon-size', 'icon-extension'] },
  { what: 'a value_regex that is a plain value', text: '{ "launch_config": { "launch_form": [ { "key": "a" }, { "key": "b", "display_if": [ { "key": "a", "value_regex": "openvpn" } ] } ] } }', absent: ['launch-form-regex'] },
];

describe('diagnostics: what Kasm accepts gets none of them', () => {
  for (const { what, text, files, absent } of ACCEPTED) {
    it(what, () => {
      const doc = textDocument(text, files ? entryFolder(files) : undefined);
      const found = service.validate(doc).filter((d) => absent.includes(d.code));
      assert.deepEqual(found.map((d) => `${d.code}: ${d.message}`), []);
    });
  }
});
