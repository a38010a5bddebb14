// The core's small helpers, at their boundaries (#31): which workspace.json is a Kasm entry (#18.3), the memo the
// rules call on every keystroke, Markdown escaping of entry text in hovers, and "inside the registry" for paths.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { inWorkspacesFolder, isKasmEntry, isKasmValue } from '../../server/src/service/entryDetection';
import { ENTRY_SIGNATURE_KEYS } from '../../server/src/service/kasm/knowledge';
import { escapeMarkdown, markdownUrl } from '../../server/src/service/markdown';
import { memoize } from '../../server/src/service/memoize';
import { isWithin } from '../../server/src/service/paths';

describe('which workspace.json is a Kasm entry', () => {
  it('any file at workspaces/<Name>/workspace.json, with either separator', () => {
    assert.equal(inWorkspacesFolder('/r/workspaces/A/workspace.json'), true);
    assert.equal(inWorkspacesFolder('workspaces/A/workspace.json'), true, 'three parts are enough');
    assert.equal(inWorkspacesFolder('C:\\r\\workspaces\\A\\workspace.json'), true);
    assert.equal(inWorkspacesFolder('/r/workspaces/workspace.json'), false, 'not in a folder of its own');
    assert.equal(inWorkspacesFolder('/r/apps/A/workspace.json'), false);
    assert.equal(inWorkspacesFolder('A/workspace.json'), false, 'two parts');
    assert.equal(inWorkspacesFolder('/r/workspaces/A/B/workspace.json'), false, 'one level too deep');
  });

  it('elsewhere, a file whose top level shows a key only Kasm entries have', () => {
    // Written out: a key dropped from the knowledge must fail here.
    const signatures = [
      'friendly_name', 'image_src', 'compatibility', 'categories', 'architecture', 'run_config', 'exec_config', 'docker_registry',
      'uncompressed_size_mb', 'require_gpu', 'gpu_count', 'cores', 'memory',
    ];
    assert.deepEqual([...ENTRY_SIGNATURE_KEYS].sort(), [...signatures].sort());
    for (const key of signatures) assert.equal(isKasmEntry('/nx/workspace.json', JSON.stringify({ version: 2, [key]: 1 })), true, key);
    assert.equal(isKasmEntry('/nx/workspace.json', '{"version": 2, "projects": {}}'), false, "Nx's workspace.json");
    assert.equal(isKasmEntry('/nx/workspace.json', '{"projects": {"friendly_name": 1}}'), false, 'only the top level counts');
    assert.equal(isKasmEntry('/r/workspaces/A/workspace.json', '{"projects": {}}'), true, 'in workspaces/ always');
    assert.equal(isKasmEntry('/nx/workspace.json', '{"friendly_name": "A", /* comment */ }'), true, 'read as JSONC');
  });

  it('a file being written (empty, {}, not an object yet) counts, so its syntax errors show', () => {
    for (const text of ['', '{}', '[', '"x"', '3', 'null', '[1]']) assert.equal(isKasmEntry('/nx/workspace.json', text), true, JSON.stringify(text));
    assert.equal(isKasmValue({ a: 1 }), false);
    assert.equal(isKasmValue([]), true);
    assert.equal(isKasmValue(null), true);
  });
});

describe('memoize', () => {
  it('computes each key once, including keys whose answer is undefined', () => {
    const computed: string[] = [];
    const lookup = memoize((key: string) => { computed.push(key); return key === 'none' ? undefined : key.length; });
    assert.deepEqual([lookup('abc'), lookup('abc'), lookup('none'), lookup('none')], [3, 3, undefined, undefined]);
    assert.deepEqual(computed, ['abc', 'none']);
  });

  it('starts over at the limit, not before', () => {
    const computed: string[] = [];
    const lookup = memoize((key: string) => { computed.push(key); return key; }, 2);
    lookup('a'); lookup('b'); lookup('a');
    assert.deepEqual(computed, ['a', 'b'], 'two answers fit a limit of two');
    lookup('c'); lookup('b');
    assert.deepEqual(computed, ['a', 'b', 'c', 'b'], 'the third started over');
  });

  it('computes a key longer than 256 characters every time, and keeps one of exactly 256', () => {
    let computed = 0;
    const lookup = memoize((key: string) => { computed++; return key.length; });
    lookup('x'.repeat(256)); lookup('x'.repeat(256));
    assert.equal(computed, 1);
    lookup('x'.repeat(257)); lookup('x'.repeat(257));
    assert.equal(computed, 3);
  });
});

describe('Markdown of entry text', () => {
  it('escapes every ASCII punctuation character, so a link or image stays text', () => {
    assert.equal(escapeMarkdown('![x](https://a.example/b.png)'), '\\!\\[x\\]\\(https\\:\\/\\/a\\.example\\/b\\.png\\)');
    assert.equal(escapeMarkdown('a_b*c`d~e|f<g>h#i{j}k'), 'a\\_b\\*c\\`d\\~e\\|f\\<g\\>h\\#i\\{j\\}k');
    assert.equal(escapeMarkdown('Plain words 123'), 'Plain words 123');
  });

  it('turns each run of line breaks and control characters into one space', () => {
    assert.equal(escapeMarkdown('one\n# two\r\n\tthree\u0000\u007ffour'), 'one \\# two three four');
  });

  it('keeps a file URL one link: parentheses, spaces and bars percent-encoded', () => {
    assert.equal(markdownUrl('file:///r/a (1)/b c|d.png'), 'file:///r/a%20%281%29/b%20c%7Cd.png');
    assert.equal(markdownUrl('file:///r/tab\there'), 'file:///r/tab%09here');
  });
});

describe('isWithin', () => {
  it('is strictly inside: not the folder itself, not its parent, not a sibling', () => {
    const root = path.join(path.sep, 'r', 'reg');
    assert.equal(isWithin(root, path.join(root, 'workspaces', 'A')), true);
    assert.equal(isWithin(root, path.join(root, '..x')), true, 'a folder named ..x is inside');
    assert.equal(isWithin(root, root), false);
    assert.equal(isWithin(root, path.dirname(root)), false);
    assert.equal(isWithin(root, path.join(path.dirname(root), 'other')), false);
  });
});
