// Values of the wrong type and versions of the wrong form (diagnostics/schema.ts), in process (#31): each message
// names the path as an author reads it and both types in words; a string meant as a number or boolean is offered
// back as one; a Docker boolean written as a string is an error (§12); a stray "1.15" beside good versions is info.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { service, spoken, textDocument } from '../helpers/core';

function typeProblems(entry: object): string[] {
  const text = JSON.stringify(entry);
  const doc = textDocument(text);
  return service.validate(doc).filter((d) => ['wrong-type', 'version-format', 'compatibility-shape'].includes(String(d.code))).map((d) => spoken(doc, d));
}

describe('values of the wrong type', () => {
  it('offers the number or boolean a string was meant to be, and nothing for what is neither', () => {
    const cases: [object, string][] = [
      [{ memory: '4096' }, 'wrong-type/error at "4096": memory must be a number, not a string. [4096]'],
      [{ memory: ' 4096 ' }, 'wrong-type/error at " 4096 ": memory must be a number, not a string. [4096]'],
      [{ memory: '4.5' }, 'wrong-type/error at "4.5": memory must be a number, not a string. [4.5]'],
      [{ memory: '-2' }, 'wrong-type/error at "-2": memory must be a number, not a string. [-2]'],
      [{ memory: '4GB' }, 'wrong-type/error at "4GB": memory must be a number, not a string.'],
      [{ memory: '4.' }, 'wrong-type/error at "4.": memory must be a number, not a string.'],
      [{ require_gpu: 'TRUE' }, 'wrong-type/error at "TRUE": require_gpu must be a boolean, not a string. [true]'],
      [{ require_gpu: 'False' }, 'wrong-type/error at "False": require_gpu must be a boolean, not a string. [false]'],
      [{ require_gpu: 'yes' }, 'wrong-type/error at "yes": require_gpu must be a boolean, not a string.'],
      [{ require_gpu: 'truely' }, 'wrong-type/error at "truely": require_gpu must be a boolean, not a string.'],
      [{ run_config: { cpu_count: '2' } }, 'wrong-type/warning at "2": run_config.cpu_count must be a whole number, not a string. [2]'],
      [{ run_config: { cpu_count: '-2' } }, 'wrong-type/warning at "-2": run_config.cpu_count must be a whole number, not a string. [-2]'],
      [{ run_config: { cpu_count: '2.5' } }, 'wrong-type/warning at "2.5": run_config.cpu_count must be a whole number, not a string.'],
      [{ run_config: { cpu_count: 2.5 } }, 'wrong-type/warning at 2.5: run_config.cpu_count must be a whole number, not a number.'],
    ];
    for (const [entry, problem] of cases) assert.deepEqual(typeProblems(entry), [problem], JSON.stringify(entry));
  });

  it('calls a Docker boolean written as a string an error: Docker refuses it at every session start', () => {
    assert.deepEqual(typeProblems({ run_config: { privileged: 'true' } }), [
      'wrong-type/error at "true": run_config.privileged must be a boolean, not a string. Docker refuses the string "true": every session start fails. [true]',
    ]);
    assert.deepEqual(typeProblems({ run_config: { privileged: 'on' } }), ['wrong-type/warning at "on": run_config.privileged must be a boolean, not a string.']);
  });

  it('names each type in words, and the path with its odd characters', () => {
    assert.deepEqual(typeProblems({ friendly_name: 5 }), ['wrong-type/error at 5: friendly_name must be a string, not a whole number.']);
    assert.deepEqual(typeProblems({ friendly_name: 1.5 }), ['wrong-type/error at 1.5: friendly_name must be a string, not a number.']);
    assert.deepEqual(typeProblems({ friendly_name: null }), ['wrong-type/error at null: friendly_name must be a string, not null.']);
    assert.deepEqual(typeProblems({ friendly_name: {} }), ['wrong-type/error at {}: friendly_name must be a string, not an object.']);
    assert.deepEqual(typeProblems({ categories: 'Desktop' }), ['wrong-type/error at "Desktop": categories must be an array, not a string.']);
    assert.deepEqual(typeProblems({ volume_mappings: { '/srv/a~b': 5 } }), ['wrong-type/error at 5: volume_mappings./srv/a~b must be an object, not a whole number.']);
  });

  it('a version of the wrong form: the M.m.x it probably means; info beside versions that match', () => {
    const message = (value: string, fixed?: string) => `"${value}" is not a Kasm version: write "M.m.x" for every release of a version, or an exact "M.m.p"`
      + `${fixed ? ` (did you mean "${fixed}"?)` : ''}.`;
    assert.deepEqual(typeProblems({ compatibility: ['1.15'] }), [`version-format/error at "1.15": ${message('1.15', '1.15.x')} ["1.15.x"]`]);
    assert.deepEqual(typeProblems({ compatibility: ['1.15', '1.14.x'] }),
      [`version-format/info at "1.15": ${message('1.15', '1.15.x')} It matches no Kasm version; the entry is still listed for its other versions. ["1.15.x"]`]);
    assert.deepEqual(typeProblems({ compatibility: ['v1.15.x'] }), [`version-format/error at "v1.15.x": ${message('v1.15.x')}`]);
    assert.deepEqual(typeProblems({ compatibility: ['1.15.1.2'] }).map((p) => p.split(':')[0]), ['version-format/error at "1.15.1.2"']);
    assert.deepEqual(typeProblems({ compatibility: [{ version: '1.18', image: 'a:1', uncompressed_size_mb: 1 }, { version: '1.18.x', image: 'a:1', uncompressed_size_mb: 1 }] }),
      [`version-format/error at "1.18": ${message('1.18', '1.18.x')} ["1.18.x"]`], 'objects are not a list of versions');
  });
});
